// SQL that several of the activities subgraph's commands share: the event trail.
import { type Db, schema as s } from '@cq/db';

export async function insertEvent(tx: Db, values: typeof s.activityEvents.$inferInsert): Promise<void> {
  await tx.insert(s.activityEvents).values(values);
}
