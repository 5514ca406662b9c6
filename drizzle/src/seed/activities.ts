// Demo data of the activities subgraph.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { ACTIVITY_TITLES } from './names.ts';
import type { SeedScale } from './seed.ts';
import { h, list } from './sql.ts';

/** Activities and their organisers, built by the database itself. */
export async function seedActivities(db: Db, scale: SeedScale): Promise<void> {
  const kinds = Object.keys(ACTIVITY_TITLES);
  await db.execute(sql`
    insert into activities.activities (id, kind, title, starts_on, ends_on, place, online)
    select i,
           (${list(kinds)})[1 + i % ${kinds.length}]::activities.activity_kind,
           (${list(kinds.map((k) => ACTIVITY_TITLES[k]!))})[1 + i % ${kinds.length}] || '（第' || i || '期）',
           date '2021-01-01' + (${h('i')} % 2000)::int,
           date '2021-01-01' + (${h('i')} % 2000)::int + (i % 3),
           case when i % 5 = 0 then null else '重庆市' || (array['渝中区','江北区','沙坪坝区','九龙坡区','南岸区','渝北区'])[1 + i % 6] end,
           i % 5 = 0
    from generate_series(1, ${scale.activities}) as i`);

  // Every activity has an organiser; every seventh has a second one, often a learned society (Art. 6).
  await db.execute(sql`
    with orgs as (
      select array_agg(id order by id) filter (where kind not in ('LEARNED_SOCIETY')) as ids,
             array_agg(id order by id) filter (where kind = 'LEARNED_SOCIETY') as societies
      from org.organisations where status = 'ACTIVE'
    )
    insert into activities.activity_organisers (activity_id, organisation_id)
    select distinct a.id, x.organisation_id
    from activities.activities a, orgs,
         lateral (values (orgs.ids[1 + ${h('a.id')} % cardinality(orgs.ids)]),
                         (case when a.id % 7 = 0 then orgs.societies[1 + a.id % cardinality(orgs.societies)] end)) as x(organisation_id)
    where x.organisation_id is not null`);
}
