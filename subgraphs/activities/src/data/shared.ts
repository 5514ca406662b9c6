// SQL that several of the activities subgraph's commands share: the event trail and whether organisations exist.
import { type Db, schema as s } from '@cq/db';
import * as hierarchy from '@cq/db/hierarchy';

/** Which of `ids` name no organisation. */
export const unknownOrganisations = (tx: Db, ids: readonly number[]): Promise<number[]> => hierarchy.unknownOrganisations(tx, ids);

export async function insertEvent(tx: Db, values: typeof s.activityEvents.$inferInsert): Promise<void> {
  await tx.insert(s.activityEvents).values(values);
}
