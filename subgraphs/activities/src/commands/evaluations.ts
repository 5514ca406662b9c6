// The annual work evaluation (Art. 40).
import type { Db } from '@cq/db';
import { ruleViolation } from '@cq/domain';
import { ancestorsOn } from '@cq/db/hierarchy';
import * as data from '../data/evaluations.ts';
import type { EvaluationInput } from '../generated/resolvers.ts';
import { ONE_PER_YEAR, event, inTransaction, notBeforeYear, organisation, yearOf } from './shared.ts';

/** Local associations (R40.evaluation): the municipal association and the district associations. */
const LOCAL_ASSOCIATIONS: ReadonlySet<string> = new Set(['MUNICIPAL_ASSOCIATION', 'DISTRICT_ASSOCIATION']);

export async function recordEvaluation(db: Db, input: EvaluationInput, actor: string) {
  const year = yearOf(input.year, 'year');
  notBeforeYear(input.evaluatedOn, year, 'evaluatedOn');
  return inTransaction(db, async (tx) => {
    const organisationId = await organisation(tx, input.organisationId, 'organisationId');
    const evaluatorId = await organisation(tx, input.evaluatorId, 'evaluatorId');
    // R40.evaluation: by a local association above it, i.e. above it in the guidance chain on the day of the evaluation.
    const above = await ancestorsOn(tx, organisationId, input.evaluatedOn);
    const locals = above.filter((o) => LOCAL_ASSOCIATIONS.has(o.kind)).map((o) => o.id);
    if (!locals.includes(evaluatorId)) {
      const place = above.find((o) => o.id === evaluatorId);
      const why = place
        ? `it is above it but a ${place.kind}, not a local association`
        : evaluatorId === organisationId
          ? 'an association does not evaluate itself'
          : `it is not above it in the guidance chain on ${input.evaluatedOn}`;
      throw ruleViolation(
        'R40.evaluation',
        `the evaluator must be a local association above the evaluated one: expected one of ${locals.join(', ') || '(none on that day)'} for organisation ${organisationId} on ${input.evaluatedOn}, received ${evaluatorId} (${why}).`,
        { expected: locals.map(String), received: String(evaluatorId) },
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
