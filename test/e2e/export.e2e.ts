// Exports (docs/exports.md): a registered operation's answer as CSV or XLSX through the gateway, with the caller's
// token and limits, the same rows the API gives, Chinese headers, lists read page by page.
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { type Identity, loadConfig, signUserToken } from '@cq/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectDocumentedCodes } from '../helpers/errors.ts';
import { expectData, startGatewayOver, startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { manifest, sampleVariables } from '../helpers/operations.ts';

let t: TestGraph;
let exportUrl: string;
beforeAll(async () => {
  t = await startTestGraph();
  exportUrl = t.url.replace(/\/graphql$/, '/export');
});
afterAll(() => t?.close());

const ANALYST: Identity = { subject: 'test.analyst', role: 'ANALYST', organisationId: null };
const MUNICIPAL: Identity = { subject: 'test.municipal', role: 'MUNICIPAL_STAFF', organisationId: null };

async function download(identity: Identity | null, params: Record<string, unknown>, method: 'GET' | 'POST' = 'POST') {
  const headers: Record<string, string> = identity ? { authorization: `Bearer ${await signUserToken(identity, loadConfig().auth.secret)}` } : {};
  const res =
    method === 'GET'
      ? await fetch(`${exportUrl}?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]))}`, { headers })
      : await fetch(exportUrl, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(params) });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', chunked: res.headers.get('transfer-encoding') === 'chunked', body };
}

const csvRows = (body: Buffer) => parseCsv(body.toString('utf8'), { bom: true }) as string[][];

