// The annual work evaluation (Art. 40): 地方科学技术协会要加大对企业科协的联系与服务工作力度，及时指导并开展年度工作评估。
// A local association evaluates the enterprise associations (Art. 1: enterprise, park and consortium associations)
// it guides, and under Art. 3 the association that guides one is the local association that approved it.
import type { Db } from '@cq/db';
import { ErrorCode, ruleViolation, todayInChina, userError } from '@cq/domain';
import { ancestorsOn, organisationsOn } from '@cq/db/hierarchy';
import * as data from '../data/evaluations.ts';
import type { EvaluationInput } from '../generated/resolvers.ts';
import { MEMBER_KINDS } from '@cq/domain';
import { LOCAL_ASSOCIATIONS, ONE_PER_YEAR, event, inTransaction, notAfterToday, notBeforeYear, organisation, requireActiveMemberAssociation, yearOf } from './shared.ts';

export async function recordEvaluation(db: Db, input: EvaluationInput, actor: string, today = todayInChina()) {
  const year = yearOf(input.year, 'year');
  notBeforeYear(input.evaluatedOn, year, 'evaluatedOn');
  // R40.evaluation: an evaluation is of a year that has begun, on a day that has come: no evaluating 2030 in 2026.
  notAfterToday(input.evaluatedOn, today, 'evaluatedOn', 'R40.evaluation', 'an evaluation records work already evaluated');
  return inTransaction(db, async (tx) => {
    const organisationId = await organisation(tx, input.organisationId, 'organisationId');
    const evaluatorId = await organisation(tx, input.evaluatorId, 'evaluatorId');
    const [evaluated] = await organisationsOn(tx, [organisationId], input.evaluatedOn);
    if (LOCAL_ASSOCIATIONS.has(evaluated!.kind)) {
      throw ruleViolation(
        'R40.evaluation',
        `local associations evaluate the enterprise associations they guide (Art. 40, 第四十条), not one another: expected an enterprise, park or consortium association, but organisation ${organisationId} is a ${evaluated!.kind}.`,
        { argument: 'organisationId', received: evaluated!.kind },
      );
    }
    // R20.active: only an association that is active on the day, of a kind that has members.
    requireActiveMemberAssociation(evaluated!, input.evaluatedOn, 'be evaluated', 'organisationId');
    // R40.evaluation: the year evaluated is a year of its work: it was active on a day of it (not before its founding).
    const lastDay = input.evaluatedOn < `${year}-12-31` ? input.evaluatedOn : `${year}-12-31`;
    if (!(await data.activeDuring(tx, organisationId, `${year}-01-01`, lastDay))) {
      throw ruleViolation(
        'R40.evaluation',
        `the year evaluated must be a year the association was active in: expected a year from ${evaluated!.establishedOn?.slice(0, 4) ?? '(never founded)'} (organisation ${organisationId} was founded on ${evaluated!.establishedOn ?? '(never)'}), received ${year}, in which it was not active up to ${lastDay}.`,
        { argument: 'year', establishedOn: evaluated!.establishedOn, received: year },
      );
    }
    // R40.evaluation: by the local association that guides it on the day of the evaluation: the nearest local
    // association above it in the guidance chain, the one that approved it (Art. 3, 第三条) or received it on a transfer.
    const above = await ancestorsOn(tx, organisationId, input.evaluatedOn);
    const guide = above.filter((o) => LOCAL_ASSOCIATIONS.has(o.kind)).at(-1)?.id;
    if (evaluatorId !== guide) {
      const place = above.find((o) => o.id === evaluatorId);
      const why = place
        ? LOCAL_ASSOCIATIONS.has(place.kind)
          ? `it is above it, but does not guide it: ${guide} does`
          : `it is above it but a ${place.kind}, not a local association`
        : evaluatorId === organisationId
          ? 'an association does not evaluate itself'
          : `it is not above it in the guidance chain on ${input.evaluatedOn}`;
      throw ruleViolation(
        'R40.evaluation',
        `the evaluator must be the local association that guides the evaluated one (Art. 3, 40): expected ${guide ?? '(none on that day)'} for organisation ${organisationId} on ${input.evaluatedOn}, received ${evaluatorId} (${why}).`,
        { expected: guide === undefined ? [] : [String(guide)], received: String(evaluatorId) },
      );
    }
    const earlier = await data.evaluationFor(tx, organisationId, year);
    if (earlier) {
      throw ruleViolation(
        'R40.evaluation',
        `${ONE_PER_YEAR}: expected no evaluation of organisation ${organisationId} for ${year} yet, but evaluation ${earlier.id} by ${earlier.evaluatorId} on ${earlier.evaluatedOn} is one.`,
        { existingEvaluationId: String(earlier.id) },
      );
    }
    const values = { organisationId, year, evaluatorId, grade: input.grade, remarks: input.remarks?.trim() || null, evaluatedOn: input.evaluatedOn };
    const evaluation = await data.insertEvaluation(tx, values);
    await event(tx, actor, { subjectType: 'Evaluation', subjectId: evaluation.id, organisationId, kind: 'EVALUATED', after: values });
    return evaluation;
  });
}

/**
 * R40.coverage: the associations below a local association (a district's, or with the municipal association the
 * whole network's) due an evaluation of `year` that have none, in ascending id order. Due: of a kind that has
 * members, active and below it on the last day of the year, or today while the year is not over. `kinds` keeps
 * those of these kinds (a kind without members keeps none).
 */
export async function unevaluatedAssociations(db: Db, args: { year: number; districtId: string; kinds?: readonly string[] | null }, today = todayInChina()): Promise<number[]> {
  const c = await unevaluatedCoverage(db, args, today);
  return data.unevaluatedBelow(db, c.rootId, c.year, c.day, c.kinds);
}

/** What R40.coverage lists, checked: below which association, on which day, of which kinds (the list and its counts read the same). */
export interface Coverage {
  rootId: number;
  year: number;
  day: string;
  kinds: readonly string[];
}

export async function unevaluatedCoverage(db: Db, args: { year: number; districtId: string; kinds?: readonly string[] | null }, today = todayInChina()): Promise<Coverage> {
  const year = yearOf(args.year, 'year');
  if (`${year}-01-01` > today) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`year\` from 2000 to the current year (${today.slice(0, 4)}), received ${year}: no association is due an evaluation of a year not begun.`, {
      argument: 'year',
      received: year,
    });
  }
  const rootId = await organisation(db, args.districtId, 'districtId');
  const day = data.coverageDay(year, today);
  const [root] = await organisationsOn(db, [rootId], day);
  if (!LOCAL_ASSOCIATIONS.has(root!.kind)) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`districtId\` to name a district association or the municipal association, received ${rootId}, a ${root!.kind}.`, {
      argument: 'districtId',
      received: root!.kind,
    });
  }
  return { rootId, year, day, kinds: args.kinds ? MEMBER_KINDS.filter((k) => args.kinds!.includes(k)) : MEMBER_KINDS };
}
