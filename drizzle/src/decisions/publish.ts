// Keeping the decisions read model (see ../schema/decisions.ts): only the people subgraph, in the transaction that
// records each resolution, and the demo seed write it; every other reader goes through ./read.ts.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { decisionResolutions } from '../schema/decisions.ts';

export type PublishedResolution = typeof decisionResolutions.$inferSelect;

/** Publishes one resolution with the outcome the people subgraph computed, in the transaction that recorded it. */
export async function publishResolution(db: Db, row: PublishedResolution): Promise<void> {
  await db.insert(decisionResolutions).values(row);
}

/**
 * Recomputes the whole read model from the people tables (the demo seed; migration 0018 did the same once): the
 * outcome by R31.quorum (at least two thirds of the members attend, counting only attendees holding a member post
 * that day) and R31.majority (at least half of those attending vote for it), as the people subgraph's rules.ts.
 */
export async function rebuildDecisions(db: Db): Promise<void> {
  await db.execute(sql`delete from decisions.resolutions`);
  await db.execute(sql`
    insert into decisions.resolutions (id, organisation_id, committee_kind, held_on, outcome)
    select r.id, k.organisation_id, k.kind::text, mt.held_on,
           case when not (mt.member_count > 0 and a.n * 3 >= mt.member_count * 2) then 'NO_QUORUM'
                when r.votes_for * 2 >= a.n then 'PASSED' else 'FAILED' end
    from people.resolutions r
    join people.meetings mt on mt.id = r.meeting_id
    join people.committees k on k.id = mt.committee_id
    cross join lateral (
      select count(*)::int as n from people.meeting_attendance x
      where x.meeting_id = mt.id and exists (
        select 1 from people.posts p where p.committee_id = mt.committee_id and p.person_id = x.person_id
          and p.role in ('CHAIR', 'VICE_CHAIR', 'COMMITTEE_MEMBER') and p.valid_from <= mt.held_on and (p.valid_to is null or p.valid_to > mt.held_on))
    ) a`);
}
