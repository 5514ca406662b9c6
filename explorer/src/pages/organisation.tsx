// 组织详情 · An association's page: profile, approver chain, status history, relationships, children and group
// members, committee and posts, congresses, members, activities and awards, all as of one date (in the address).
import { errorsAt, useOperation } from '../api.ts';
import { useLang, useValue } from '../i18n.tsx';
import { href, navigate, type Route, todayInChina } from '../router.ts';
import type { Session } from '../session.ts';
import { AsOf, Errors, Section } from './parts.tsx';
import { LinksToConfirm } from './society-links.tsx';

interface Ref {
  id: string;
  nameZh: string;
  kind?: string;
  status?: string;
}

interface Page {
  organisation: {
    id: string;
    nameZh: string;
    nameEn: string | null;
    kind: string;
    level: string | null;
    status: string;
    statusOn: string | null;
    establishedOn: string | null;
    district: { code: string; nameZh: string } | null;
    ancestors: Ref[];
    children: { totalCount: number; edges: { node: Ref }[] };
    memberAssociations: { totalCount: number; edges: { node: Ref }[] };
    relationships: { id: string; kind: string; validFrom: string; validTo: string | null; documentNo: string | null; documentDate: string | null; from: Ref; to: Ref }[] | null;
    events: { edges: { node: { id: string; kind: string; effectiveOn: string; occurredAt: string; documentNo: string | null } }[] } | null;
    currentCommittee: { id: string; name: string; termStart: string; termEnd: string | null } | null;
    posts: { id: string; role: string; validFrom: string; validTo: string | null; person: { id: string; nameZh: string | null } }[] | null;
    congresses: { id: string; kind: string; heldOn: string; reportDueOn: string; reportLate: boolean; nextDueOn: string; heldEarly: boolean }[] | null;
    congressOverdue: boolean | null;
    congressReportLate: boolean | null;
    memberCount: number | null;
    members: { totalCount: number; edges: { node: { id: string; status: string; validFrom: string | null; person: { id: string; nameZh: string | null } } }[] } | null;
    activities: { totalCount: number; edges: { node: { id: string; kind: string; title: string; startsOn: string } }[] };
    awards: { id: string; kind: string; title: string; decidedOn: string; outcome: string | null }[] | null;
  } | null;
}

