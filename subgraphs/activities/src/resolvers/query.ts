import { ErrorCode, notFound, parseId, requirePeriod, userError } from '@cq/domain';
import { readPage, requireRole, STRUCTURE_READERS, toConnection } from '@cq/service-kit';
import { unevaluatedCoverage } from '../commands/evaluations.ts';
import * as data from '../data/activities.ts';
import * as counts from '../data/counts.ts';
import * as evaluations from '../data/evaluations.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';

export const KEY_SHAPE = ['string', 'number'] as const;
const ids = (values: readonly string[] | null | undefined) => (values?.length ? values.map((v) => parseId(v, 'districtIds')) : null);
export const cursorKey = (a: data.ActivityRow) => [a.startsOn, a.id];

// Activities are public: what associations do is part of the directory; who took part is guarded per person.
export const Query: QueryResolvers = {
  async activity(_, { id }, { loaders }) {
    return (await loaders.activity.load(parseId(id))) ?? Promise.reject(notFound('Activity', id));
  },
  async activities(_, { filter, first, after }, { db }) {
    const page = readPage({ first, after }, KEY_SHAPE);
    const f = filter ?? {};
    const rows = await data.searchActivities(db, f, page);
    return { ...toConnection(rows, page, cursorKey), totalCount: () => data.countActivities(db, f) };
  },
  activityCounts(_, { from, to, period, kinds, districtIds, groupBy }, { db }) {
    requirePeriod(from, to);
    return counts.countActivities(db, {
      from,
      to,
      period: period ?? 'MONTH',
      kinds: kinds?.length ? [...kinds] : null,
      districtIds: ids(districtIds),
      groupBy: [...new Set(groupBy)],
    });
  },
  evaluationCounts(_, { years, districtIds, groupBy }, { db, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see evaluation counts');
    const bad = years.find((y) => y < 1 || y > 9999);
    if (bad !== undefined || !years.length) throw userError(ErrorCode.INVALID_ARGUMENT, `Expected one or more \`years\` from 1 to 9999, received ${JSON.stringify(years)}.`, { argument: 'years' });
    return counts.countEvaluations(db, [...new Set(years)], ids(districtIds), [...new Set(groupBy)]);
  },
  awardCounts(_, { from, to, period, districtIds, groupBy }, { db, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see award counts');
    requirePeriod(from, to);
    return counts.countAwards(db, from, to, period ?? 'YEAR', ids(districtIds), [...new Set(groupBy)]);
  },
  // Funding is not public (as Organisation.fundingTotals): its sums, any token but the anonymous one.
  fundingIncome(_, { from, to, period, districtIds, sources, groupBy }, { db, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see funding income');
    requirePeriod(from, to);
    return counts.sumFundingIncome(db, {
      from,
      to,
      period: period ?? 'YEAR',
      districtIds: ids(districtIds),
      sources: sources?.length ? [...new Set(sources)] : null,
      groupBy: [...new Set(groupBy)],
    });
  },
  // Evaluations are not public (as Organisation.evaluations): any token but the anonymous one.
  async unevaluatedAssociations(_, { year, districtId, kinds, first, after }, { db, identity, today }) {
    requireRole(identity, STRUCTURE_READERS, 'see evaluations');
    const page = readPage({ first, after });
    // The list and its counts read the same coverage: below one association, on one day, of the kinds due.
    const c = await unevaluatedCoverage(db, { year, districtId, kinds: kinds?.length ? kinds : null }, today);
    const ids = await evaluations.unevaluatedBelow(db, c.rootId, c.year, c.day, c.kinds);
    const from = page.after ? ids.findIndex((id) => id > (page.after![0] as number)) : 0;
    const rows = (from < 0 ? [] : ids.slice(from, from + page.first + 1)).map((id) => ({ id }));
    return {
      ...toConnection(rows, page, (o) => [o.id]),
      totalCount: ids.length,
      countsBy: ({ groupBy }) => evaluations.countUnevaluatedBelowBy(db, c.rootId, c.year, c.day, c.kinds, [...new Set(groupBy)]),
    };
  },
};
