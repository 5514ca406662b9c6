import type { EvaluationResolvers } from '../generated/resolvers.ts';

export const Evaluation: EvaluationResolvers = {
  organisation: (e) => ({ id: e.organisationId }),
  evaluator: (e) => ({ id: e.evaluatorId }),
};
