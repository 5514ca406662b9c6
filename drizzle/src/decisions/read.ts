// The decisions read model as other subgraphs see it (see ../schema/decisions.ts).
import { inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { decisionResolutions } from '../schema/decisions.ts';

export type PublishedResolution = typeof decisionResolutions.$inferSelect;

/** The resolutions of `ids` that exist, in any order. */
export async function resolutionsByIds(db: Db, ids: readonly number[]): Promise<PublishedResolution[]> {
  return db.select().from(decisionResolutions).where(inArray(decisionResolutions.id, [...ids]));
}
