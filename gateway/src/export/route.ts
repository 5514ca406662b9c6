// Exports (导出): `GET /export?operation=<name>&format=csv|xlsx&variables=<json>` (or POST with a JSON body
// `{ operationName, query?, variables, format }`) runs a query through this gateway's own server, with the caller's
// token, limits and rules exactly as /graphql would, and answers the table as a download (docs/exports.md).
//
// A list that pages (a connection whose `after` is a variable, with `pageInfo { hasNextPage endCursor }`) is read
// one page at a time and each page is written out before the next is asked for, so an export never holds more than
// a page in memory. Nothing is written until the first page answers without error: a refused field is an error
// response, never an empty or partial file. A later page that fails cuts the download off (the file is then
// incomplete and the client sees a network error, not a shorter table).
import { once } from 'node:events';
import type { ApolloServer, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { log } from '@cq/service-kit';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Request, RequestHandler, Response } from 'express';
import { type GraphQLFormattedError, type GraphQLSchema, parse } from 'graphql';
import type { GatewayContext } from '../gateway.ts';
import { type Column, finalHeaders, planTable, type Table } from './table.ts';

export interface ExportOptions {
  /** Registered operations by name (gateway/operations): what `operation=<name>` runs. */
  registered: ReadonlyMap<string, string>;
  /** Rows asked for per page (the largest `first` the lists accept). */
  pageSize: number;
  /** The most rows one export may have (EXPORT_MAX_ROWS). */
  maxRows: number;
  maxTokens: number;
}

const FORMATS = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type Format = keyof typeof FORMATS;

/** Keeps the API schema the gateway serves, to read each exported operation's columns from. */
export function apiSchemaKeeper(): { plugin: ApolloServerPlugin<BaseContext>; schema: () => GraphQLSchema | undefined } {
  let current: GraphQLSchema | undefined;
  return {
    plugin: {
      async serverWillStart() {
        return {
          schemaDidLoadOrUpdate({ apiSchema }) {
            current = apiSchema;
          },
        };
      },
    },
    schema: () => current,
  };
}

class ExportRefused extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly GraphQLFormattedError[],
  ) {
    super(errors[0]?.message ?? 'export refused');
  }
}

const refused = (status: number, code: string, message: string) => new ExportRefused(status, [{ message, extensions: { code } }]);

interface ExportRequest {
  name: string;
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  format: Format;
}

function readRequest(req: Request, options: ExportOptions): ExportRequest {
  const input = (req.method === 'GET' ? req.query : (req.body ?? {})) as Record<string, unknown>;
  const format = input.format ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw refused(400, 'BAD_USER_INPUT', `导出格式应为 csv 或 xlsx · Expected format "csv" or "xlsx", received ${JSON.stringify(format)}.`);
  let variables: unknown = input.variables ?? {};
  if (typeof variables === 'string') {
    const text = variables;
    try {
      variables = JSON.parse(text);
    } catch {
      throw refused(400, 'BAD_USER_INPUT', `变量应为 JSON 对象 · Expected variables as a JSON object, received text that does not parse: ${text.slice(0, 80)}.`);
    }
  }
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) throw refused(400, 'BAD_USER_INPUT', `变量应为 JSON 对象 · Expected variables as a JSON object, received ${String(JSON.stringify(variables)).slice(0, 80)}.`);
  const operationName = input.operation ?? input.operationName;
  if (operationName !== undefined && typeof operationName !== 'string') throw refused(400, 'BAD_USER_INPUT', `operation 应为操作名称 · Expected operation to be an operation's name, received ${JSON.stringify(operationName)}.`);
  const query = typeof input.query === 'string' ? input.query : operationName ? options.registered.get(operationName) : undefined;
  if (!query) {
    throw refused(
      400,
      'OPERATION_NOT_REGISTERED',
      `应指定已登记的操作 · Expected operation to name one of the ${options.registered.size} registered operations (gateway/operations) or a query in the body, received ${operationName ? `"${operationName}"` : 'neither'}.`,
    );
  }
  return { name: operationName ?? 'export', query, ...(operationName ? { operationName } : {}), variables: variables as Record<string, unknown>, format };
}

