// A partner society's member list, uploaded (上传会员名单): `POST /societies/match?societyId=…&validFrom=…` with a CSV
// or XLSX file as the body runs `matchSocietyMembers` through this gateway's own server, with the caller's token and
// rules exactly as /graphql would, and answers the report as JSON, or as CSV or XLSX with `format=` (docs/partners.md).
//
// A file longer than one request's rows is sent in parts. Every part of such a file is first checked as a dry run,
// so that a malformed row anywhere refuses the whole file before any link is made; only then are the parts linked.
import type { ApolloServer } from '@apollo/server';
import { log } from '@cq/service-kit';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { GatewayContext } from '../gateway.ts';

/** Rows per matchSocietyMembers request: the most the people subgraph takes. */
const PART = 1000;
/** The most rows one file may hold. */
const MAX_ROWS = 20_000;
const MAX_BYTES = '10mb';

/** Column headings recognised, Chinese or English, any case; the first row of the file holds them. */
const HEADINGS = {
  societyMemberNo: ['会员编号', '会员号', 'societymemberno', 'member no', 'member number'],
  nameZh: ['姓名', 'namezh', 'name'],
  identityNumber: ['身份证号', '身份证号码', '公民身份号码', 'identitynumber', 'identity number', 'id number'],
} as const;
type Field = keyof typeof HEADINGS;

const OUTCOME_ZH: Record<string, string> = { MATCHED: '已匹配，待其所在科协确认', ALREADY_LINKED: '已关联', AMBIGUOUS: '多条记录符合', UNMATCHED: '未匹配', CONFLICT: '冲突' };

/** The registered operation it runs (gateway/operations/societies.graphql), so that it passes TRUSTED_DOCUMENTS_ONLY. */
export const MATCH_OPERATION = 'MatchSocietyMembers';

interface Member {
  /** The row of the sheet (the headings are row 1). */
  sheetRow: number;
  societyMemberNo: string;
  nameZh: string;
  identityNumber: string;
}

interface ReportRow {
  row: number;
  societyMemberNo: string;
  outcome: string;
  linkId: string | null;
  problem: string | null;
}

