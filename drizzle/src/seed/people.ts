// Demo data of the people subgraph: persons and memberships in bulk.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { demoIdentityNumber, hmacSql } from './identity.ts';
import { FIELDS, GIVEN_NAMES, SURNAMES, TITLES } from './names.ts';
import type { SeedScale } from './scales.ts';
import { h, list } from './sql.ts';

/**
 * Persons and their memberships, built by the database itself so that a million rows load in seconds. With the hub's
 * identity key, each person gets the keyed hash of a demo identity number (identity.ts), so that partner societies
 * can match them. Each run of fifty persons shares a professional field, that of the society that links its first.
 */
export async function seedPeople(db: Db, scale: SeedScale, identityNumberKey?: string): Promise<void> {
  await db.execute(sql`
    insert into people.persons (id, name_zh, category, employer_enterprise_id, email, phone, titles, professional_fields, identity_number_hash)
    select i,
           (${list(SURNAMES)})[1 + i % ${SURNAMES.length}] || (${list(GIVEN_NAMES)})[1 + (i / ${SURNAMES.length}) % ${GIVEN_NAMES.length}],
           (array['SCIENCE_TECHNOLOGY_WORKER','SCIENCE_TECHNOLOGY_WORKER','SCIENCE_TECHNOLOGY_WORKER','SCIENCE_TECHNOLOGY_WORKER',
                  'SCIENCE_TECHNOLOGY_WORKER','SCIENCE_TECHNOLOGY_WORKER','SCIENCE_TECHNOLOGY_WORKER','MANAGER','MANAGER',
                  'SENIOR_SKILLED_WORKER'])[1 + i % 10]::people.person_category,
           1 + ${h('i')} % ${scale.enterprises},
           'member' || i || '@example.cn',
           '1' || lpad((13800000000 + ${h('i + 7')} % 99999999)::text, 10, '0'),
           array[(${list(TITLES)})[1 + ${h('i + 11')} % ${TITLES.length}]],
           case when i % 3 = 0 then array[(${list(FIELDS)})[1 + (i / 50) % ${FIELDS.length}], (${list(FIELDS)})[1 + (i / 50 + 3) % ${FIELDS.length}]]
                else array[(${list(FIELDS)})[1 + (i / 50) % ${FIELDS.length}]] end,
           ${identityNumberKey ? hmacSql(identityNumberKey, demoIdentityNumber('i')) : sql`null`}
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

/**
 * Forgets the day the member count roll-up was built for: the seed writes memberships in bulk, past the commands that
 * keep it, so the people subgraph's next read of today's counts rebuilds it (its data/people.ts).
 */
export async function forgetMemberCounts(db: Db): Promise<void> {
  await db.execute(sql`delete from people.member_counts_state`);
}

/**
 * Congresses, committees, posts, meetings and society links. Every third active enterprise association has none
 * yet; of the rest, some reported late or not at all, some are overdue for their next congress, and some meetings
 * fell short of a quorum — so that every report has something to show.
 */
export async function seedLeadership(db: Db): Promise<void> {
  // Dues (Art. 22): each active member pays for every year of membership in mid-January, except one in ten, who
  // stopped paying after their first year, so that the arrears report (R22.arrears) has members to show.
  await db.execute(sql`
    insert into people.dues_payments (membership_id, year, amount_fen, paid_on)
    select m.id, y.year, 5000, make_date(y.year, 1, 15)
    from people.memberships m
    cross join lateral generate_series(extract(year from m.valid_from)::int + 1, 2026) as y(year)
    where m.status = 'ACTIVE' and m.valid_from is not null and (m.id % 10 <> 0 or y.year = extract(year from m.valid_from)::int + 1)
      and make_date(y.year, 1, 15) <= date '2026-11-01'`);

  await db.execute(sql`
    insert into people.congresses (organisation_id, kind, held_on, term_years, science_worker_count, reported_on)
    select o.id,
           case when e.science_worker_count < 100 and o.id % 2 = 0 then 'GENERAL_ASSEMBLY' else 'REPRESENTATIVE_CONGRESS' end::people.congress_kind,
           c.held_on, 5, e.science_worker_count,
           case when o.id % 11 = 0 then null else c.held_on + (o.id % 45) end
    from org.organisations o
    join org.enterprises e on e.id = o.enterprise_id
    cross join lateral (
      select o.established_on + 30 as held_on
      union all
      select (o.established_on + 30 + interval '5 years')::date where o.id % 4 = 0 and o.established_on < date '2021-01-01'
    ) c
    where o.kind = 'ENTERPRISE_ASSOCIATION' and o.status = 'ACTIVE' and o.id % 3 <> 0 and c.held_on <= date '2026-06-30'`);

  // R26.report: the approving association confirmed receipt of each report on the day it was sent.
  await db.execute(sql`
    update people.congresses c set receipt_confirmed_on = c.reported_on,
           receipt_confirmed_by_id = (select r.to_id from org.relationships r where r.from_id = c.organisation_id and r.kind = 'APPROVAL'
                                      and r.valid_from <= c.reported_on and (r.valid_to is null or r.valid_to > c.reported_on) order by r.valid_from desc limit 1)
    where c.reported_on is not null`);

  await db.execute(sql`
    insert into people.committees (organisation_id, congress_id, kind, name, term_start, term_end)
    select c.organisation_id, c.id, 'COMMITTEE', '第' || row_number() over (partition by c.organisation_id order by c.held_on) || '届委员会',
           c.held_on, (c.held_on + make_interval(years => c.term_years))::date
    from people.congresses c`);

  // The first nine active members of each association sit on its committee: a chair, two vice-chairs, a
  // secretary-general and five members.
  await db.execute(sql`
    insert into people.posts (organisation_id, committee_id, person_id, role, valid_from, valid_to, nominated_by)
    select k.organisation_id, k.id, m.person_id,
           coalesce((array['CHAIR','VICE_CHAIR','VICE_CHAIR','SECRETARY_GENERAL'])[m.n], 'COMMITTEE_MEMBER')::people.post_role,
           k.term_start, k.term_end,
           case when m.n <= 3 then 'PARTY_ORGANISATION' when m.n = 4 then 'CHAIR' end
    from people.committees k
    cross join lateral (
      select x.person_id, row_number() over (order by x.id)::int as n from (
        select mm.id, mm.person_id from people.memberships mm
        where mm.organisation_id = k.organisation_id and mm.status = 'ACTIVE' order by mm.id limit 9) x
    ) m`);

  // A liaison officer (联络员, Art. 18) at each active workstation: the first person employed by its enterprise.
  await db.execute(sql`
    insert into people.posts (organisation_id, person_id, role, valid_from)
    select o.id, p.id, 'LIAISON_OFFICER', o.established_on
    from org.organisations o
    cross join lateral (select id from people.persons where employer_enterprise_id = o.enterprise_id order by id limit 1) p
    where o.kind = 'WORKSTATION' and o.status = 'ACTIVE'`);

  await db.execute(sql`analyze people.committees, people.posts`);

  // R30.officers: each committee's first meeting, on the first day of its term with all its members present, elects
  // the chair and vice-chairs and approves the secretary-general the chair nominated.
  await db.execute(sql`
    with first as (
      insert into people.meetings (committee_id, held_on, member_count, convened_by_person_id)
      select k.id, k.term_start,
             (select count(distinct p.person_id)::int from people.posts p where p.committee_id = k.id and p.role in ('CHAIR', 'VICE_CHAIR', 'COMMITTEE_MEMBER')),
             (select person_id from people.posts where committee_id = k.id and role = 'CHAIR')
      from people.committees k where exists (select 1 from people.posts p where p.committee_id = k.id)
      returning id, committee_id, member_count
    ), attended as (
      insert into people.meeting_attendance (meeting_id, person_id)
      select f.id, p.person_id from first f join people.posts p on p.committee_id = f.committee_id and p.role in ('CHAIR', 'VICE_CHAIR', 'COMMITTEE_MEMBER')
      returning meeting_id
    )
    insert into people.resolutions (meeting_id, title, votes_for, votes_against, votes_abstaining)
    select f.id, '关于选举主席、副主席和通过秘书长人选的决议', f.member_count, 0, 0 from first f`);
  await db.execute(sql`
    update people.posts p set elected_by_resolution_id = r.id
    from people.meetings mt join people.resolutions r on r.meeting_id = mt.id
    where mt.committee_id = p.committee_id and mt.held_on = p.valid_from and p.role in ('CHAIR', 'VICE_CHAIR', 'SECRETARY_GENERAL')`);

  // Another meeting per committee, two months into its term; attendance varies so that some meetings lack a quorum.
  // Only committee members count toward it (R31.quorum), not the secretary-general.
  await db.execute(sql`
    with k as (
      select k.id, k.organisation_id, k.term_start + 60 as held_on,
             (select count(distinct p.person_id)::int from people.posts p where p.committee_id = k.id and p.role in ('CHAIR', 'VICE_CHAIR', 'COMMITTEE_MEMBER')) as members
      from people.committees k
    ), inserted as (
      insert into people.meetings (committee_id, held_on, member_count, convened_by_person_id)
      select k.id, k.held_on, k.members, (select person_id from people.posts where committee_id = k.id and role = 'CHAIR')
      from k where k.members > 0
      returning id, committee_id, member_count
    )
    insert into people.meeting_attendance (meeting_id, person_id)
    select i.id, p.person_id
    from inserted i
    cross join lateral (
      select p.person_id from people.posts p where p.committee_id = i.committee_id and p.role in ('CHAIR', 'VICE_CHAIR', 'COMMITTEE_MEMBER') order by p.id
      limit greatest(1, i.member_count - (i.committee_id % 5))) p`);

  await db.execute(sql`
    insert into people.resolutions (meeting_id, title, votes_for, votes_against, votes_abstaining)
    select mt.id, '关于年度工作计划的决议', greatest(0, a.n - (mt.id % 3) * 2), least(a.n, (mt.id % 3) * 2), 0
    from people.meetings mt
    cross join lateral (select count(*)::int as n from people.meeting_attendance where meeting_id = mt.id) a
    where not exists (select 1 from people.resolutions r where r.meeting_id = mt.id)`);

  // R28.reports: each congress after the first approved the reports of the committee whose term it ended; every
  // fifth has not (yet) approved the financial report, so that the demo shows both.
  await db.execute(sql`
    update people.congresses c
    set work_report_approved = true, financial_report_approved = (c.id % 5 <> 0), reporting_committee_id = x.committee_id
    from (select c2.id, (select k.id from people.committees k where k.organisation_id = c2.organisation_id and k.kind = 'COMMITTEE'
                         and k.term_start < c2.held_on order by k.term_start desc, k.id desc limit 1) as committee_id
          from people.congresses c2) x
    where x.id = c.id and x.committee_id is not null`);

  // R30.plan: a passed resolution on the annual work plan, at a quorate meeting of the committee, reviewed the plan of
  // its year; in every other association that had a committee before, it reviewed the summary of the year before too.
  await db.execute(sql`
    insert into people.work_plan_reviews (organisation_id, year, kind, resolution_id, reviewed_on)
    select k.organisation_id, y.year, y.kind::people.work_plan_kind, r.id, mt.held_on
    from people.resolutions r
    join people.meetings mt on mt.id = r.meeting_id
    join people.committees k on k.id = mt.committee_id and k.kind = 'COMMITTEE'
    cross join lateral (select count(*)::int as n from people.meeting_attendance a where a.meeting_id = mt.id) a
    cross join lateral (values (extract(year from mt.held_on)::int, 'PLAN'), (extract(year from mt.held_on)::int - 1, 'SUMMARY')) y(year, kind)
    where r.title = '关于年度工作计划的决议' and a.n > 0 and a.n * 3 >= mt.member_count * 2 and r.votes_for * 2 >= a.n
      and (y.kind = 'PLAN' or (k.organisation_id % 2 = 0 and exists (select 1 from people.committees e where e.organisation_id = k.organisation_id
                                                                      and e.kind = 'COMMITTEE' and e.term_start < k.term_start)))
    on conflict (organisation_id, year, kind) do nothing`);

  // Partner learned societies link every fiftieth person (Art. 6): most confirmed by the person's association ten
  // days later, some still waiting for it, a few ended.
  await db.execute(sql`
    with societies as (select array_agg(id order by id) as ids from org.organisations where kind = 'LEARNED_SOCIETY')
    insert into people.society_links (society_id, person_id, society_member_no, valid_from, valid_to, status, decided_on, decided_by)
    select s.ids[1 + (p.id / 50) % cardinality(s.ids)], p.id, 'S' || lpad(p.id::text, 8, '0'), l.since,
           case when p.id % 350 = 0 then date '2025-12-31' end,
           (case when p.id % 350 = 0 then 'ENDED' when p.id % 350 = 100 then 'PENDING' else 'CONFIRMED' end)::people.society_link_status,
           case when p.id % 350 <> 100 then l.since + 10 end,
           case when p.id % 350 <> 100 then 'secretariat:demo' end
    from people.persons p cross join societies s cross join lateral (select date '2022-01-01' + (p.id % 700) as since) l
    where p.id % 50 = 0`);
}
