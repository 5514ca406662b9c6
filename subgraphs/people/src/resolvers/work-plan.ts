// R30.plan: a review of the work plan or summary, as the API shows it (the row's ids become references).
import type { WorkPlanReviewRow } from '../data/leadership.ts';
import type { Loaders } from '../loaders.ts';

export const workPlanReview = (r: WorkPlanReviewRow, loaders: Loaders) => ({
  id: String(r.id),
  organisation: { id: r.organisationId },
  year: r.year,
  kind: r.kind,
  reviewedOn: r.reviewedOn,
  resolution: loaders.resolution.load(r.resolutionId).then((x) => x!),
});