export function OrganisationPage({ id, session, route }: { id: string; session: Session; route: Route }) {
  const { t } = useLang();
  const value = useValue();
  const asOf = route.params.get('asOf') ?? todayInChina();
  const page = useOperation<Page>('OrganisationPage', { id, asOf }, session);
  const o = page.data?.organisation;
  const at = (...path: string[]) => errorsAt(page.errors, 'organisation', ...path);
  // Staff who may act for an association see the societies' links waiting for it (docs/societies.md, "Consent"); a
  // secretariat, on its own association's page.
  const { role, organisationId } = session.identity;
  const staff = role === 'MUNICIPAL_STAFF' || role === 'DISTRICT_STAFF';
  const mayDecide = staff || (role === 'SECRETARIAT' && String(organisationId) === id);
  const link = (r: Ref) => <a href={href(['org', r.id], { asOf: route.params.get('asOf') })}>{r.nameZh}</a>;

  if (!o) return page.loading ? <p>{t('正在加载…', 'Loading…')}</p> : <Errors errors={page.errors} />;
  return (
    <article aria-labelledby="org-title">
      <header className="page-head">
        <h1 id="org-title">{o.nameZh}</h1>
        {o.nameEn && <p className="muted" lang="en">{o.nameEn}</p>}
        <AsOf value={asOf} onChange={(d) => navigate(['org', id], { asOf: d })} />
        <a href={href(['graph'], { id, asOf })}>{t('查看关系图', 'Open the graph')}</a>
        {o.kind === 'LEARNED_SOCIETY' && staff && <a href={href(['society'], { id })}>{t('学会会员关联', 'The society’s member links')}</a>}
      </header>
      <div className="grid">
        <Section id="profile" title={t('基本信息', 'Profile')} errors={[]}>
          <dl>
            <dt>{t('类型', 'Kind')}</dt>
            <dd>{value(o.kind)}</dd>
            <dt>{t('级别', 'Level')}</dt>
            <dd>{value(o.level)}</dd>
            <dt>{t('截至日期的状态', 'Status on the date')}</dt>
            <dd data-testid="status-on">{value(o.statusOn)}</dd>
            <dt>{t('成立日期', 'Established')}</dt>
            <dd>{o.establishedOn ?? '—'}</dd>
            <dt>{t('登记区县', 'Registered district')}</dt>
            <dd>{o.district?.nameZh ?? '—'}</dd>
          </dl>
        </Section>
        <Section id="chain" title={t('批复与指导链', 'Approver chain')} errors={at('ancestors')}>
          <ol className="chain" data-testid="chain">
            {o.ancestors.map((a) => (
              <li key={a.id}>
                {link(a)} <span className="muted">{value(a.kind)}</span>
              </li>
            ))}
            <li aria-current="true">{o.nameZh}</li>
          </ol>
        </Section>
        <Section id="timeline" title={t('状态变更记录', 'Status history')} errors={at('events')}>
          <ol className="timeline">
            {o.events?.edges.map(({ node: e }) => (
              <li key={e.id}>
                <time dateTime={e.effectiveOn}>{e.effectiveOn}</time> {value(e.kind)}
                {e.documentNo && <span className="muted"> · {e.documentNo}</span>}
              </li>
            ))}
          </ol>
        </Section>
        <Section id="relationships" title={t('组织关系', 'Relationships')} errors={at('relationships')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('关系', 'Kind')}</th>
                <th scope="col">{t('对方', 'With')}</th>
                <th scope="col">{t('起止', 'From – to')}</th>
                <th scope="col">{t('文件', 'Document')}</th>
              </tr>
            </thead>
            <tbody>
              {o.relationships?.map((r) => (
                <tr key={r.id}>
                  <td>{value(r.kind)}</td>
                  <td>{link(r.from.id === o.id ? r.to : r.from)}</td>
                  <td>
                    {r.validFrom} – {r.validTo ?? t('至今', 'now')}
                  </td>
                  <td>{[r.documentNo, r.documentDate].filter(Boolean).join(' · ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
        <Section id="children" title={t(`下级组织（${o.children.totalCount}）`, `Below it (${o.children.totalCount})`)} errors={at('children')}>
          <ul>
            {o.children.edges.map(({ node }) => (
              <li key={node.id}>
                {link(node)} <span className="muted">{value(node.kind)} · {value(node.status)}</span>
              </li>
            ))}
          </ul>
        </Section>
        <Section id="group-members" title={t(`团体会员（${o.memberAssociations.totalCount}）`, `Group members (${o.memberAssociations.totalCount})`)} errors={at('memberAssociations')}>
          <ul>
            {o.memberAssociations.edges.map(({ node }) => (
              <li key={node.id}>{link(node)}</li>
            ))}
          </ul>
        </Section>
        <Section id="committee" title={t('委员会与职务', 'Committee and posts')} errors={[...at('currentCommittee'), ...at('posts')]}>
          {o.currentCommittee ? (
            <p>
              {o.currentCommittee.name} · {o.currentCommittee.termStart} – {o.currentCommittee.termEnd ?? t('至今', 'now')}
            </p>
          ) : (
            <p className="muted">{t('截至该日无在任委员会。', 'No committee in term on that day.')}</p>
          )}
          <ul>
            {o.posts?.map((p) => (
              <li key={p.id}>
                {value(p.role)} · {p.person.nameZh ?? '—'} <span className="muted">({p.validFrom} – {p.validTo ?? t('至今', 'now')})</span>
              </li>
            ))}
          </ul>
        </Section>
        <Section id="congresses" title={t('会员代表大会', 'Congresses')} errors={[...at('congresses'), ...at('congressOverdue')]}>
          {o.congressOverdue && <p className="flag">{t('换届逾期', 'Next congress overdue')}</p>}
          {o.congressReportLate && <p className="flag">{t('结果报告逾期', 'Results reported late')}</p>}
          <ul>
            {o.congresses?.map((c) => (
              <li key={c.id}>
                {c.heldOn} {value(c.kind)} · {t('下次应于', 'next due')} {c.nextDueOn}
                {c.reportLate && <span className="flag"> {t('报告逾期', 'report late')}</span>}
                {c.heldEarly && <span className="muted"> {t('提前换届', 'held early')}</span>}
              </li>
            ))}
          </ul>
        </Section>
        <Section id="members" title={t('会员', 'Members')} errors={[...at('members'), ...at('memberCount')]}>
          <p data-testid="member-count">
            {t('截至该日会员数：', 'Members on that day: ')}
            <strong>{o.memberCount ?? '—'}</strong>
          </p>
          <ul>
            {o.members?.edges.map(({ node }) => (
              <li key={node.id}>
                {node.person.nameZh ?? '—'} <span className="muted">{node.validFrom}</span>
              </li>
            ))}
          </ul>
        </Section>
        {mayDecide && o.kind !== 'LEARNED_SOCIETY' && <LinksToConfirm id={o.id} session={session} />}
        <Section id="activities" title={t(`活动（${o.activities.totalCount}）`, `Activities (${o.activities.totalCount})`)} errors={at('activities')}>
          <ul>
            {o.activities.edges.map(({ node }) => (
              <li key={node.id}>
                <time dateTime={node.startsOn}>{node.startsOn}</time> {node.title} <span className="muted">{value(node.kind)}</span>
              </li>
            ))}
          </ul>
        </Section>
        <Section id="awards" title={t('奖项', 'Awards')} errors={at('awards')}>
          <ul>
            {o.awards?.map((a) => (
              <li key={a.id}>
                {a.decidedOn} {a.title} <span className="muted">{value(a.kind)}{a.outcome ? ` · ${value(a.outcome)}` : ''}</span>
              </li>
            ))}
          </ul>
        </Section>
      </div>
    </article>
  );
}
