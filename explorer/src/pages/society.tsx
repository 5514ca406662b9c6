// 学会会员 · Society members (docs/societies.md): a partner society uploads its member list (CSV or XLSX) to link its
// members by member number, name and identity number, reads the report row by row, and keeps its links: who is
// waiting for the person's association, who was confirmed (then the person's public profile shows), and ends a link.
import { type FormEvent, useRef, useState } from 'react';
import { type ApiError, type MatchReport, run, uploadMemberList, useOperation } from '../api.ts';
import { useLang } from '../i18n.tsx';
import { type Route, todayInChina } from '../router.ts';
import type { Session } from '../session.ts';
import { Errors, Pager, Section, useCursorPages } from './parts.tsx';

/** The outcomes of a matched row (SocietyMatchOutcome), in both languages. */
export const OUTCOMES: Record<string, [string, string]> = {
  MATCHED: ['已匹配，待确认', 'Matched, awaiting confirmation'],
  ALREADY_LINKED: ['已关联', 'Already linked'],
  AMBIGUOUS: ['多条记录', 'Several records'],
  UNMATCHED: ['未匹配', 'Unmatched'],
  CONFLICT: ['冲突', 'Conflict'],
};

/** Where a link stands (SocietyLinkStatus), in both languages. */
export const LINK_STATUSES: Record<string, [string, string]> = {
  PENDING: ['待确认', 'Awaiting confirmation'],
  CONFIRMED: ['已确认', 'Confirmed'],
  DECLINED: ['已拒绝', 'Declined'],
  ENDED: ['已终止', 'Ended'],
};

/** A value of the API in the reader's language, with the API's own name beside it. */
export function Labelled({ names, value }: { names: Record<string, [string, string]>; value: string }) {
  const { t } = useLang();
  const label = names[value];
  return (
    <>
      {label ? t(...label) : value} <code className="muted">{value}</code>
    </>
  );
}

interface Links {
  organisation: {
    id: string;
    nameZh: string;
    linkedMembers: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: {
        node: {
          id: string;
          societyMemberNo: string;
          status: string;
          validFrom: string;
          validTo: string | null;
          decidedOn: string | null;
          decidedFor: { id: string; nameZh: string } | null;
          person: { id: string; nameZh: string | null; titles: string[] | null; professionalFields: string[] | null; memberOf: { id: string; nameZh: string }[] | null };
        };
      }[];
    } | null;
  } | null;
}

const PAGE = 20;
/** The most report rows drawn at once: a file may hold 20,000. */
const SHOWN_ROWS = 500;

export function SocietyPage({ session, route }: { session: Session; route: Route }) {
  const { t } = useLang();
  const isSociety = session.identity.role === 'SOCIETY';
  // A society sees its own; staff may open a society's links by its id (#/society?id=43).
  const id = isSociety ? String(session.identity.organisationId ?? '') : (route.params.get('id') ?? '');
  const [uploads, setUploads] = useState(0);

  return (
    <section aria-labelledby="society-title">
      <h1 id="society-title">{t('学会会员', 'Society members')}</h1>
      {!id ? (
        <p className="muted">{t('此页面供合作学会使用：请以合作学会身份登录。', 'This page is for a partner society: sign in as one.')}</p>
      ) : (
        <>
          {isSociety && <Upload societyId={id} session={session} onLinked={() => setUploads((n) => n + 1)} />}
          <LinkedMembers key={`${id}-${uploads}`} id={id} session={session} />
        </>
      )}
    </section>
  );
}