class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const societyMatchRoute = (query: string) => (server: ApolloServer<GatewayContext>, contextOf: (req: Request, res: Response) => Promise<GatewayContext>): RequestHandler => {
  const raw = express.raw({ type: () => true, limit: MAX_BYTES });
  return (req, res) => {
    if (req.method !== 'POST') {
      res.status(405).set('Allow', 'POST').json({ errors: [{ message: `应使用 POST 上传文件 · Expected POST with the file as the body, received ${req.method}.`, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    raw(req, res, (error?: unknown) => void handle(error));
    async function handle(error: unknown) {
      try {
        if (error) throw new Refused(413, 'PAYLOAD_TOO_LARGE', `文件应不超过 ${MAX_BYTES} · Expected a file of at most ${MAX_BYTES}.`);
        const { societyId, validFrom, dryRun, format } = readParameters(req);
        const members = await readMembers(req);
        const report = await match(server, query, await contextOf(req, res), { societyId, validFrom, dryRun }, members);
        await answer(res, format, { societyId, dryRun, ...totals(report), rows: report });
      } catch (e) {
        if (e instanceof Refused) {
          res.status(e.status).json({ errors: [{ message: e.message, extensions: { code: e.code, ...e.details } }] });
          return;
        }
        const known = e as { message?: string; extensions?: { code?: string } };
        if (known.extensions?.code === 'UNAUTHENTICATED') {
          res.status(401).json({ errors: [{ message: known.message, extensions: { code: 'UNAUTHENTICATED' } }] });
          return;
        }
        log.error({ err: e }, 'society member upload failed');
        res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      }
    }
  };
};

function readParameters(req: Request) {
  const q = req.query as Record<string, unknown>;
  const text = (name: string) => {
    const value = q[name];
    return typeof value === 'string' ? value : undefined;
  };
  const societyId = text('societyId');
  const validFrom = text('validFrom');
  if (!societyId || !validFrom) {
    throw new Refused(400, 'BAD_USER_INPUT', `应给出 societyId 和 validFrom 参数 · Expected the query parameters societyId and validFrom (YYYY-MM-DD), received ${societyId ? '' : 'no societyId'}${!societyId && !validFrom ? ' and ' : ''}${validFrom ? '' : 'no validFrom'}.`);
  }
  const format = text('format') ?? 'json';
  if (format !== 'json' && format !== 'csv' && format !== 'xlsx') throw new Refused(400, 'BAD_USER_INPUT', `报告格式应为 json、csv 或 xlsx · Expected format json, csv or xlsx, received ${JSON.stringify(format)}.`);
  const dry = text('dryRun');
  if (dry !== undefined && dry !== 'true' && dry !== 'false') throw new Refused(400, 'BAD_USER_INPUT', `dryRun 应为 true 或 false · Expected dryRun to be true or false, received ${JSON.stringify(dry)}.`);
  return { societyId, validFrom, dryRun: dry === 'true', format };
}

/**
 * The rows of a CSV (UTF-8, a BOM allowed) or XLSX file (its first sheet), told apart by the ZIP signature. Blank
 * rows are kept while numbering, so that the report's rows are the rows a spreadsheet shows, then dropped.
 */
async function readMembers(req: Request): Promise<Member[]> {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (body.length === 0) throw new Refused(400, 'BAD_USER_INPUT', '应上传 CSV 或 XLSX 文件 · Expected a CSV or XLSX file as the body, received nothing.');
  const cells = body.subarray(0, 2).toString('latin1') === 'PK' ? await xlsxCells(body) : csvCells(body);
  const [headings, ...rows] = cells;
  const columns = columnsOf(headings ?? []);
  const members = rows
    .map((row, i) => ({ sheetRow: i + 2, societyMemberNo: row[columns.societyMemberNo] ?? '', nameZh: row[columns.nameZh] ?? '', identityNumber: row[columns.identityNumber] ?? '' }))
    .filter((m) => m.societyMemberNo.trim() || m.nameZh.trim() || m.identityNumber.trim());
  if (members.length === 0) throw new Refused(400, 'BAD_USER_INPUT', '文件中没有会员行 · Expected member rows below the headings, received none.');
  if (members.length > MAX_ROWS) throw new Refused(400, 'BAD_USER_INPUT', `一次最多上传 ${MAX_ROWS} 行 · Expected at most ${MAX_ROWS} rows in one file, received ${members.length}; split the file.`);
  return members;
}

function csvCells(body: Buffer): string[][] {
  try {
    const rows: string[][] = parseCsv(body, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true });
    return rows;
  } catch (error) {
    throw new Refused(400, 'BAD_USER_INPUT', `CSV 文件无法解析 · Expected a CSV file in UTF-8, received one that does not parse: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

async function xlsxCells(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw new Refused(400, 'BAD_USER_INPUT', 'XLSX 文件无法读取 · Expected an XLSX workbook, received a file that does not open as one.');
  }
  const sheet = workbook.worksheets[0];
  const cells: string[][] = [];
  // An identity number typed into Excel as a number has lost its last digits already: it is reported as malformed.
  sheet?.eachRow((row, rowNumber) => {
    cells[rowNumber - 1] = (row.values as unknown[]).slice(1).map(cellText);
  });
  return Array.from(cells, (row) => row ?? []);
}

/** A cell as text: rich text and hyperlinks by their text. A number typed into Excel arrives as the number it became. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join('').trim();
  if (typeof value === 'object' && 'text' in value) return cellText(value.text);
  if (typeof value === 'string') return value.trim();
  // Numbers, booleans and dates: an identity number typed as a number shows what it became, and is refused as such.
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value instanceof Date ? value.toISOString().slice(0, 10) : '';
}

function columnsOf(headings: string[]): Record<Field, number> {
  const normalised = headings.map((h) => h.replace(/\s+/g, ' ').trim().toLowerCase());
  const columns = {} as Record<Field, number>;
  const missing: string[] = [];
  for (const field of Object.keys(HEADINGS) as Field[]) {
    const index = normalised.findIndex((h) => (HEADINGS[field] as readonly string[]).includes(h));
    if (index < 0) missing.push(`${HEADINGS[field][0]} (${field})`);
    columns[field] = index;
  }
  if (missing.length) {
    throw new Refused(400, 'BAD_USER_INPUT', `首行应有列标题：${missing.join('、')} · Expected the first row to name the columns ${missing.join(', ')}; received ${JSON.stringify(headings.slice(0, 10))}.`);
  }
  return columns;
}

/**
 * A file of several parts is checked part by part as a dry run first: one malformed row anywhere (or a member number twice in the file) refuses all of it
 * with the rows of the sheet named, and nothing is linked.
 */
async function match(server: ApolloServer<GatewayContext>, query: string, contextValue: GatewayContext, args: { societyId: string; validFrom: string; dryRun: boolean }, members: Member[]): Promise<ReportRow[]> {
  const firstRowOf = new Map<string, number>();
  for (const m of members) {
    const no = m.societyMemberNo.trim();
    const first = firstRowOf.get(no);
    if (no && first !== undefined) throw new Refused(400, 'INVALID_ARGUMENT', `会员编号 ${no} 在第 ${first} 行和第 ${m.sheetRow} 行重复 · Expected each member number once, received ${no} in rows ${first} and ${m.sheetRow}; nothing was linked.`, { rows: [{ row: m.sheetRow, problem: `societyMemberNo: also in row ${first}` }] });
    firstRowOf.set(no, m.sheetRow);
  }
  const parts: Member[][] = [];
  for (let i = 0; i < members.length; i += PART) parts.push(members.slice(i, i + PART));
  const run = async (part: Member[], dryRun: boolean) => {
    const input = { societyId: args.societyId, validFrom: args.validFrom, dryRun, members: part.map(({ societyMemberNo, nameZh, identityNumber }) => ({ societyMemberNo, nameZh, identityNumber })) };
    const response = await server.executeOperation({ query, operationName: MATCH_OPERATION, variables: { input } }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('Expected a single result from matchSocietyMembers, received an incremental one.');
    const { data, errors } = response.body.singleResult;
    if (errors?.length) {
      const first = errors[0]!;
      const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'BAD_REQUEST';
      // Row numbers of the request become rows of the sheet.
      const rows = (first.extensions?.rows as { row: number; problem: string }[] | undefined)?.map((r) => ({ row: part[r.row - 1]!.sheetRow, problem: r.problem }));
      const status = code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : code === 'RATE_LIMITED' || code === 'TOO_MANY_ATTEMPTS' ? 429 : code === 'INTERNAL_SERVER_ERROR' ? 500 : 400;
      const listed = rows?.slice(0, 20).map((r) => `row ${r.row}: ${r.problem}`).join('; ');
      const message = !rows
        ? first.message
        : code === 'TOO_MANY_ATTEMPTS'
          ? `同一姓名和出生日期今天未匹配的行过多，未做任何关联 · Expected fewer unmatched rows today for one name and birth date; nothing was linked: ${listed}.`
          : `文件中有 ${rows.length} 处错误，未做任何关联 · Expected every row to be well formed; nothing was linked: ${listed}.`;
      throw new Refused(status, code, message, rows ? { rows } : {});
    }
    const rows = (data as { matchSocietyMembers: { rows: { row: number; societyMemberNo: string; outcome: string; problem: string | null; link: { id: string } | null }[] } }).matchSocietyMembers.rows;
    return rows.map((r) => ({ row: part[r.row - 1]!.sheetRow, societyMemberNo: r.societyMemberNo, outcome: r.outcome, linkId: r.link?.id ?? null, problem: r.problem }));
  };
  const runAll = async (dryRun: boolean) => {
    const rows: ReportRow[] = [];
    for (const part of parts) rows.push(...(await run(part, dryRun)));
    return rows;
  };
  // One part is one request, which refuses or links as a whole: only a file of several parts is checked first.
  if (parts.length > 1 && !args.dryRun) await runAll(true);
  return runAll(args.dryRun);
}

function totals(rows: ReportRow[]) {
  const count = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
  return { matched: count('MATCHED'), alreadyLinked: count('ALREADY_LINKED'), ambiguous: count('AMBIGUOUS'), unmatched: count('UNMATCHED'), conflicts: count('CONFLICT') };
}

const REPORT_HEADINGS = ['行号（row）', '会员编号（societyMemberNo）', '结果（outcome）', '结果说明（outcome, Chinese）', '关联编号（linkId）', '说明（problem）'];

async function answer(res: Response, format: string, report: { rows: ReportRow[] } & Record<string, unknown>): Promise<void> {
  if (format === 'json') {
    res.json(report);
    return;
  }
  const cells = report.rows.map((r) => [r.row, r.societyMemberNo, r.outcome, OUTCOME_ZH[r.outcome] ?? r.outcome, r.linkId ?? '', r.problem ?? '']);
  const filename = `society-match-report.${format}`;
  res.set('Content-Disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(`会员匹配报告.${format}`)}`);
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8').send(`\uFEFF${stringify([REPORT_HEADINGS, ...cells])}`);
    return;
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('匹配报告');
  sheet.addRow(REPORT_HEADINGS).font = { bold: true };
  for (const row of cells) sheet.addRow(row);
  res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(await workbook.xlsx.writeBuffer()));
}