export function exportRoute(options: ExportOptions, schema: () => GraphQLSchema | undefined) {
  return (server: ApolloServer<GatewayContext>, contextOf: (req: Request, res: Response) => Promise<GatewayContext>): RequestHandler =>
    async (req, res) => {
      if (req.method !== 'GET' && req.method !== 'POST') {
        res.status(405).set('Allow', 'GET, POST').json({ errors: [{ message: `Expected GET or POST, received ${req.method}.`, extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
      try {
        const request = readRequest(req, options);
        const apiSchema = schema();
        if (!apiSchema) throw refused(503, 'SERVICE_UNAVAILABLE', 'The gateway has not loaded its schema yet; retry in a moment.');
        let document;
        try {
          document = parse(request.query, { maxTokens: options.maxTokens });
        } catch (error) {
          throw refused(400, 'GRAPHQL_PARSE_FAILED', error instanceof Error ? error.message : String(error));
        }
        let table: Table;
        try {
          table = planTable(apiSchema, document, request.operationName);
        } catch (error) {
          const e = error as { message: string; extensions?: { code?: string } };
          throw refused(400, e.extensions?.code ?? 'EXPORT_NOT_TABULAR', e.message);
        }
        await writeExport(request, table, options, (variables) => runPage(server, contextOf, req, res, request, variables), res);
      } catch (error) {
        if (error instanceof ExportRefused && !res.headersSent) {
          res.status(error.status).json({ errors: error.errors });
          return;
        }
        log.error({ err: error }, 'export failed');
        if (!res.headersSent) res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        else res.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    };
}

const STATUS_OF_CODE: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, PERSONAL_DATA_WITHHELD: 403, RATE_LIMITED: 429, REQUEST_TIMEOUT: 504, INTERNAL_SERVER_ERROR: 500 };

/** One page through the server's whole request pipeline (limits, registered operations, cost) with a fresh context. */
async function runPage(
  server: ApolloServer<GatewayContext>,
  contextOf: (req: Request, res: Response) => Promise<GatewayContext>,
  req: Request,
  res: Response,
  request: ExportRequest,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  let contextValue: GatewayContext;
  try {
    contextValue = await contextOf(req, res);
  } catch (error) {
    const e = error as { message: string; extensions?: { code?: string } };
    throw refused(401, e.extensions?.code ?? 'UNAUTHENTICATED', e.message);
  }
  const response = await server.executeOperation({ query: request.query, variables, ...(request.operationName ? { operationName: request.operationName } : {}) }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('Expected a single result from an export page, received an incremental one.');
  const { data, errors } = response.body.singleResult;
  if (errors?.length) {
    const status = response.http.status && response.http.status !== 200 ? response.http.status : Math.max(...errors.map((e) => STATUS_OF_CODE[String(e.extensions?.code)] ?? 400));
    throw new ExportRefused(status, errors);
  }
  return data ?? {};
}

async function writeExport(
  request: ExportRequest,
  table: Table,
  options: ExportOptions,
  page: (variables: Record<string, unknown>) => Promise<Record<string, unknown>>,
  res: Response,
): Promise<void> {
  const variables = { ...request.variables };
  // Every row is exported; a `first` the caller gives sets the page size (up to the largest the lists accept).
  if (table.paging?.first) {
    const asked = variables[table.paging.first];
    variables[table.paging.first] = typeof asked === 'number' && asked > 0 ? Math.min(asked, options.pageSize) : options.pageSize;
  }
  let data = await page(variables);
  const total = table.totalCount ? (data[table.root] as Record<string, unknown> | null)?.[table.totalCount] : undefined;
  if (typeof total === 'number' && total > options.maxRows) {
    throw refused(400, 'EXPORT_TOO_LARGE', `导出行数超过上限 · Expected at most ${options.maxRows} rows in one export (EXPORT_MAX_ROWS), received a list of ${total}; narrow the filters.`);
  }
  const writer = await openWriter(request, res, finalHeaders(table.columns));
  let written = 0;
  let closed = false;
  res.once('close', () => (closed = true));
  for (;;) {
    for (const row of rowsOf(data, table)) {
      if (++written > options.maxRows) throw new Error(`export of ${request.name} passed ${options.maxRows} rows`);
      await writer.row(row);
    }
    const pageInfo = table.paging && ((data[table.root] as Record<string, unknown> | null)?.[table.paging.pageInfo] as Record<string, unknown> | undefined);
    if (!table.paging || !pageInfo?.[table.paging.hasNextPage] || closed) break;
    data = await page({ ...variables, [table.paging.after]: pageInfo[table.paging.endCursor] });
  }
  if (!closed) await writer.end();
}

/** The cells of each row of one page, in column order. */
function* rowsOf(data: Record<string, unknown>, table: Table): Generator<unknown[]> {
  function* walk(value: unknown, step: number, ancestors: unknown[]): Generator<unknown[]> {
    if (step === table.steps.length) {
      yield table.columns.map((c) => cellOf(c, at(c.from === 'row' ? value : ancestors[c.from], c.path)));
      return;
    }
    const { key, list } = table.steps[step]!;
    const next = (value as Record<string, unknown> | null | undefined)?.[key];
    if (list) {
      for (const item of (next as unknown[] | null | undefined) ?? []) yield* walk(item, step + 1, ancestors);
    } else if (next !== null && next !== undefined) {
      const reached = [...ancestors];
      reached[step] = next;
      yield* walk(next, step + 1, reached);
    }
  }
  yield* walk(data, 0, []);
}

const at = (value: unknown, path: string[]) => path.reduce<unknown>((v, key) => (v as Record<string, unknown> | null | undefined)?.[key], value);

function cellOf(column: Column, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'number':
      return value as number;
    case 'enum':
      return column.enumNames?.get(value as string) ?? (value as string);
    case 'list':
      return (value as unknown[]).map(listItem).join('；');
    default:
      return scalarText(value);
  }
}

function scalarText(value: unknown): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** An item of a list inside a row: a scalar as it is, an object as its leaf values. */
function listItem(item: unknown): string {
  if (item === null || item === undefined) return '';
  if (typeof item !== 'object') return scalarText(item);
  return Object.values(item).map(listItem).filter(Boolean).join(' ');
}

interface Writer {
  row(cells: unknown[]): Promise<void>;
  end(): Promise<void>;
}

async function openWriter(request: ExportRequest, res: Response, headers: string[]): Promise<Writer> {
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const file = `${request.name}-${day}.${request.format}`;
  res.status(200).set({
    'Content-Type': FORMATS[request.format],
    'Content-Disposition': `attachment; filename="${file.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`,
    'Cache-Control': 'no-store',
  });
  if (request.format === 'csv') {
    // A byte-order mark, so Excel opens the Chinese as UTF-8.
    const csv = stringify({ bom: true });
    csv.pipe(res);
    const write = async (cells: unknown[]) => {
      if (!csv.write(cells)) await once(csv, 'drain');
    };
    await write(headers);
    return {
      row: write,
      end: async () => {
        csv.end();
        await once(res, 'finish');
      },
    };
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(request.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.commit();
  return {
    row: async (cells) => {
      sheet.addRow(cells).commit();
      // Let the zip stream drain between rows when the client reads slowly.
      if (res.writableNeedDrain) await once(res, 'drain');
    },
    end: async () => {
      sheet.commit();
      await workbook.commit();
    },
  };
}
