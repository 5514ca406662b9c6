// Questions district staff and dashboards ask of the structure, as of a date, checked against the relationships
// table itself; and their cost in SQL statements, which must not grow with the size of the answer.
import { queryRows } from '@cq/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t?.close());

/** Descendants through the guidance chain on a day, computed independently by a recursive walk of relationships. */
async function descendantsInDatabase(root: number, asOf: string): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    t.database.db,
    sql`with recursive d(id) as (
          select ${root}::int
          union
          select r.from_id from org.relationships r join d on r.to_id = d.id
          where r.kind in ('GUIDANCE', 'APPROVAL') and r.valid_from <= ${asOf}::date and (r.valid_to is null or r.valid_to > ${asOf}::date))
        select id from d where id <> ${root} order by id`,
  );
  return rows.map((r) => r.id);
}

async function transferredAssociation() {
  const [row] = await queryRows<{ id: number; old_parent: number; new_parent: number }>(
    t.database.db,
    sql`select a.from_id as id, a.to_id as old_parent, b.to_id as new_parent from org.relationships a
        join org.relationships b on b.from_id = a.from_id and b.kind = 'APPROVAL' and b.valid_from = a.valid_to
        where a.kind = 'APPROVAL' and a.valid_to = '2024-06-30' order by 1 limit 1`,
  );
  return row!;
}

