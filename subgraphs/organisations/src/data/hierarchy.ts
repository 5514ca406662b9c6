// Hierarchy questions, each answered by one SQL statement: ancestors and descendants from the read model
// (hierarchy.paths); paths and neighbourhoods by breadth-first search over relationships in a recursive query.
import type { Page } from '@cq/service-kit';
import { type Db, intArray, queryRows, textArray } from '@cq/db';
import { sql, type SQL } from 'drizzle-orm';
import { inForce, organisationColumns, relationshipColumns, type OrganisationRow, type RelationshipKind, type RelationshipRow } from './organisations.ts';

export interface PathModel {
  nodes: OrganisationRow[];
  edges: RelationshipRow[];
}

export interface NeighbourhoodModel extends PathModel {
  truncated: boolean;
}

export const NEIGHBOURHOOD_LIMIT = 1000;
const PATH_LIMIT = 20;


/** Each organisation's ancestors on `asOf`, root first: one statement for the batch. */
export async function ancestorsOf(db: Db, ids: readonly number[], asOf: string): Promise<(OrganisationRow & { childId: number })[]> {
  return queryRows(
    db,
    sql`
      select h.organisation_id as "childId", ${organisationColumns}
      from hierarchy.paths h
      cross join lateral unnest(h.path[1:cardinality(h.path) - 1]) with ordinality as a(id, position)
      join org.organisations c on c.id = a.id
      where h.organisation_id = any(${intArray(ids)}) and ${inForce('h', asOf)}
      order by h.organisation_id, a.position`,
  );
}

export interface DescendantArgs {
  asOf: string;
  maxDepth: number | null;
  kinds: OrganisationRow['kind'][] | null;
}

function descendantCondition(parent: SQL, args: DescendantArgs): SQL {
  return sql`
    h.path @> array[${parent}] and h.organisation_id <> ${parent} and ${inForce('h', args.asOf)}
    ${args.maxDepth === null ? sql`` : sql`and cardinality(h.path) - array_position(h.path, ${parent}) <= ${args.maxDepth}`}
    ${args.kinds?.length ? sql`and c.kind = any(${textArray(args.kinds, 'org.organisation_kind')})` : sql``}`;
}

export async function descendantsOf(db: Db, ids: readonly number[], args: DescendantArgs, page: Page): Promise<(OrganisationRow & { parentId: number })[]> {
  const after = (page.after?.[0] as number | undefined) ?? 0;
  return queryRows(
    db,
    sql`
      select p.id as "parentId", d.* from unnest(${intArray(ids)}) as p(id)
      cross join lateral (
        select ${organisationColumns} from hierarchy.paths h join org.organisations c on c.id = h.organisation_id
        where ${descendantCondition(sql`p.id`, args)} and c.id > ${after}
        order by c.id limit ${page.first + 1}
      ) d
      order by p.id, d.id`,
  );
}

export async function countDescendantsOf(db: Db, ids: readonly number[], args: DescendantArgs): Promise<{ parentId: number; n: number }[]> {
  return queryRows(
    db,
    sql`
      select p.id as "parentId",
             (select count(*)::int from hierarchy.paths h join org.organisations c on c.id = h.organisation_id
              where ${descendantCondition(sql`p.id`, args)}) as n
      from unnest(${intArray(ids)}) as p(id)`,
  );
}

/** Relationships in force on a day, each usable in both directions. */
function adjacency(kinds: RelationshipKind[] | null, asOf: string): SQL {
  return sql`
    e as (
      select r.id, r.from_id, r.to_id from org.relationships r
      where ${inForce('r', asOf)} ${kinds?.length ? sql`and r.kind = any(${textArray(kinds, 'org.relationship_kind')})` : sql``}
    ),
    adj (edge_id, a, b) as (select id, from_id, to_id from e union all select id, to_id, from_id from e)`;
}

interface RawPath {
  nodes: number[];
  edges: number[];
}