/** The member list upload (POST /societies/match) and its report, or the refusal with the rows that are wrong. */
function Upload({ societyId, session, onLinked }: { societyId: string; session: Session; onLinked(): void }) {
  const { t } = useLang();
  const [file, setFile] = useState<File | null>(null);
  const [validFrom, setValidFrom] = useState(todayInChina);
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ report: MatchReport | null; errors: ApiError[] } | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    setResult(null);
    uploadMemberList(file, { societyId, validFrom, dryRun }, session)
      .then(
        (answer) => {
          setResult(answer);
          if (answer.report && !answer.report.dryRun && answer.report.matched > 0) onLinked();
        },
        (error: unknown) => setResult({ report: null, errors: [{ message: error instanceof Error ? error.message : String(error) }] }),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby="upload-title" className="card">
      <h2 id="upload-title">{t('上传会员名单', 'Upload a member list')}</h2>
      <p className="muted">
        {t(
          '首行为列标题：会员编号、姓名、身份证号（也可用英文标题 Member No、Name、Identity Number）。CSV 请用 UTF-8 编码；在 Excel 中请先把身份证号列设为“文本”格式。匹配到的会员须经其所在科协确认后，才能看到其公开资料。',
          'The first row names the columns: 会员编号, 姓名, 身份证号 (or Member No, Name, Identity Number). CSV in UTF-8; in Excel, format the identity number column as text first. A matched member’s public profile shows once their association confirms the link.',
        )}
      </p>
      <form className="filters" onSubmit={onSubmit}>
        <label>
          {t('会员名单文件（CSV 或 XLSX）', 'Member list (CSV or XLSX)')}
          <input
            type="file"
            name="members"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <label>
          {t('关联起始日期', 'Links valid from')}
          <input type="date" name="validFrom" value={validFrom} max="2100-12-31" required onChange={(e) => e.target.value && setValidFrom(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" name="dryRun" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          {t('试运行（只出报告，不做关联）', 'Dry run (report only, link nobody)')}
        </label>
        <button type="submit" disabled={!file || busy}>
          {dryRun ? t('检查名单', 'Check the list') : t('上传并匹配', 'Upload and match')}
        </button>
      </form>
      <p role="status" data-testid="upload-status">
        {busy ? t('正在上传并匹配…', 'Uploading and matching…') : result?.report ? summary(result.report, t) : ''}
      </p>
      {result && !result.report && <Refusal errors={result.errors} />}
      {result?.report && <Report report={result.report} />}
    </section>
  );
}

function summary(r: MatchReport, t: (zh: string, en: string) => string): string {
  const counts = `${r.rows.length}`;
  return r.dryRun
    ? t(`试运行完成：共 ${counts} 行，可匹配 ${r.matched} 行；未做任何关联。`, `Dry run done: ${counts} rows, ${r.matched} would match; nothing was linked.`)
    : t(`匹配完成：共 ${counts} 行，新关联 ${r.matched} 行，待其所在科协确认。`, `Matched: ${counts} rows, ${r.matched} new links awaiting their associations’ confirmation.`);
}

/** A refused upload: the gateway's message, and each row of the sheet that is wrong with what is wrong with it. */
function Refusal({ errors }: { errors: ApiError[] }) {
  const { t } = useLang();
  const rows = errors.flatMap((e) => e.extensions?.rows ?? []);
  return (
    <div role="alert" className="error" data-testid="upload-refused">
      <p>
        <strong>{t('名单未被接受，未做任何关联。', 'The list was refused; nothing was linked.')}</strong>
      </p>
      {errors.map((e, i) => (
        <p key={i}>
          {e.message}
          {e.extensions?.code && <code> {e.extensions.code}</code>}
        </p>
      ))}
      {rows.length > 0 && (
        <table data-testid="refused-rows">
          <caption>{t(`有问题的行（${rows.length}）`, `Rows to correct (${rows.length})`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('行号', 'Row')}</th>
              <th scope="col">{t('问题', 'Problem')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{r.row}</td>
                <td>{r.problem}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Report({ report }: { report: MatchReport }) {
  const { t } = useLang();
  const [outcome, setOutcome] = useState('');
  const totals: [string, number][] = [
    ['MATCHED', report.matched],
    ['ALREADY_LINKED', report.alreadyLinked],
    ['AMBIGUOUS', report.ambiguous],
    ['UNMATCHED', report.unmatched],
    ['CONFLICT', report.conflicts],
  ];
  const rows = outcome ? report.rows.filter((r) => r.outcome === outcome) : report.rows;
  return (
    <section aria-labelledby="report-title" data-testid="match-report">
      <h3 id="report-title">
        {t('匹配报告', 'Report')}
        {report.dryRun && <span className="flag"> {t('（试运行，未做任何关联）', '(dry run: nothing was linked)')}</span>}
      </h3>
      <dl className="totals">
        {totals.map(([key, count]) => (
          <div key={key} data-testid={`total-${key}`}>
            <dt>
              <Labelled names={OUTCOMES} value={key} />
            </dt>
            <dd>{count}</dd>
          </div>
        ))}
      </dl>
      <div className="filters">
        <label>
          {t('显示', 'Show')}
          <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="">{t(`全部结果（${report.rows.length}）`, `Every outcome (${report.rows.length})`)}</option>
            {totals.map(([key, count]) => (
              <option key={key} value={key}>
                {t(...OUTCOMES[key]!)} ({count})
              </option>
            ))}
          </select>
        </label>
      </div>
      <table data-testid="report-rows">
        <thead>
          <tr>
            <th scope="col">{t('行号', 'Row')}</th>
            <th scope="col">{t('会员编号', 'Member no.')}</th>
            <th scope="col">{t('结果', 'Outcome')}</th>
            <th scope="col">{t('说明', 'Problem')}</th>
            <th scope="col">{t('关联编号', 'Link')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN_ROWS).map((r) => (
            <tr key={r.row}>
              <td>{r.row}</td>
              <td>{r.societyMemberNo}</td>
              <td>
                <Labelled names={OUTCOMES} value={r.outcome} />
              </td>
              <td>{r.problem ?? '—'}</td>
              <td>{r.linkId ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN_ROWS && (
        <p className="muted">{t(`仅显示前 ${SHOWN_ROWS} 行，共 ${rows.length} 行；可按结果筛选。`, `The first ${SHOWN_ROWS} of ${rows.length} rows; filter by outcome to see others.`)}</p>
      )}
    </section>
  );
}

/** The society's links, a page at a time; a person's name shows once their association has confirmed. */
function LinkedMembers({ id, session }: { id: string; session: Session }) {
  const { t } = useLang();
  const [includeEnded, setIncludeEnded] = useState(false);
  const pages = useCursorPages();
  const links = useOperation<Links>('SocietyLinks', { id, first: PAGE, after: pages.after, includeEnded }, session);
  const [ending, setEnding] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [actionErrors, setActionErrors] = useState<ApiError[]>([]);
  const statusLine = useRef<HTMLParagraphElement>(null);

  const all = links.errors;
  // A person not (or no longer) confirmed is withheld from the society: that is the link's state, not a failure.
  const isWithheld = (e: ApiError) => e.extensions?.code === 'PERSONAL_DATA_WITHHELD' && e.path?.includes('person') === true;
  const withheld = new Set(all.filter(isWithheld).map((e) => e.path?.[3]));
  const list = links.data?.organisation?.linkedMembers;
  const today = todayInChina();

  const end = (linkId: string, memberNo: string) => {
    setBusy(true);
    setActionErrors([]);
    run<{ endSocietyLink: { status: string; validTo: string } }>('EndSocietyLink', { input: { linkId, on: today } }, session)
      .then(
        (answer) => {
          if (answer.errors.length || !answer.data) {
            setActionErrors(answer.errors);
            return;
          }
          setEnding(null);
          setDone(t(`已终止会员编号 ${memberNo} 的关联（${today}）。`, `Ended the link of member ${memberNo} on ${today}.`));
          links.reload();
          statusLine.current?.focus();
        },
        (error: unknown) => setActionErrors([{ message: error instanceof Error ? error.message : String(error) }]),
      )
      .finally(() => setBusy(false));
  };

  const title = list ? t(`本学会的会员关联（${list.totalCount}）`, `This society’s member links (${list.totalCount})`) : t('本学会的会员关联', 'This society’s member links');
  return (
    <Section id="linked-members" title={title} errors={all.filter((e) => !isWithheld(e))}>
      <div className="filters">
        <label className="check">
          <input
            type="checkbox"
            checked={includeEnded}
            onChange={(e) => {
              setIncludeEnded(e.target.checked);
              pages.reset();
            }}
          />
          {t('包括已拒绝和已终止的关联', 'Include declined and ended links')}
        </label>
      </div>
      <p role="status" tabIndex={-1} ref={statusLine} data-testid="links-status">
        {done}
      </p>
      <Errors errors={actionErrors} />
      {list && list.edges.length === 0 && <p className="muted">{t('暂无关联。', 'No links yet.')}</p>}
      {list && list.edges.length > 0 && (
        <table data-testid="linked-members">
          <thead>
            <tr>
              <th scope="col">{t('会员编号', 'Member no.')}</th>
              <th scope="col">{t('姓名', 'Name')}</th>
              <th scope="col">{t('状态', 'Status')}</th>
              <th scope="col">{t('起止', 'From – to')}</th>
              <th scope="col">{t('确认单位', 'Decided by')}</th>
              <th scope="col">{t('所在组织', 'Associations')}</th>
              <th scope="col">{t('操作', 'Action')}</th>
            </tr>
          </thead>
          <tbody>
            {list.edges.map(({ node: l }, i) => {
              const hidden = withheld.has(i) || l.person.nameZh === null;
              const open = l.status === 'PENDING' || l.status === 'CONFIRMED';
              return (
                <tr key={l.id} data-testid={`link-${l.societyMemberNo}`}>
                  <td>{l.societyMemberNo}</td>
                  <td>
                    {!hidden ? (
                      <>
                        {l.person.nameZh}
                        {l.person.titles?.length ? <span className="muted"> · {l.person.titles.join('、')}</span> : null}
                      </>
                    ) : l.status === 'PENDING' ? (
                      <span className="muted" title={t('所在科协确认后显示', 'Shown once the association confirms')}>
                        {t('待确认', 'Awaiting confirmation')}
                      </span>
                    ) : (
                      <span className="muted">{t('不显示', 'Not shown')}</span>
                    )}
                  </td>
                  <td>
                    <Labelled names={LINK_STATUSES} value={l.status} />
                  </td>
                  <td>
                    {l.validFrom} – {l.validTo ?? t('至今', 'now')}
                  </td>
                  <td>{l.decidedFor ? `${l.decidedFor.nameZh} · ${l.decidedOn ?? ''}` : '—'}</td>
                  <td>{hidden ? '—' : l.person.memberOf?.map((o) => o.nameZh).join('、') || '—'}</td>
                  <td>
                    {open && ending !== l.id && (
                      <button type="button" aria-label={t(`终止关联 ${l.societyMemberNo}`, `End link ${l.societyMemberNo}`)} onClick={() => setEnding(l.id)}>
                        {t('终止', 'End')}
                      </button>
                    )}
                    {open && ending === l.id && (
                      <span className="confirm" role="group" aria-label={t('确认终止', 'Confirm the end')}>
                        <span>{t(`于今日（${today}）终止此关联？`, `End this link today (${today})?`)}</span>{' '}
                        <button type="button" disabled={busy} autoFocus onClick={() => end(l.id, l.societyMemberNo)}>
                          {t('确认终止', 'Yes, end it')}
                        </button>{' '}
                        <button type="button" onClick={() => setEnding(null)}>
                          {t('取消', 'Cancel')}
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {list && <Pager page={pages.page} hasNext={list.pageInfo.hasNextPage} onPrevious={pages.previous} onNext={() => pages.next(list.pageInfo.endCursor)} />}
    </Section>
  );
}