describe('Hierarchy queries', () => {
  it('lists ancestors root first, as of a date (before and after a transfer)', async () => {
    const moved = await transferredAssociation();
    const ancestors = async (asOf: string) =>
      expectData(await t.query(`{ organisation(id: "${moved.id}") { ancestors(asOf: "${asOf}") { id kind } } }`)).organisation.ancestors;
    expect(await ancestors('2024-06-29')).toEqual([
      { id: '1', kind: 'MUNICIPAL_ASSOCIATION' },
      { id: String(moved.old_parent), kind: 'DISTRICT_ASSOCIATION' },
    ]);
    expect(await ancestors('2024-06-30')).toEqual([
      { id: '1', kind: 'MUNICIPAL_ASSOCIATION' },
      { id: String(moved.new_parent), kind: 'DISTRICT_ASSOCIATION' },
    ]);
  });

  it('lists every descendant of the municipal association, matching a walk of the relationships', async () => {
    for (const asOf of ['2022-01-01', '2026-01-01']) {
      const expected = await descendantsInDatabase(1, asOf);
      const seen: number[] = [];
      let after: string | null = null;
      let total = 0;
      do {
        const d: any = expectData(
          await t.query(`query ($after: String) { organisation(id: "1") { descendants(asOf: "${asOf}", first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`, { after }),
        );
        const c = d.organisation.descendants;
        total = c.totalCount;
        seen.push(...c.edges.map((e: any) => Number(e.node.id)));
        after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(expected);
      expect(total).toBe(expected.length);
    }
  });

  it('filters descendants by depth and kind', async () => {
    const d = expectData(await t.query(`{ organisation(id: "1") { descendants(maxDepth: 1, first: 100, asOf: "2026-01-01") { totalCount edges { node { kind } } } } }`));
    const kinds = new Set(d.organisation.descendants.edges.map((e: any) => e.node.kind));
    // One step below the municipal association: the districts, the learned societies and the municipal-level associations.
    expect(kinds).toEqual(new Set(['DISTRICT_ASSOCIATION', 'LEARNED_SOCIETY', 'ENTERPRISE_ASSOCIATION']));
    const [direct] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from org.relationships where to_id = 1 and kind in ('GUIDANCE', 'APPROVAL')
          and valid_from <= '2026-01-01' and (valid_to is null or valid_to > '2026-01-01')`,
    );
    expect(d.organisation.descendants.totalCount).toBe(direct!.n);
    const w = expectData(await t.query(`{ organisation(id: "1") { descendants(kinds: [WORKSTATION], first: 0, asOf: "2026-01-01") { totalCount } } }`));
    const [n] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from org.organisations o join org.relationships r on r.from_id = o.id and r.kind = 'APPROVAL'
          where o.kind = 'WORKSTATION' and r.valid_from <= '2026-01-01' and (r.valid_to is null or r.valid_to > '2026-01-01')`,
    );
    expect(w.organisation.descendants.totalCount).toBe(n!.n);
    const bad = await t.query(`{ organisation(id: "1") { descendants(maxDepth: 0) { totalCount } } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
  });

  it('finds the shortest path between associations in two districts, through their districts and the municipal association', async () => {
    const [a, b] = await queryRows<{ id: number; parent: number }>(
      t.database.db,
      sql`select distinct on (r.to_id) r.from_id as id, r.to_id as parent from org.relationships r join org.organisations o on o.id = r.from_id
          where r.kind = 'APPROVAL' and r.valid_to is null and r.to_id in (2, 3) and o.kind = 'ENTERPRISE_ASSOCIATION'
            and not exists (select 1 from org.relationships x where (x.from_id = r.from_id or x.to_id = r.from_id) and x.kind <> 'APPROVAL')
          order by r.to_id, r.from_id`,
    );
    const d = expectData(
      await t.query(`{ paths(fromId: "${a!.id}", toId: "${b!.id}", kinds: [GUIDANCE, APPROVAL], asOf: "2026-01-01") { nodes { id } edges { kind from { id } to { id } } } }`),
    );
    expect(d.paths).toEqual([
      {
        nodes: [a!.id, 2, 1, 3, b!.id].map((id) => ({ id: String(id) })),
        edges: [
          { kind: 'APPROVAL', from: { id: String(a!.id) }, to: { id: '2' } },
          { kind: 'GUIDANCE', from: { id: '2' }, to: { id: '1' } },
          { kind: 'GUIDANCE', from: { id: '3' }, to: { id: '1' } },
          { kind: 'APPROVAL', from: { id: String(b!.id) }, to: { id: '3' } },
        ],
      },
    ]);
    const none = expectData(await t.query(`{ paths(fromId: "${a!.id}", toId: "${b!.id}", kinds: [GUIDANCE, APPROVAL], maxLength: 3, asOf: "2026-01-01") { nodes { id } } }`));
    expect(none.paths).toEqual([]);
    const bad = await t.query(`{ paths(fromId: "1", toId: "2", maxLength: 9) { nodes { id } } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
  });

  it('finds every shortest path a breadth-first search over the relationships in force finds, searching from both ends', async () => {
    const asOf = '2026-01-01';
    const edges = await queryRows<{ id: number; from: number; to: number }>(
      t.database.db,
      sql`select id, from_id as "from", to_id as "to" from org.relationships where valid_from <= ${asOf}::date and (valid_to is null or valid_to > ${asOf}::date)`,
    );
    const around = new Map<number, { edge: number; next: number }[]>();
    for (const e of edges) {
      around.set(e.from, [...(around.get(e.from) ?? []), { edge: e.id, next: e.to }]);
      around.set(e.to, [...(around.get(e.to) ?? []), { edge: e.id, next: e.from }]);
    }
    /** Every shortest path within maxLength, by a plain search from `from` alone, as "nodes|edges" strings. */
    const reference = (from: number, to: number, maxLength: number): string[] => {
      let walks = [{ nodes: [from], edges: [] as number[] }];
      const seen = new Set([from]);
      for (let length = 0; length <= maxLength; length++) {
        const arrived = walks.filter((w) => w.nodes.at(-1) === to);
        if (arrived.length) return arrived.map((w) => `${w.nodes.join('.')}|${w.edges.join('.')}`).sort();
        walks = walks.flatMap((w) => (around.get(w.nodes.at(-1)!) ?? []).filter((n) => !seen.has(n.next)).map((n) => ({ nodes: [...w.nodes, n.next], edges: [...w.edges, n.edge] })));
        for (const w of walks) seen.add(w.nodes.at(-1)!);
      }
      return [];
    };
    const ids = [...around.keys()].sort((x, y) => x - y);
    // Pairs spread over the ids, of odd and even lengths, and an organisation to itself.
    const pairs = Array.from({ length: 12 }, (_, i) => [ids[(i * 7919) % ids.length]!, ids[(i * 104729 + 13) % ids.length]!, [6, 5, 4, 3][i % 4]!] as const);
    let found = 0;
    for (const [from, to, maxLength] of [...pairs, [ids[0]!, ids[0]!, 6] as const]) {
      const d = expectData(await t.query(`{ paths(fromId: "${from}", toId: "${to}", asOf: "${asOf}", maxLength: ${maxLength}) { nodes { id } edges { id } } }`));
      const answered = (d.paths as { nodes: { id: string }[]; edges: { id: string }[] }[]).map((p) => `${p.nodes.map((n) => n.id).join('.')}|${p.edges.map((e) => e.id).join('.')}`);
      const expected = reference(from, to, maxLength);
      if (expected.length >= 20) expect(answered).toHaveLength(20);
      else expect([...answered].sort()).toEqual(expected);
      found += expected.length ? 1 : 0;
    }
    expect(found).toBeGreaterThan(4);
  });

  it('draws the neighbourhood of a district association: nodes and the edges between them', async () => {
    const d = expectData(await t.query(`{ neighbourhood(id: "2", hops: 1, asOf: "2026-01-01") { truncated nodes { id } edges { id kind from { id } to { id } } } }`));
    const expected = await queryRows<{ id: number }>(
      t.database.db,
      sql`select distinct case when from_id = 2 then to_id else from_id end as id from org.relationships
          where (from_id = 2 or to_id = 2) and valid_from <= '2026-01-01' and (valid_to is null or valid_to > '2026-01-01') order by 1`,
    );
    const n = d.neighbourhood;
    expect(n.truncated).toBe(false);
    expect(n.nodes[0].id).toBe('2');
    expect(n.nodes.slice(1).map((x: any) => Number(x.id))).toEqual(expected.map((r) => r.id));
    const ids = new Set(n.nodes.map((x: any) => x.id));
    for (const e of n.edges) expect(ids.has(e.from.id) && ids.has(e.to.id)).toBe(true);
    expect(n.edges.some((e: any) => e.kind === 'GUIDANCE' && e.to.id === '1')).toBe(true);
  });

  it('shows the event history of an organisation, newest first', async () => {
    const moved = await transferredAssociation();
    const d = expectData(await t.query(`{ organisation(id: "${moved.id}") { events { totalCount edges { node { kind effectiveOn before after } } } } }`));
    expect(d.organisation.events.edges.map((e: any) => e.node.kind)).toEqual(['TRANSFERRED', 'APPROVED']);
    expect(d.organisation.events.edges[0].node).toMatchObject({ effectiveOn: '2024-06-30', before: { approverId: moved.old_parent }, after: { approverId: moved.new_parent } });
  });

  it('lists overdue rectifications, matching the sanctions table', async () => {
    const d = expectData(await t.query(`{ overdueRectifications(asOf: "2026-01-01", first: 100) { totalCount edges { node { deadline completedOn organisation { id status } } } } }`));
    const [expected] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from org.sanctions s join org.organisations o on o.id = s.organisation_id
          where s.kind = 'RECTIFICATION' and s.deadline < '2026-01-01' and s.completed_on is null and o.status = 'ACTIVE'`,
    );
    expect(d.overdueRectifications.totalCount).toBe(expected!.n);
    expect(expected!.n).toBeGreaterThan(0);
    for (const e of d.overdueRectifications.edges) {
      expect(e.node.deadline < '2026-01-01').toBe(true);
      expect(e.node.organisation.status).toBe('ACTIVE');
    }
  });
});

describe('Search as of a date', () => {
  it('finds a transferred association in its old district before the transfer and in its new one after', async () => {
    const moved = await transferredAssociation();
    const [codes] = await queryRows<{ old: string; now: string }>(
      t.database.db,
      sql`select (select district_code from org.organisations where id = ${moved.old_parent}) as old, (select district_code from org.organisations where id = ${moved.new_parent}) as now`,
    );
    const search = async (code: string, asOf: string) => {
      const d = expectData(await t.query(`{ organisations(filter: {districtCodes: ["${code}"], kinds: [ENTERPRISE_ASSOCIATION]}, asOf: "${asOf}", first: 100) { edges { node { id } } } }`));
      return d.organisations.edges.map((e: any) => Number(e.node.id));
    };
    expect(await search(codes!.old, '2024-06-29')).toContain(moved.id);
    expect(await search(codes!.now, '2024-06-29')).not.toContain(moved.id);
    expect(await search(codes!.old, '2024-06-30')).not.toContain(moved.id);
    expect(await search(codes!.now, '2024-06-30')).toContain(moved.id);
  });

  it('finds a revoked association as active before its revocation, and nothing before it existed', async () => {
    const [row] = await queryRows<{ id: number; on: string; established: string }>(
      t.database.db,
      sql`select e.organisation_id as id, e.effective_on::text as on, o.established_on::text as established from org.events e
          join org.organisations o on o.id = e.organisation_id where e.kind = 'REVOKED' order by e.id limit 1`,
    );
    const status = async (asOf: string) => {
      const d = expectData(await t.query(`{ organisation(id: "${row!.id}") { statusOn(date: "${asOf}") } }`));
      return d.organisation.statusOn;
    };
    expect(await status(row!.on)).toBe('REVOKED');
    const dayBefore = new Date(Date.parse(`${row!.on}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(await status(dayBefore)).toBe('ACTIVE');
    const beforeEstablished = new Date(Date.parse(`${row!.established}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(await status(beforeEstablished)).toBeNull();
    const active = async (asOf: string) =>
      expectData(await t.query(`{ organisations(filter: {statuses: [ACTIVE], kinds: [ENTERPRISE_ASSOCIATION]}, asOf: "${asOf}", first: 100) { totalCount edges { node { id } } } }`)).organisations;
    const [expected] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from org.organisations o where o.kind = 'ENTERPRISE_ASSOCIATION'
          and (select e.after->>'status' from org.events e where e.organisation_id = o.id and e.effective_on <= ${dayBefore}::date and e.after ? 'status'
               order by e.effective_on desc, e.id desc limit 1) = 'ACTIVE'`,
    );
    expect((await active(dayBefore)).totalCount).toBe(expected!.n);
  });
});

describe('SQL statements of hierarchy queries', () => {
  const count = async (query: string) => {
    const { result, statements } = await t.countStatements(() => t.query(query));
    expectData(result);
    return statements;
  };

  it('descendants take the same statements for one district as for the municipal association', async () => {
    const q = (id: number, first: number) => `{ organisation(id: "${id}") { descendants(first: ${first}) { totalCount edges { node { id kind district { nameZh } } } } } }`;
    expect(await count(q(1, 100))).toBe(await count(q(2, 1)));
  });

  it('paths and neighbourhoods take a constant number of statements whatever their size', async () => {
    expect(await count(`{ paths(fromId: "2", toId: "3") { nodes { id } edges { id } } }`)).toBe(await count(`{ paths(fromId: "50", toId: "120") { nodes { id nameZh } edges { id kind } } }`));
    expect(await count(`{ neighbourhood(id: "50", hops: 1) { nodes { id } edges { id } } }`)).toBe(await count(`{ neighbourhood(id: "1", hops: 3) { nodes { id nameZh } edges { id kind } } }`));
  });
});