/**
 * The shortest paths from `fromId` to `toId`: distances from both ends by breadth-first search, then the paths
 * that only take edges lying on some shortest path. Returns ids; the caller loads the rows.
 */
/**
 * Every shortest path (at most PATH_LIMIT) from one organisation to another, searched from both ends at once: each
 * side only half the length deep (ceil and floor of maxLength / 2), since every path of length l passes through a
 * node ceil(l / 2) from its start and floor(l / 2) from its end, its middle. The paths are then walked back from
 * each middle node to both ends, along the distances each side found. In a hierarchy the nodes within a distance
 * grow by orders of magnitude per step (an association, its district, the municipal association, every district),
 * so half the depth on each side reads a small part of what the whole depth on one side would.
 */
export async function shortestPaths(
  db: Db,
  fromId: number,
  toId: number,
  kinds: RelationshipKind[] | null,
  asOf: string,
  maxLength: number,
): Promise<RawPath[]> {
  return queryRows<RawPath>(
    db,
    sql`
      with recursive ${adjacency(kinds, asOf)},
      fa (node, d) as (select ${fromId}::int, 0 union select adj.b, fa.d + 1 from fa join adj on adj.a = fa.node where fa.d < ${Math.ceil(maxLength / 2)}),
      fb (node, d) as (select ${toId}::int, 0 union select adj.b, fb.d + 1 from fb join adj on adj.a = fb.node where fb.d < ${Math.floor(maxLength / 2)}),
      da as (select node, min(d) as d from fa group by node),
      db as (select node, min(d) as d from fb group by node),
      shortest as (select min(da.d + db.d) as l from da join db using (node)),
      middle as (select node from da join db using (node), shortest where da.d + db.d = shortest.l and da.d = (shortest.l + 1) / 2),
      back (node, middle, nodes, edges) as (
        select node, node, array[node], array[]::int[] from middle
        union all
        select adj.a, back.middle, adj.a || back.nodes, adj.edge_id || back.edges
        from back join da here on here.node = back.node join adj on adj.b = back.node join da before on before.node = adj.a and before.d = here.d - 1
      ),
      forth (node, middle, nodes, edges) as (
        select node, node, array[node], array[]::int[] from middle
        union all
        select adj.b, forth.middle, forth.nodes || adj.b, forth.edges || adj.edge_id
        from forth join db here on here.node = forth.node join adj on adj.a = forth.node join db after on after.node = adj.b and after.d = here.d - 1
      )
      select b.nodes || f.nodes[2:] as nodes, b.edges || f.edges as edges
      from back b join forth f on f.middle = b.middle
      where b.node = ${fromId} and f.node = ${toId}
      order by 1, 2
      limit ${PATH_LIMIT}`,
  );
}

/** Ids of the organisations within `hops` of `id`, nearest first, one more than the limit to tell truncation. */
export async function neighbourhoodIds(db: Db, id: number, hops: number, kinds: RelationshipKind[] | null, asOf: string): Promise<{ ids: number[]; edgeIds: number[] }> {
  const [row] = await queryRows<{ ids: number[] | null; edgeIds: number[] | null }>(
    db,
    sql`
      with recursive ${adjacency(kinds, asOf)},
      reach (node, d) as (select ${id}::int, 0 union select adj.b, reach.d + 1 from reach join adj on adj.a = reach.node where reach.d < ${hops}),
      nodes as (select node, min(d) as d from reach group by node order by min(d), node limit ${NEIGHBOURHOOD_LIMIT + 1})
      select (select array_agg(node order by d, node) from nodes) as ids,
             (select array_agg(distinct e.id) from e join nodes x on x.node = e.from_id join nodes y on y.node = e.to_id) as "edgeIds"`,
  );
  return { ids: row?.ids ?? [id], edgeIds: row?.edgeIds ?? [] };
}

export async function relationshipsByIds(db: Db, ids: readonly number[]): Promise<RelationshipRow[]> {
  return queryRows(db, sql`select ${relationshipColumns} from org.relationships r where r.id = any(${intArray(ids)}) order by r.id`);
}
