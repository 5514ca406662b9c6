// Cursor pagination shared by every connection. A cursor is opaque to clients: base64url of a JSON array holding
// the sort key of the last row seen, so that "after" works as a keyset condition rather than an offset.
import { ErrorCode, show, userError } from '@cq/domain';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export type SortKey = readonly (string | number)[];

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page {
  first: number;
  after: SortKey | null;
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Checks `first` and decodes `after`; `keyShape` lists the types of the sort key's parts. */
export function readPage(args: PageArgs, keyShape: readonly ('string' | 'number')[] = ['number']): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw userError(ErrorCode.INVALID_PAGE_SIZE, `Expected \`first\` between 0 and ${MAX_PAGE_SIZE}, received ${first}.`, {
      argument: 'first',
      min: 0,
      max: MAX_PAGE_SIZE,
      received: first,
    });
  }
  return { first, after: args.after == null ? null : decodeCursor(args.after, keyShape) };
}

function decodeCursor(cursor: string, keyShape: readonly ('string' | 'number')[]): SortKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const fits =
    Array.isArray(key) &&
    key.length === keyShape.length &&
    key.every((part, i) => typeof part === keyShape[i] && (typeof part !== 'number' || Number.isSafeInteger(part)));
  if (!fits) {
    throw userError(
      ErrorCode.INVALID_CURSOR,
      `Expected \`after\` to be an endCursor returned by this list, received ${show(cursor)}.`,
      { argument: 'after', received: cursor },
    );
  }
  return key as SortKey;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Builds a connection from up to `first + 1` rows: the extra row only says that there is a next page. */
export function toConnection<T>(rows: readonly T[], page: Page, keyOf: (row: T) => SortKey): Connection<T> {
  const visible = rows.slice(0, page.first);
  const edges = visible.map((node) => new Edge(node, keyOf));
  return { edges, pageInfo: new PageInfo(rows.length > page.first, edges.at(-1)) };
}

// Cursors are encoded only when a client selects them: most reads of a list page through nothing, and a page of
// members inside a page of associations would otherwise encode thousands nobody reads (bench/README.md, "Levers").
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly keyOf: (row: T) => SortKey,
  ) {}

  get cursor(): string {
    return encodeCursor(this.keyOf(this.node));
  }
}

class PageInfo {
  constructor(
    readonly hasNextPage: boolean,
    private readonly last: { cursor: string } | undefined,
  ) {}

  get endCursor(): string | null {
    return this.last?.cursor ?? null;
  }
}

/** What a connection resolver returns: the page, and the total count computed only if a client asks for it. */
export interface ConnectionModel<T> extends Connection<T> {
  totalCount: () => Promise<number>;
}

/**
 * What a dashboard's list returns: its page, its total count (computed with the page, or only if asked for) and its
 * counts by district and kind (`countsBy`, read over the same rows as totalCount, only if asked for). `C` is the row
 * of one group (@cq/db/hierarchy's ListCountRow).
 */
export interface ListConnectionModel<T, C> extends Connection<T> {
  totalCount: number | (() => Promise<number>);
  countsBy: (args: { groupBy: readonly ('DISTRICT' | 'KIND')[] }) => Promise<C[]>;
}
