// Demo data of the activities subgraph.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { ACTIVITY_TITLES } from './names.ts';
import type { SeedScale } from './scales.ts';
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

/**
 * Builds the activity roll-up whole from the activities and their organisers (the seed writes those in bulk, past the
 * commands that keep it): per organiser, start year and kind, and the organisers of co-organised activities. The
 * same rows the activities subgraph keeps with deltas (its data/activities.ts); migration 0019 ran the same once.
 */
export async function rebuildActivityCounts(db: Db): Promise<void> {
  await db.execute(sql`delete from activities.activity_counts`);
  await db.execute(sql`delete from activities.co_organisers`);
  await db.execute(sql`
    insert into activities.activity_counts (organisation_id, year, kind, activities)
    select ao.organisation_id, extract(year from a.starts_on)::int, a.kind, count(*)::int
    from activities.activity_organisers ao join activities.activities a on a.id = ao.activity_id
    group by 1, 2, 3`);
  await db.execute(sql`
    insert into activities.co_organisers (activity_id, organisation_id, year, kind)
    select ao.activity_id, ao.organisation_id, extract(year from a.starts_on)::int, a.kind
    from activities.activity_organisers ao join activities.activities a on a.id = ao.activity_id
    where ao.activity_id in (select activity_id from activities.activity_organisers group by activity_id having count(*) > 1)`);
}

/**
 * Participants, awards of every kind, annual evaluations and funding for several years. Runs after the structure
 * and the people exist (it picks members of each organiser as participants, committee resolutions for
 * commendations and the approving association as evaluator) and before the hierarchy read model is built, so it
 * reads the relationships themselves. Ids are given explicitly, numbered in a stated order, so that the same scale
 * always gives the same ids on either database.
 */
