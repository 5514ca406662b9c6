// 待确认的学会关联 · Society links awaiting confirmation (docs/societies.md, "Consent"): a partner society matched one of
// this association's members; the association confirms (the society then sees the person's public profile) or
// declines. Its own page for a secretariat; a section of an association's page for district and municipal staff.
import { useRef, useState } from 'react';
import { type ApiError, run, useOperation } from '../api.ts';
import { useLang } from '../i18n.tsx';
import type { Route } from '../router.ts';
import type { Session } from '../session.ts';
import { Errors, Pager, Section, useCursorPages } from './parts.tsx';

interface Waiting {
  organisation: {
    id: string;
    nameZh: string;
    societyLinksToConfirm: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { id: string; societyMemberNo: string; validFrom: string; society: { id: string; nameZh: string }; person: { id: string; nameZh: string | null } } }[];
    } | null;
  } | null;
}

type Node = NonNullable<NonNullable<Waiting['organisation']>['societyLinksToConfirm']>['edges'][number]['node'];

const PAGE = 20;

export function SocietyLinksPage({ session, route }: { session: Session; route: Route }) {
  const { t } = useLang();
  const id = session.identity.role === 'SECRETARIAT' ? String(session.identity.organisationId ?? '') : (route.params.get('id') ?? '');
  return (
    <section aria-labelledby="society-links-title">
      <h1 id="society-links-title">{t('待确认的学会关联', 'Society links awaiting confirmation')}</h1>
      <p className="muted narrow">
        {t(
          '合作学会按会员编号、姓名和身份证号，把本组织的会员与学会会员关联起来。请核对后确认或拒绝：确认后，学会可以看到此人的公开资料（姓名、职称、专业领域）、所在组织、活动与奖励；拒绝后学会看不到任何信息。',
          'A partner society matched members of this association by its member number, their name and identity number. Check and confirm or decline: once confirmed, the society sees the person’s public profile (name, titles, fields), associations, activities and awards; declined, it sees nothing.',
        )}
      </p>
      {id ? <LinksToConfirm id={id} session={session} /> : <p className="muted">{t('此页面供科协秘书处使用：请以秘书处身份登录。', 'This page is for a secretariat: sign in as one.')}</p>}
    </section>
  );
}

/** The links waiting for association `id`, with confirm and decline buttons; a decided row leaves the list. */
export function LinksToConfirm({ id, session }: { id: string; session: Session }) {
  const { t } = useLang();
  const pages = useCursorPages();
  const waiting = useOperation<Waiting>('SocietyLinksToConfirm', { id, first: PAGE, after: pages.after }, session);
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [actionErrors, setActionErrors] = useState<ApiError[]>([]);
  const statusLine = useRef<HTMLParagraphElement>(null);
  const list = waiting.data?.organisation?.societyLinksToConfirm;
  const rows = list?.edges.map((e) => e.node).filter((n) => !decided.has(n.id)) ?? [];

  const decide = (link: Node, decision: 'Confirm' | 'Decline') => {
    setBusy(link.id);
    setActionErrors([]);
    // For this association: a person of several is decided for by the one whose list this is.
    run(`${decision}SocietyLink`, { input: { linkId: link.id, organisationId: id } }, session)
      .then(
        (answer) => {
          if (answer.errors.length || !answer.data) {
            setActionErrors(answer.errors);
            return;
          }
          const who = `${link.person.nameZh ?? link.societyMemberNo}`;
          setDecided((d) => new Set(d).add(link.id));
          setDone(
            decision === 'Confirm'
              ? t(`已确认：${who} 与${link.society.nameZh}的关联（会员编号 ${link.societyMemberNo}）。`, `Confirmed: ${who} and ${link.society.nameZh} (member no. ${link.societyMemberNo}).`)
              : t(`已拒绝：${who} 与${link.society.nameZh}的关联（会员编号 ${link.societyMemberNo}）。`, `Declined: ${who} and ${link.society.nameZh} (member no. ${link.societyMemberNo}).`),
          );
          waiting.reload();
          statusLine.current?.focus();
        },
        (error: unknown) => setActionErrors([{ message: error instanceof Error ? error.message : String(error) }]),
      )
      .finally(() => setBusy(null));
  };

  const title = list ? t(`待确认的学会关联（${list.totalCount}）`, `Society links awaiting confirmation (${list.totalCount})`) : t('待确认的学会关联', 'Society links awaiting confirmation');
  return (
    <Section id="links-to-confirm" title={title} errors={waiting.errors}>
      <p role="status" tabIndex={-1} ref={statusLine} data-testid="decision-status">
        {done}
      </p>
      <Errors errors={actionErrors} />
      {list && rows.length === 0 && <p className="muted">{t('没有待确认的关联。', 'No links await a decision.')}</p>}
      {rows.length > 0 && (
        <table data-testid="links-to-confirm">
          <thead>
            <tr>
              <th scope="col">{t('学会', 'Society')}</th>
              <th scope="col">{t('会员编号', 'Member no.')}</th>
              <th scope="col">{t('姓名', 'Name')}</th>
              <th scope="col">{t('学会会员起始日期', 'Society member since')}</th>
              <th scope="col">{t('操作', 'Decision')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l.id} data-testid={`waiting-${l.societyMemberNo}`}>
                <td>{l.society.nameZh}</td>
                <td>{l.societyMemberNo}</td>
                <td>{l.person.nameZh ?? '—'}</td>
                <td>{l.validFrom}</td>
                <td className="actions">
                  <button type="button" disabled={busy !== null} aria-label={t(`确认 ${l.person.nameZh ?? ''}（${l.societyMemberNo}）`, `Confirm ${l.person.nameZh ?? ''} (${l.societyMemberNo})`)} onClick={() => decide(l, 'Confirm')}>
                    {t('确认', 'Confirm')}
                  </button>{' '}
                  <button type="button" disabled={busy !== null} aria-label={t(`拒绝 ${l.person.nameZh ?? ''}（${l.societyMemberNo}）`, `Decline ${l.person.nameZh ?? ''} (${l.societyMemberNo})`)} onClick={() => decide(l, 'Decline')}>
                    {t('拒绝', 'Decline')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list && <Pager page={pages.page} hasNext={list.pageInfo.hasNextPage} onPrevious={pages.previous} onNext={() => pages.next(list.pageInfo.endCursor)} />}
    </Section>
  );
}
