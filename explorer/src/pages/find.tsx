// 查找 · Find: associations by name, by the usual abbreviation (沙坪坝区科协) or by pinyin initials (spbqkx), filtered by
// district, kind and status, a page at a time. The filters live in the address, so a search can be shared.
import { type FormEvent, useState } from 'react';
import { useOperation } from '../api.ts';
import { useLang, useValue } from '../i18n.tsx';
import { href, navigate, type Route } from '../router.ts';
import type { Session } from '../session.ts';
import { Errors, Pager } from './parts.tsx';

interface Found {
  organisations: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; nameZh: string; kind: string; level: string | null; status: string; district: { code: string; nameZh: string } | null } }[];
  };
}

export interface Districts {
  districts: { code: string; nameZh: string; nameEn: string; association: { id: string } }[];
}

const KINDS = ['MUNICIPAL_ASSOCIATION', 'DISTRICT_ASSOCIATION', 'ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM', 'FEDERATION'];
const STATUSES = ['ACTIVE', 'APPLIED', 'REVOKED', 'DEREGISTERED', 'REJECTED'];
const PAGE = 20;

export function Find({ session, route }: { session: Session; route: Route }) {
  const { t, lang } = useLang();
  const value = useValue();
  const p = route.params;
  const [text, setText] = useState(p.get('q') ?? '');
  const filter = {
    ...(p.get('q') ? { search: p.get('q') } : {}),
    ...(p.get('district') ? { districtCodes: [p.get('district')] } : {}),
    ...(p.get('kind') ? { kinds: [p.get('kind')] } : {}),
    ...(p.get('status') ? { statuses: [p.get('status')] } : {}),
  };
  const found = useOperation<Found>('FindOrganisations', { filter, first: PAGE, after: p.get('after') }, session);
  const districts = useOperation<Districts>('Districts', {}, session);
  const set = (changes: Record<string, string | null>) => {
    const next = Object.fromEntries([...p.entries()]);
    navigate(['find'], { ...next, after: null, page: null, ...changes });
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    set({ q: text.trim() || null });
  };
  const page = Number(p.get('page') ?? '1');
  const list = found.data?.organisations;

  return (
    <section aria-labelledby="find-title">
      <h1 id="find-title">{t('查找科协组织', 'Find associations')}</h1>
      <form className="filters" role="search" onSubmit={onSearch}>
        <label>
          {t('名称、简称或拼音首字母', 'Name, abbreviation or pinyin initials')}
          <input name="q" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('例如：沙坪坝区科协 或 spbqkx', 'e.g. 沙坪坝区科协 or spbqkx')} />
        </label>
        <label>
          {t('区县', 'District')}
          <select value={p.get('district') ?? ''} onChange={(e) => set({ district: e.target.value || null })}>
            <option value="">{t('全部区县', 'All districts')}</option>
            {districts.data?.districts.map((d) => (
              <option key={d.code} value={d.code}>
                {lang === 'zh' ? d.nameZh : d.nameEn}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('类型', 'Kind')}
          <select value={p.get('kind') ?? ''} onChange={(e) => set({ kind: e.target.value || null })}>
            <option value="">{t('全部类型', 'All kinds')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {value(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('状态', 'Status')}
          <select value={p.get('status') ?? ''} onChange={(e) => set({ status: e.target.value || null })}>
            <option value="">{t('全部状态', 'All statuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {value(s)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('查找', 'Search')}</button>
      </form>
      <Errors errors={found.errors} />
      {list && (
        <>
          <p aria-live="polite" data-testid="result-count">
            {t(`共 ${list.totalCount} 个组织`, `${list.totalCount} associations`)}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('名称', 'Name')}</th>
                <th scope="col">{t('类型', 'Kind')}</th>
                <th scope="col">{t('级别', 'Level')}</th>
                <th scope="col">{t('状态', 'Status')}</th>
                <th scope="col">{t('区县', 'District')}</th>
              </tr>
            </thead>
            <tbody>
              {list.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    <a href={href(['org', node.id])}>{node.nameZh}</a>
                  </td>
                  <td>{value(node.kind)}</td>
                  <td>{value(node.level)}</td>
                  <td>{value(node.status)}</td>
                  <td>{node.district?.nameZh ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} hasNext={list.pageInfo.hasNextPage} onPrevious={() => history.back()} onNext={() => set({ after: list.pageInfo.endCursor, page: String(page + 1) })} />
        </>
      )}
    </section>
  );
}
