// Demo data of the people subgraph: persons and memberships in bulk.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { GIVEN_NAMES, SURNAMES } from './names.ts';
import type { SeedScale } from './seed.ts';
import { h, list } from './sql.ts';

/** Persons and their memberships, built by the database itself so that a million rows load in seconds. */
export async function seedPeople(db: Db, scale: SeedScale): Promise<void> {

  await db.execute(sql`
    insert into people.persons (id, name_zh, category, employer_enterprise_id, email, phone)
    select i,
           (${list(SURNAMES)})[1 + i % ${SURNAMES.length}] || (${list(GIVEN_NAMES)})[1 + (i / ${SURNAMES.length}) % ${GIVEN_NAMES.length}],
           (array['SCIENCE_TECHNOLOGY_WORKER','SCIENCE_TECHNOLOGY_WORKER','SCIENCE_TECHNOLOGY_WORKER','SCIENCE_TECHNOLOGY_WORKER',
                  'SCIENCE_TECHNOLOGY_WORKER','SCIENCE_TECHNOLOGY_WORKER','SCIENCE_TECHNOLOGY_WORKER','MANAGER','MANAGER',
                  'SENIOR_SKILLED_WORKER'])[1 + i % 10]::people.person_category,
           1 + ${h('i')} % ${scale.enterprises},
           'member' || i || '@example.cn',
           '1' || lpad((13800000000 + ${h('i + 7')} % 99999999)::text, 10, '0')
    from generate_series(1, ${scale.persons}) as i`);

  // Each person joins the association of their employer; about 28% also join a second association elsewhere.
  await db.execute(sql`
    with assoc as (
      select array_agg(id order by id) as ids from org.organisations
      where kind in ('ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM') and status in ('ACTIVE', 'REVOKED', 'DEREGISTERED')
    ),
    wanted as (
      select p.id as person_id, o.id as organisation_id, o.established_on as since, p.id as n
      from people.persons p
      join org.organisations o on o.enterprise_id = p.employer_enterprise_id and o.kind = 'ENTERPRISE_ASSOCIATION'
      where o.established_on is not null
      union all
      select p.id, assoc.ids[1 + ${h('p.id + 3')} % cardinality(assoc.ids)], null, p.id + ${scale.persons}
      from people.persons p, assoc
      where p.id % 25 < 7
    )
    insert into people.memberships (person_id, organisation_id, status, applied_on, valid_from, valid_to)
    select person_id, organisation_id, status::people.membership_status,
           joined - 14,
           case when status = 'APPLIED' then null else joined end,
           case when status in ('WITHDRAWN', 'REVOKED') then joined + 200 + (n % 300) end
    from (
      select w.person_id, w.organisation_id, w.n,
             greatest(coalesce(w.since, date '2021-01-01'), date '2018-01-01') + (${h('w.n')} % 900)::int as joined,
             case when w.n % 40 = 2 then 'REVOKED' when w.n % 20 = 0 then 'WITHDRAWN' when w.n % 20 = 1 then 'APPLIED' else 'ACTIVE' end as status
      from (select distinct on (person_id, organisation_id) * from wanted where organisation_id is not null order by person_id, organisation_id, n) w
      order by w.organisation_id, w.person_id
    ) m`);
}
