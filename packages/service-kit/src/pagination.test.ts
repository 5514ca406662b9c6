import { describe, expect, it } from 'vitest';
import { encodeCursor, readPage, toConnection } from './pagination.ts';

describe('Pagination: cursors and page sizes', () => {
  it('round-trips a cursor of the expected shape', () => {
    const after = encodeCursor(['2024-05-01', 42]);
    expect(readPage({ first: 5, after }, ['string', 'number'])).toEqual({ first: 5, after: ['2024-05-01', 42] });
  });

  it('defaults `first` to 20 and accepts 0 and 100', () => {
    expect(readPage({}).first).toBe(20);
    expect(readPage({ first: 0 }).first).toBe(0);
    expect(readPage({ first: 100 }).first).toBe(100);
  });

  it.each([101, -1, 2.5])('refuses first = %s with INVALID_PAGE_SIZE', (first) => {
    expect(() => readPage({ first })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_PAGE_SIZE', received: first }) }));
  });

  it.each(['', 'garbage', encodeCursor(['x']), encodeCursor([1, 2]), encodeCursor([1.5]), Buffer.from('{"a":1}').toString('base64url')])(
    'refuses the cursor %j with INVALID_CURSOR',
    (after) => {
      expect(() => readPage({ after })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_CURSOR' }) }));
    },
  );

  it('uses the extra row only to tell that a next page exists', () => {
    const page = readPage({ first: 2 });
    // Read field by field, as GraphQL reads them: cursors are computed when asked for.
    const read = ({ edges, pageInfo }: ReturnType<typeof toConnection<{ id: number }>>) => ({
      edges: edges.map(({ cursor, node }) => ({ cursor, node })),
      pageInfo: { hasNextPage: pageInfo.hasNextPage, endCursor: pageInfo.endCursor },
    });
    expect(read(toConnection([{ id: 1 }, { id: 2 }, { id: 3 }], page, (r) => [r.id]))).toEqual({
      edges: [
        { cursor: encodeCursor([1]), node: { id: 1 } },
        { cursor: encodeCursor([2]), node: { id: 2 } },
      ],
      pageInfo: { hasNextPage: true, endCursor: encodeCursor([2]) },
    });
    expect(read(toConnection([], page, () => [0])).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