export async function seedActivityRecords(db: Db): Promise<void> {
  // Technical problem-solving projects carry their problem and, once finished, their outcome (Art. 7).
  await db.execute(sql`
    update activities.activities set problem = '关键零部件国产化替代中的工艺稳定性问题',
           outcome = case when ends_on < date '2026-01-01' then '形成工艺规范一项，良品率提升至98%' end
    where kind = 'TECHNICAL_PROBLEM_SOLVING'`);

  await db.execute(sql`analyze people.meetings, people.meeting_attendance, people.resolutions`);

  // Up to four members of the lead organiser take part; the roles follow the kind of activity (a technical
  // problem-solving project has its team, a training its speaker and trainees; elsewhere a member of the staff ran it).
  await db.execute(sql`
    insert into activities.participations (activity_id, person_id, role)
    select a.id, m.person_id,
           (case a.kind when 'TECHNICAL_PROBLEM_SOLVING' then case when m.n = 1 then 'TEAM_LEADER' else 'TEAM_MEMBER' end
                        when 'TRAINING' then case when m.n = 1 then 'SPEAKER' else 'TRAINEE' end
                        when 'ACADEMIC_EXCHANGE' then case when m.n = 1 then 'SPEAKER' else 'ATTENDEE' end
                        else case when m.n = 1 and a.id % 2 = 0 then 'ORGANISER_STAFF' else 'ATTENDEE' end end)::activities.participant_role
    from activities.activities a
    join lateral (select min(organisation_id) as organisation_id from activities.activity_organisers where activity_id = a.id) o on true
    cross join lateral (
      select x.person_id, row_number() over (order by x.id) as n from (
        select mm.id, mm.person_id from people.memberships mm where mm.organisation_id = o.organisation_id and mm.status = 'ACTIVE'
        order by mm.id offset (a.id % 3) limit 1 + a.id % 4) x
    ) m`);

  // Awards by every fifth active enterprise association: every kind, to its first member, and a transferred result
  // of every other one to the association itself; recommendations with each outcome. A commendation only where a
  // committee resolution can decide it (Art. 30).
  await db.execute(sql`
    with kinds as (select unnest(enum_range(null::activities.award_kind)) as kind),
    givers as (
      select o.id, row_number() over (order by o.id) as n from org.organisations o
      where o.kind = 'ENTERPRISE_ASSOCIATION' and o.status = 'ACTIVE' and o.id % 5 = 0
    ),
    awards as (
      select g.id as giver, g.n, k.kind, p.person_id,
             date '2022-03-01' + ((g.n * 37 + length(k.kind::text) * 11) % 1300)::int as decided_on,
             d.id as resolution, d.held_on as resolution_on
      from givers g cross join kinds k
      -- R30.commendation: a passed resolution of the association's committee (the decisions read model).
      left join lateral (select d.id, d.held_on from decisions.resolutions d
                         where d.organisation_id = g.id and d.committee_kind = 'COMMITTEE' and d.outcome = 'PASSED' order by d.held_on, d.id limit 1) d on true
      cross join lateral (select mm.person_id from people.memberships mm where mm.organisation_id = g.id order by mm.id limit 1) p
    )
    insert into activities.awards (id, kind, title, organisation_id, recipient_person_id, recipient_organisation_id, decided_on, committee_resolution_id, outcome, outcome_on)
    select row_number() over (order by a.giver, a.kind),
           a.kind, '年度' || (case a.kind when 'COMMENDATION' then '优秀会员表彰' when 'PATENT' then '发明专利' when 'TRANSFERRED_RESULT' then '成果转化'
                                         when 'ENGINEER_QUALIFICATION' then '工程师资格认证' when 'PROFESSIONAL_TITLE' then '专业技术职称评定' else '科技奖推荐' end),
           a.giver,
           case when a.kind = 'TRANSFERRED_RESULT' and a.n % 2 = 0 then null else a.person_id end,
           case when a.kind = 'TRANSFERRED_RESULT' and a.n % 2 = 0 then a.giver end,
           case when a.kind = 'COMMENDATION' then greatest(a.decided_on, a.resolution_on) else a.decided_on end,
           case when a.kind = 'COMMENDATION' then a.resolution end,
           case when a.kind::text like '%RECOMMENDATION' then (array['PENDING','GRANTED','NOT_GRANTED'])[1 + a.n % 3]::activities.award_outcome end,
           case when a.kind::text like '%RECOMMENDATION' and a.n % 3 <> 0 then a.decided_on + 120 end
    from awards a
    where a.kind <> 'COMMENDATION' or a.resolution is not null`);

  // Recommendations by district associations of associations they approved, for the Chongqing award (units may be
  // recommended as well as persons), one a year for 2023-2025, with each outcome.
  await db.execute(sql`
    with candidates as (
      select r.to_id as district, r.from_id as association, row_number() over (partition by r.to_id order by r.from_id) as n
      from org.relationships r
      join org.organisations d on d.id = r.to_id and d.kind = 'DISTRICT_ASSOCIATION'
      join org.organisations o on o.id = r.from_id and o.kind = 'ENTERPRISE_ASSOCIATION' and o.status = 'ACTIVE'
      where r.kind = 'APPROVAL' and r.valid_to is null and r.valid_from < date '2023-01-01'
    )
    insert into activities.awards (id, kind, title, organisation_id, recipient_organisation_id, decided_on, outcome, outcome_on)
    select (select coalesce(max(id), 0) from activities.awards) + row_number() over (order by c.district, y.year),
           'CHONGQING_AWARD_RECOMMENDATION', y.year || '年度重庆市科技进步奖（单位）推荐', c.district, c.association,
           make_date(y.year, 4, 1),
           (array['PENDING','GRANTED','NOT_GRANTED'])[1 + (c.district + y.year) % 3]::activities.award_outcome,
           case when (c.district + y.year) % 3 <> 0 then make_date(y.year, 11, 20) end
    from candidates c cross join (values (2023), (2024), (2025)) as y(year)
    where c.n = 1 + (y.year - 2023)`);

  // Annual evaluations for 2022-2025 (R40.evaluation), on 20 January of the next year, of the associations that have
  // members (R20.active), by the local association that approved the association on that day, of associations already in the chain when the year began: a
  // transferred association is evaluated by the district it belonged to at the time, and one revoked later keeps
  // the evaluations of its active years.
  await db.execute(sql`
    insert into activities.evaluations (id, organisation_id, year, evaluator_id, grade, remarks, evaluated_on)
    select row_number() over (order by r.from_id, y.year), r.from_id, y.year, r.to_id,
           (array['EXCELLENT','GOOD','GOOD','PASS','FAIL'])[1 + (r.from_id + y.year) % 5]::activities.evaluation_grade,
           '年度工作评估', make_date(y.year + 1, 1, 20)
    from org.relationships r
    join org.organisations ev on ev.id = r.to_id and ev.kind in ('MUNICIPAL_ASSOCIATION', 'DISTRICT_ASSOCIATION')
    join org.organisations ed on ed.id = r.from_id and ed.kind in ('ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM')
    cross join (values (2022), (2023), (2024), (2025)) as y(year)
    where r.kind = 'APPROVAL' and r.valid_from <= make_date(y.year + 1, 1, 20) and (r.valid_to is null or r.valid_to > make_date(y.year + 1, 1, 20))
      and exists (select 1 from org.relationships s where s.from_id = r.from_id and s.kind = 'APPROVAL'
                  and s.valid_from <= make_date(y.year, 1, 1) and (s.valid_to is null or s.valid_to > make_date(y.year, 1, 1)))`);

  // Income by source for 2023-2025 in exact fen (R42.funding), and a report of each year to the congress or committee.
  await db.execute(sql`
    insert into activities.funding_records (id, organisation_id, source, amount_fen, received_on, description)
    select row_number() over (order by o.id, y.year, s.n),
           o.id, s.source::activities.funding_source, (10000 + (o.id * 7919 + y.year * 31 + s.n * 17) % 500000)::bigint * 100 + (o.id % 100),
           make_date(y.year, 1 + s.n * 3, 15), s.description
    from org.organisations o
    cross join (values (2023), (2024), (2025)) as y(year)
    cross join (values (0, 'ENTERPRISE_BUDGET', '企业年度预算'), (1, 'GRANT', '市科协资助'), (2, 'DONATION', '捐赠'), (3, 'OTHER', '其他合法收入')) as s(n, source, description)
    where o.kind in ('ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM') and o.status = 'ACTIVE' and (s.n = 0 or (o.id + s.n) % 3 = 0)`);
  // Expenditure of nine tenths of each year's income, so that every report states what the records hold (R42.funding).
  await db.execute(sql`
    insert into activities.expenditure_records (id, organisation_id, amount_fen, spent_on, purpose)
    select row_number() over (order by t.organisation_id, t.year), t.organisation_id, t.income * 9 / 10, make_date(t.year, 12, 1), '学术交流与科普活动'
    from (select f.organisation_id, extract(year from f.received_on)::int as year, sum(f.amount_fen) as income
          from activities.funding_records f group by 1, 2) t`);
  await db.execute(sql`
    insert into activities.financial_reports (id, organisation_id, year, reported_to, reported_on, income_fen, expenditure_fen)
    select row_number() over (order by t.organisation_id, t.year), t.organisation_id, t.year,
           (case when t.organisation_id % 2 = 0 then 'COMMITTEE' else 'CONGRESS' end)::activities.report_audience,
           make_date(t.year + 1, 3, 1), t.income, t.income * 9 / 10
    from (select f.organisation_id, extract(year from f.received_on)::int as year, sum(f.amount_fen) as income
          from activities.funding_records f where f.received_on < date '2025-01-01' group by 1, 2) t`);
}
