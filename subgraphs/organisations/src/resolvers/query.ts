import { ErrorCode, notFound, parseId, requirePeriod, userError } from '@cq/domain';
import { forbidden, readPage, requireRole, requireScope, STRUCTURE_READERS, toConnection } from '@cq/service-kit';
import * as audit from '../data/audit.ts';
import * as counts from '../data/counts.ts';
import { requireStructure } from '../access.ts';
import * as hierarchy from '../data/hierarchy.ts';
import * as lifeCycle from '../data/life-cycle.ts';
import * as data from '../data/organisations.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';
import type { Loaders } from '../loaders.ts';
import { ensureSearchKeys } from '../data/search.ts';

function inRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`${argument}\` between ${min} and ${max}, received ${value}.`, { argument, min, max, received: value });
  }
  return value;
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

const organisations = async (loaders: Loaders, ids: number[]) => (await loaders.organisation.loadMany(ids)) as data.OrganisationRow[];
const relationships = async (loaders: Loaders, ids: number[]) => (await loaders.relationship.loadMany(ids)) as data.RelationshipRow[];

export const Query: QueryResolvers = {
  async auditRecords(_, { organisationId, first, after }, ctx) {
    const target = organisationId ? parseId(organisationId, 'organisationId') : null;
    requireRole(ctx.identity, ['MUNICIPAL_STAFF', 'DISTRICT_STAFF'], 'read the audit trail');
    if (ctx.identity.role !== 'MUNICIPAL_STAFF') {
      if (target === null) throw forbidden('District staff read the audit trail of one organisation within their scope: expected organisationId, received none.');
      await requireScope(ctx.identity, ctx.loaders.scope, target, 'read its audit trail');
    }
    const page = readPage({ first, after });
    return toConnection(await audit.auditRecords(ctx.db, target, page), page, (r) => [r.id]);
  },
  async organisation(_, { id }, { loaders }) {
    return (await loaders.organisation.load(parseId(id))) ?? Promise.reject(notFound('Organisation', id));
  },
  async organisations(_, { filter, asOf, first, after }, { db, today }) {
    const page = readPage({ first, after });
    const f = filter ?? {};
    if (f.search) await ensureSearchKeys(db);
    // Today's state is the organisations' own columns; any other day is read from the event history.
    if (asOf && asOf !== today) {
      const rows = await data.searchOrganisationsOn(db, f, asOf, page);
      return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => data.countOrganisationsOn(db, f, asOf) };
    }
    const rows = await data.searchOrganisations(db, f, page);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => data.countOrganisations(db, f) };
  },
  districts: (_, __, { db }) => data.allDistricts(db),
  async organisationCounts(_, { filter, asOf, groupBy }, { db, today }) {
    if (filter?.search) await ensureSearchKeys(db);
    return counts.countOn(db, filter ?? {}, asOf ?? today, unique(groupBy), today);
  },
  organisationChanges(_, { from, to, period, changes, filter, groupBy }, { db }) {
    requirePeriod(from, to);
    const all: counts.Change[] = ['FOUNDED', 'REVOKED', 'DEREGISTERED'];
    return counts.changesBetween(db, from, to, period ?? 'YEAR', changes?.length ? unique(changes) : all, filter ?? {}, unique(groupBy));
  },
  // Workers are counted per enterprise, which is not public (as the activities' and people's aggregates): any token
  // but the anonymous one.
  scienceWorkerCounts(_, { asOf, districtIds, groupBy }, { db, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see science and technology worker counts');
    const districts = districtIds?.length ? unique(districtIds.map((v) => parseId(v, 'districtIds'))) : null;
    return counts.countScienceWorkers(db, asOf ?? today, districts, unique(groupBy));
  },
  async enterprise(_, { id }, { loaders }) {
    return (await loaders.enterprise.load(parseId(id))) ?? Promise.reject(notFound('Enterprise', id));
  },
  async overdueRectifications(_, { asOf, districtIds, kinds, districtCodes, first, after }, ctx) {
    const { db, today, identity, loaders } = ctx;
    requireRole(identity, ['MUNICIPAL_STAFF', 'DISTRICT_STAFF', 'ANALYST'], 'list overdue rectifications');
    let codes = districtCodes?.length ? [...districtCodes] : null;
    const districts = districtIds?.length ? unique(districtIds.map((v) => parseId(v, 'districtIds'))) : null;
    if (identity.role === 'DISTRICT_STAFF') {
      // District staff see their own district's list.
      const own = (await loaders.organisation.load(identity.organisationId!))?.districtCode;
      if (!own || (codes && codes.some((c) => c !== own))) throw forbidden(`District staff see overdue rectifications of their own district (${own}) only; received ${codes?.join(', ')}.`);
      if (districts?.some((d) => d !== identity.organisationId)) {
        throw forbidden(
          `区县科协工作人员只能查看本区县的逾期整改 · District staff see overdue rectifications below their own district association (${identity.organisationId}) only; received districtIds ${districts.join(', ')}.`,
        );
      }
      codes = [own];
    }
    const page = readPage({ first, after }, ['string', 'number']);
    const args = { asOf: asOf ?? today, districtCodes: codes, districtIds: districts, kinds: kinds?.length ? unique(kinds) : null };
    const rows = await lifeCycle.overdueRectifications(db, args, page);
    return {
      ...toConnection(rows, page, (r) => [r.deadline!, r.id]),
      totalCount: () => lifeCycle.countOverdueRectifications(db, args),
      countsBy: ({ groupBy }) => lifeCycle.countOverdueRectificationsBy(db, args, unique(groupBy)),
    };
  },
  async paths(_, { fromId, toId, kinds, asOf, maxLength }, ctx) {
    requireStructure(ctx, 'trace paths between organisations');
    const { db, loaders, today } = ctx;
    const from = parseId(fromId, 'fromId');
    const to = parseId(toId, 'toId');
    const length = inRange('maxLength', maxLength ?? 6, 1, 8);
    for (const [id, raw] of [[from, fromId], [to, toId]] as const) {
      if (!(await loaders.organisation.load(id))) throw notFound('Organisation', raw);
    }
    const found = await hierarchy.shortestPaths(db, from, to, kinds?.length ? [...kinds] : null, asOf ?? today, length);
    // Load every node and edge of every path in one batch each.
    const nodes = await organisations(loaders, [...new Set(found.flatMap((p) => p.nodes))]);
    const edges = await relationships(loaders, [...new Set(found.flatMap((p) => p.edges))]);
    const node = new Map(nodes.map((n) => [n.id, n]));
    const edge = new Map(edges.map((e) => [e.id, e]));
    return found.map((p) => ({ nodes: p.nodes.map((id) => node.get(id)!), edges: p.edges.map((id) => edge.get(id)!) }));
  },
  async neighbourhood(_, { id, hops, kinds, asOf }, ctx) {
    requireStructure(ctx, 'explore neighbourhoods');
    const { db, loaders, today } = ctx;
    const centre = parseId(id);
    const reach = inRange('hops', hops ?? 1, 1, 3);
    if (!(await loaders.organisation.load(centre))) throw notFound('Organisation', id);
    const found = await hierarchy.neighbourhoodIds(db, centre, reach, kinds?.length ? [...kinds] : null, asOf ?? today);
    const kept = found.ids.slice(0, hierarchy.NEIGHBOURHOOD_LIMIT);
    const inside = new Set(kept);
    const edges = (await relationships(loaders, found.edgeIds)).filter((e) => inside.has(e.fromId) && inside.has(e.toId));
    return { nodes: await organisations(loaders, kept), edges, truncated: found.ids.length > kept.length };
  },
};