async function xlsxRows(body: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

function refusal(answer: { status: number; body: Buffer }) {
  const json = JSON.parse(answer.body.toString('utf8')) as { errors: { message: string; extensions: { code: string } }[] };
  expectDocumentedCodes(json);
  return { status: answer.status, code: json.errors[0]!.extensions.code, message: json.errors[0]!.message };
}

/** Registered operations that are not one table (a profile with several lists, a graph's nodes beside its edges, a mutation). */
const NOT_TABULAR = new Set(['OrganisationProfile', 'OrganisationPage', 'Neighbourhood', 'DistrictListCounts', 'DistrictDashboard', 'MatchSocietyMembers', 'ConfirmSocietyLink', 'DeclineSocietyLink', 'EndSocietyLink']);

describe('Exports', () => {
  it.each(manifest.operations.map((o) => o.name))('exports the registered operation %s with a Chinese name on every column, or says it is not a table', async (name) => {
    const answer = await download(MUNICIPAL, { operation: name, variables: sampleVariables[name], format: 'csv' });
    if (NOT_TABULAR.has(name)) {
      expect(refusal(answer)).toMatchObject({ status: 400, code: 'EXPORT_NOT_TABULAR' });
      return;
    }
    expect(answer.status, answer.body.toString('utf8').slice(0, 300)).toBe(200);
    const [headers] = csvRows(answer.body);
    expect(headers!.filter((h) => !/^[^（]*[\u4e00-\u9fff][^（]*（/.test(h))).toEqual([]);
  });

  it('downloads an aggregate as XLSX with Chinese headers and the counts the API gives, to an analyst', async () => {
    const api = expectData(await t.queryAs(ANALYST, '{ organisationCounts(groupBy: [DISTRICT, KIND]) { district { code nameZh } kind count } }')).organisationCounts as { count: number }[];
    const answer = await download(ANALYST, { operation: 'AssociationsByDistrictAndKind', format: 'xlsx' }, 'GET');
    expect(answer.status).toBe(200);
    expect(answer.type).toContain('spreadsheetml');
    expect(answer.disposition).toMatch(/attachment; .*AssociationsByDistrictAndKind-\d{4}-\d{2}-\d{2}\.xlsx/);
    const [headers, ...rows] = await xlsxRows(answer.body);
    expect(headers).toEqual(['区县代码（district.code）', '区县名称（district.nameZh）', '类型（kind）', '数量（count）']);
    expect(rows).toHaveLength(api.length);
    // Counts are numbers in the sheet, and kinds are written by their Chinese names.
    expect(rows.reduce((sum, r) => sum + (r[3] as number), 0)).toBe(api.reduce((sum, r) => sum + r.count, 0));
    expect(new Set(rows.map((r) => r[2]))).toContain('企业科协');
  });

  it('reads a list page by page (a page of 7 rows here) into one CSV with every row the list has, once', async () => {
    const filter = { kinds: ['ENTERPRISE_ASSOCIATION'] };
    const ids: string[] = [];
    let list: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] };
    do {
      const after: string | null = ids.length ? list!.pageInfo.endCursor : null;
      list = expectData(await t.query('query($f: OrganisationFilter, $after: String) { organisations(filter: $f, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }', { f: filter, after })).organisations;
      ids.push(...list.edges.map((e) => e.node.id));
    } while (list.pageInfo.hasNextPage);
    expect(list.totalCount).toBeGreaterThan(14);
    const answer = await download(MUNICIPAL, { operationName: 'FindOrganisations', format: 'csv', variables: { filter, first: 7 } });
    expect(answer.status).toBe(200);
    expect(answer.type).toContain('text/csv');
    // Streamed: sent page by page as the pages answer, so the length is not known up front.
    expect(answer.chunked).toBe(true);
    expect(answer.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [headers, ...rows] = csvRows(answer.body);
    expect(headers![0]).toBe('编号（id）');
    expect(headers!.every((h) => /[\u4e00-\u9fff]/.test(h))).toBe(true);
    expect(rows).toHaveLength(list.totalCount);
    expect(new Set(rows.map((r) => r[0])).size).toBe(list.totalCount);
    expect(rows.map((r) => r[0]).sort()).toEqual(ids.sort());
  });

  it('lays out the rows of a list under one object with that object’s fields repeated on each row', async () => {
    const answer = await download(MUNICIPAL, { query: 'query Stats($id: ID!) { organisation(id: $id) { nameZh activityStats(includeDescendants: true) { year kind count } } }', variables: { id: '1' }, format: 'csv' });
    expect(answer.status).toBe(200);
    const api = expectData(await t.query('{ organisation(id: "1") { nameZh activityStats(includeDescendants: true) { year kind count } } }')).organisation;
    const [headers, ...rows] = csvRows(answer.body);
    expect(headers).toEqual(['名称（nameZh）', '年度（year）', '类型（kind）', '数量（count）']);
    expect(rows).toHaveLength(api.activityStats.length);
    expect(rows.every((r) => r[0] === api.nameZh)).toBe(true);
  });

  it('refuses, with an error and no file, what the caller may not read: an analyst and a list of members', async () => {
    const query = 'query Members($id: ID!) { organisation(id: $id) { members(first: 100) { edges { node { person { nameZh } } } } } }';
    const answer = refusal(await download(ANALYST, { query, variables: { id: '7' }, format: 'csv' }));
    expect(answer.status).toBe(403);
    expect(['FORBIDDEN', 'PERSONAL_DATA_WITHHELD']).toContain(answer.code);
  });

  it('refuses an anonymous caller an aggregate that needs a token, and a token that does not verify', async () => {
    const anonymous = refusal(await download(null, { operation: 'MembersByDistrictAndCategory', format: 'csv' }));
    expect([401, 403]).toContain(anonymous.status);
    const res = await fetch(`${exportUrl}?operation=AssociationsByDistrictAndKind`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('says what it expected when the request is not an export it can make', async () => {
    expect(refusal(await download(ANALYST, { operation: 'AssociationsByDistrictAndKind', format: 'pdf' }))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', message: expect.stringContaining('received "pdf"') });
    expect(refusal(await download(ANALYST, { operation: 'NoSuchOperation' }))).toMatchObject({ status: 400, code: 'OPERATION_NOT_REGISTERED', message: expect.stringContaining('"NoSuchOperation"') });
    expect(refusal(await download(ANALYST, { query: '{ districts { code } organisationCounts { count } }' }))).toMatchObject({ status: 400, code: 'EXPORT_NOT_TABULAR', message: expect.stringContaining('one root field') });
    expect(refusal(await download(MUNICIPAL, { query: 'mutation { recordScienceWorkerCount(input: {}) { count } }' }))).toMatchObject({ status: 400, code: 'EXPORT_NOT_TABULAR' });
    expect(refusal(await download(ANALYST, { operation: 'AssociationsByDistrictAndKind', variables: '{not json' }, 'GET'))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
  });

  it('refuses a list longer than EXPORT_MAX_ROWS before writing anything', async () => {
    const small = await startGatewayOver(t.graph, { limits: { exportMaxRows: 5 } });
    try {
      const token = await signUserToken(MUNICIPAL, loadConfig().auth.secret);
      const res = await fetch(small.url.replace(/\/graphql$/, '/export'), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ operation: 'FindOrganisations', variables: {} }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('EXPORT_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  it('runs registered operations only, by name, where the gateway accepts nothing else', async () => {
    const strict = await startGatewayOver(t.graph, { production: true, trustedDocuments: { only: true, file: undefined } });
    try {
      const token = await signUserToken(ANALYST, loadConfig().auth.secret);
      const send = (body: unknown) =>
        fetch(strict.url.replace(/\/graphql$/, '/export'), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await send({ operation: 'AssociationsByDistrictAndKind', format: 'csv' })).status).toBe(200);
      const unregistered = await send({ query: '{ organisationCounts(groupBy: [KIND]) { kind count } }', format: 'csv' });
      expect(unregistered.status).toBe(400);
      expect(((await unregistered.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('OPERATION_NOT_REGISTERED');
    } finally {
      await strict.close();
    }
  });
});
