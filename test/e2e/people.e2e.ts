// People and membership through the gateway (DOMAIN.md, "People and membership" and "Leadership"): the rules
// R23.*, R24.*, R26.*, R31.*, R32.*, every refusal checked to have changed nothing.
import { queryRows } from '@cq/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { expectRefusedIn, OWNER_TABLES } from '../helpers/refusal.ts';

let t: TestGraph;
let orgId: string;
let otherOrgId: string;
beforeAll(async () => {
  t = await startTestGraph();
  // R20.active: associations active since before every date these tests write.
  const rows = await queryRows<{ id: number }>(
    t.database.db,
    sql`select id from org.organisations where kind = 'ENTERPRISE_ASSOCIATION' and status = 'ACTIVE' and established_on <= '2019-01-01' order by id limit 2`,
  );
  orgId = String(rows[0]!.id);
  otherOrgId = String(rows[1]!.id);
});
afterAll(() => t?.close());

const refused = (query: string, variables: Record<string, unknown>, code: string, rule?: string) => expectRefusedIn(t, OWNER_TABLES.people, query, variables, code, rule);

let serial = 0;
async function person(): Promise<string> {
  serial += 1;
  const d = expectData(await t.query(`mutation ($n: String!) { registerPerson(input: {nameZh: $n, category: SCIENCE_TECHNOLOGY_WORKER, titles: ["高级工程师"], email: "x@example.cn"}) { id nameZh titles } }`, { n: `测试人员${serial}` }));
  return d.registerPerson.id;
}

async function member(organisationId = orgId, on = '2025-01-10'): Promise<string> {
  const p = await person();
  const applied = expectData(await t.query(`mutation ($p: ID!, $o: ID!) { applyForMembership(input: {personId: $p, organisationId: $o, on: "2025-01-01"}) { id status } }`, { p, o: organisationId }));
  const id = applied.applyForMembership.id;
  expectData(await t.query(`mutation ($id: ID!, $on: Date!) { admitMember(input: {membershipId: $id, on: $on}) { status } }`, { id, on }));
  return id;
}

/** R28.reports: a representative congress of `organisationId` on `on` (five-year term). */
async function congressOn(organisationId: string, on: string): Promise<string> {
  return expectData(await t.query(`mutation ($o: ID!, $on: Date!) { recordCongress(input: {organisationId: $o, kind: REPRESENTATIVE_CONGRESS, heldOn: $on, termYears: 5}) { id } }`, { o: organisationId, on })).recordCongress.id;
}

/**
 * A committee of `size` members (COMMITTEE_MEMBER posts) from `termStart`; a committee of kind COMMITTEE is elected by
 * a congress held that day, whose term it serves (R28.reports).
 */
async function committee(size: number, organisationId = orgId, kind = 'WORKING_COMMITTEE', termStart = '2025-01-01') {
  const congressId = kind === 'COMMITTEE' ? await congressOn(organisationId, termStart) : null;
  const k = expectData(
    await t.query(`mutation ($o: ID!, $kind: CommitteeKind!, $from: Date!, $to: Date, $c: ID) { createCommittee(input: {organisationId: $o, kind: $kind, name: "测试委员会", termStart: $from, termEnd: $to, congressId: $c}) { id } }`, {
      o: organisationId,
      kind,
      from: termStart,
      to: congressId ? null : '2028-01-01',
      c: congressId,
    }),
  );
  const members: string[] = [];
  for (let i = 0; i < size; i++) {
    const p = await person();
    expectData(await t.query(`mutation ($o: ID!, $k: ID!, $p: ID!, $from: Date!) { appointToPost(input: {organisationId: $o, committeeId: $k, personId: $p, role: COMMITTEE_MEMBER, validFrom: $from}) { id } }`, { o: organisationId, k: k.createCommittee.id, p, from: termStart }));
    members.push(p);
  }
  return { id: k.createCommittee.id as string, members };
}

/** R30.officers: a passed resolution of the association's committee (kind COMMITTEE) on `on`, electing its officers. */
async function election(organisationId: string, on = '2022-06-01'): Promise<string> {
  const k = await committee(3, organisationId, 'COMMITTEE', '2022-01-01');
  const meeting = expectData(
    await t.query(`mutation ($k: ID!, $a: [ID!]!, $on: Date!, $c: ID) { recordMeeting(input: {committeeId: $k, heldOn: $on, attendeeIds: $a, convenedById: $c}) { id } }`, {
      k: k.id,
      a: k.members,
      on,
      c: await chairOf(organisationId, on),
    }),
  ).recordMeeting;
  return expectData(await t.query(RESOLUTION, { m: meeting.id, f: 3, a: 0, x: 0 })).recordResolution.id;
}

const MEETING = `mutation ($k: ID!, $a: [ID!]!, $c: ID) { recordMeeting(input: {committeeId: $k, heldOn: "2025-03-01", attendeeIds: $a, convenedById: $c}) { id memberCount attendeeCount quorate } }`;

/** R31.quorum: the association's chair on a day, who convenes its committee's meetings (null when none holds). */
async function chairOf(organisationId: string, on: string): Promise<string | null> {
  const [row] = await queryRows<{ id: number }>(
    t.database.db,
    sql`select person_id as id from people.posts where organisation_id = ${Number(organisationId)} and role = 'CHAIR'
        and valid_from <= ${on}::date and (valid_to is null or valid_to > ${on}::date)`,
  );
  return row ? String(row.id) : null;
}
const RESOLUTION = `mutation ($m: ID!, $f: Int!, $a: Int!, $x: Int!, $ms: [ID!] = []) { recordResolution(input: {meetingId: $m, title: "决议", votesFor: $f, votesAgainst: $a, votesAbstaining: $x, membershipIds: $ms}) { id outcome memberships { id } } }`;

describe('Membership', () => {
  it('applies, admits, and lists the member on the association from that day', async () => {
    const m = await member(orgId, '2025-02-01');
    const d = expectData(await t.query(`{ organisation(id: "${orgId}") { before: members(asOf: "2025-01-31", first: 100) { edges { node { id } } } after: members(asOf: "2025-02-01", first: 100) { edges { node { id status validFrom } } } } }`));
    expect(d.organisation.before.edges.map((e: any) => e.node.id)).not.toContain(m);
    expect(d.organisation.after.edges.map((e: any) => e.node)).toContainEqual({ id: m, status: 'ACTIVE', validFrom: '2025-02-01' });
  });

  it('refuses joining the same association twice while a membership is open, and allows several associations', async () => {
    const p = await person();
    const APPLY = `mutation ($p: ID!, $o: ID!) { applyForMembership(input: {personId: $p, organisationId: $o, on: "2025-01-01"}) { id } }`;
    expectData(await t.query(APPLY, { p, o: orgId }));
    await refused(APPLY, { p, o: orgId }, 'DUPLICATE');
    expectData(await t.query(APPLY, { p, o: otherOrgId }));
    await refused(APPLY, { p, o: '999999' }, 'NOT_FOUND');
  });

  it('R24.withdraw: a withdrawal needs the member’s own application before the association confirms it', async () => {
    const m = await member();
    const CONFIRM = `mutation ($id: ID!) { confirmWithdrawal(input: {membershipId: $id, on: "2025-06-01"}) { status validTo withdrawalAppliedOn withdrawalConfirmedOn } }`;
    await refused(CONFIRM, { id: m }, 'RULE_VIOLATION', 'R24.withdraw');
    expectData(await t.query(`mutation ($id: ID!) { applyToWithdraw(input: {membershipId: $id, on: "2025-05-20"}) { withdrawalAppliedOn } }`, { id: m }));
    expect(expectData(await t.query(CONFIRM, { id: m })).confirmWithdrawal).toEqual({
      status: 'WITHDRAWN',
      validTo: '2025-06-01',
      withdrawalAppliedOn: '2025-05-20',
      withdrawalConfirmedOn: '2025-06-01',
    });
  });

  it('R23.revoke: revocation needs a passed committee resolution of the same association and a listed ground', async () => {
    const m = await member();
    const REVOKE = `mutation ($id: ID!, $r: ID!, $g: RevocationGround!) { revokeMembership(input: {membershipId: $id, on: "2025-04-01", ground: $g, resolutionId: $r}) { status revocationGround validTo } }`;
    const k = await committee(3, orgId, 'COMMITTEE');
    const meeting = expectData(await t.query(MEETING, { k: k.id, a: k.members, c: await chairOf(orgId, '2025-03-01') })).recordMeeting;
    const failed = expectData(await t.query(RESOLUTION, { m: meeting.id, f: 1, a: 2, x: 0, ms: [m] })).recordResolution;
    expect(failed.outcome).toBe('FAILED');
    await refused(REVOKE, { id: m, r: failed.id, g: 'CRIMINAL_PENALTY' }, 'RULE_VIOLATION', 'R23.revoke');
    await refused(REVOKE, { id: m, r: failed.id, g: 'BORED' }, 'BAD_USER_INPUT');
    const other = await committee(3, otherOrgId, 'COMMITTEE');
    const otherMeeting = expectData(await t.query(MEETING, { k: other.id, a: other.members, c: await chairOf(otherOrgId, '2025-03-01') })).recordMeeting;
    const elsewhere = expectData(await t.query(RESOLUTION, { m: otherMeeting.id, f: 3, a: 0, x: 0 })).recordResolution;
    await refused(REVOKE, { id: m, r: elsewhere.id, g: 'CRIMINAL_PENALTY' }, 'RULE_VIOLATION', 'R23.revoke');
    // A passed resolution of its own committee that does not name this membership decides nothing about it.
    const unrelated = expectData(await t.query(RESOLUTION, { m: meeting.id, f: 3, a: 0, x: 0 })).recordResolution;
    await refused(REVOKE, { id: m, r: unrelated.id, g: 'CRIMINAL_PENALTY' }, 'RULE_VIOLATION', 'R23.revoke');
    const passed = expectData(await t.query(RESOLUTION, { m: meeting.id, f: 2, a: 1, x: 0, ms: [m] })).recordResolution;
    expect(passed.memberships).toEqual([{ id: m }]);
    expect(expectData(await t.query(REVOKE, { id: m, r: passed.id, g: 'SERIOUS_VIOLATION_OF_CHARTER' })).revokeMembership).toEqual({
      status: 'REVOKED',
      revocationGround: 'SERIOUS_VIOLATION_OF_CHARTER',
      validTo: '2025-04-01',
    });
    // The person's history reads the same record with its ground and resolution, as the mutation answered.
    const [row] = await queryRows<{ personId: number }>(t.database.db, sql`select person_id as "personId" from people.memberships where id = ${Number(m)}`);
    const history = expectData(
      await t.query(`{ person(id: "${row!.personId}") { memberships(first: 50) { edges { node { id status revocationGround revocationResolution { id } } } } } }`),
    ).person.memberships.edges.map((e: any) => e.node);
    expect(history).toContainEqual({ id: m, status: 'REVOKED', revocationGround: 'SERIOUS_VIOLATION_OF_CHARTER', revocationResolution: { id: passed.id } });
  });

  it('records dues exactly in yuan and refuses amounts that are not above zero', async () => {
    const m = await member();
    const PAY = `mutation ($id: ID!, $a: String!) { recordDuesPayment(input: {membershipId: $id, year: 2025, amount: $a, paidOn: "2025-03-01"}) { amount year } }`;
    expect(expectData(await t.query(PAY, { id: m, a: '120.5' })).recordDuesPayment).toEqual({ amount: '120.50', year: 2025 });
    await refused(PAY, { id: m, a: '-1' }, 'INVALID_ARGUMENT');
    await refused(PAY, { id: m, a: '0.001' }, 'INVALID_ARGUMENT');
  });
});

describe('Committee meetings (Art. 31)', () => {
  it('R31.quorum: exactly two thirds of the members is a quorum, fewer is not', async () => {
    const k = await committee(6);
    expect(expectData(await t.query(MEETING, { k: k.id, a: k.members.slice(0, 4) })).recordMeeting).toMatchObject({ memberCount: 6, attendeeCount: 4, quorate: true });
    const short = expectData(await t.query(MEETING, { k: k.id, a: k.members.slice(0, 3) })).recordMeeting;
    expect(short.quorate).toBe(false);
    expect(expectData(await t.query(RESOLUTION, { m: short.id, f: 3, a: 0, x: 0 })).recordResolution.outcome).toBe('NO_QUORUM');
  });

  it('R31.quorum: refuses a meeting with more attendees than members, or attendees who are not members', async () => {
    const k = await committee(2);
    const outsider = await person();
    await refused(MEETING, { k: k.id, a: [...k.members, outsider] }, 'RULE_VIOLATION', 'R31.quorum');
    await refused(MEETING, { k: k.id, a: [k.members[0], outsider] }, 'INVALID_ARGUMENT');
  });

  it('R31.majority: exactly half of those attending passes a resolution; votes beyond attendance are refused', async () => {
    const k = await committee(4);
    const meeting = expectData(await t.query(MEETING, { k: k.id, a: k.members })).recordMeeting;
    expect(expectData(await t.query(RESOLUTION, { m: meeting.id, f: 2, a: 2, x: 0 })).recordResolution.outcome).toBe('PASSED');
    expect(expectData(await t.query(RESOLUTION, { m: meeting.id, f: 1, a: 2, x: 1 })).recordResolution.outcome).toBe('FAILED');
    await refused(RESOLUTION, { m: meeting.id, f: 3, a: 2, x: 0 }, 'RULE_VIOLATION', 'R31.majority');
  });
});

describe('Posts', () => {
  const APPOINT = `mutation ($o: ID!, $p: ID!, $from: Date!, $to: Date, $r: ID) { appointToPost(input: {organisationId: $o, personId: $p, role: CHAIR, validFrom: $from, validTo: $to, nominatedBy: PARTY_ORGANISATION, electedByResolutionId: $r}) { id role validFrom validTo electedBy { id outcome } } }`;
  /** Park associations active since before 2022 with no chair yet. */
  const parks = () =>
    queryRows<{ id: number }>(
      t.database.db,
      sql`select o.id from org.organisations o where o.kind = 'PARK_ASSOCIATION' and o.status = 'ACTIVE' and o.established_on <= '2021-12-31'
          and not exists (select 1 from people.posts p where p.organisation_id = o.id and p.role = 'CHAIR') order by o.id limit 2`,
    );

  it('R32.chair: one chair at a time; the next may start the day the last one ends', async () => {
    const [o] = await parks();
    const org = String(o!.id);
    const r = await election(org);
    await refused(APPOINT, { o: org, p: await person(), from: '2024-01-01', to: null, r: null }, 'RULE_VIOLATION', 'R30.officers');
    const first = expectData(await t.query(APPOINT, { o: org, p: await person(), from: '2024-01-01', to: null, r })).appointToPost;
    expect(first.electedBy).toEqual({ id: r, outcome: 'PASSED' });
    await refused(APPOINT, { o: org, p: await person(), from: '2025-01-01', to: null, r }, 'RULE_VIOLATION', 'R32.chair');
    await refused(APPOINT, { o: org, p: await person(), from: '2023-01-01', to: '2024-06-01', r }, 'RULE_VIOLATION', 'R32.chair');
    expectData(await t.query(`mutation ($id: ID!) { endPost(input: {postId: $id, on: "2025-07-01"}) { validTo } }`, { id: first.id }));
    const next = await person();
    expectData(await t.query(APPOINT, { o: org, p: next, from: '2025-07-01', to: null, r }));
    const chairs = async (asOf: string) => expectData(await t.query(`{ organisation(id: "${org}") { posts(asOf: "${asOf}", roles: [CHAIR]) { person { id } } } }`)).organisation.posts;
    expect(await chairs('2025-06-30')).toHaveLength(1);
    expect(await chairs('2025-07-01')).toEqual([{ person: { id: next } }]);
    const history = expectData(await t.query(`{ organisation(id: "${org}") { posts(history: true, roles: [CHAIR]) { validFrom validTo } } }`)).organisation.posts;
    expect(history).toEqual([
      { validFrom: '2024-01-01', validTo: '2025-07-01' },
      { validFrom: '2025-07-01', validTo: null },
    ]);
  });

  it('R32.chair: two concurrent appointments of a chair cannot both succeed', async () => {
    const [, o] = await parks();
    const r = await election(String(o!.id));
    const [a, b] = [await person(), await person()];
    const results = await Promise.all([a, b].map((p) => t.query(APPOINT, { o: String(o!.id), p, from: '2025-01-01', to: null, r })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)!.errors![0]!.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R32.chair' });
  });

  it('shows who held which post when, from the person’s side', async () => {
    const p = await person();
    const k = await committee(0);
    const r = await election(orgId);
    expectData(
      await t.query(`mutation ($o: ID!, $k: ID!, $p: ID!, $r: ID!) { appointToPost(input: {organisationId: $o, committeeId: $k, personId: $p, role: SECRETARY_GENERAL, validFrom: "2025-02-01", nominatedBy: CHAIR, electedByResolutionId: $r}) { id } }`, {
        o: orgId,
        k: k.id,
        p,
        r,
      }),
    );
    const d = expectData(await t.query(`{ person(id: "${p}") { now: posts(asOf: "2025-03-01") { role organisation { id nameZh } committee { name } } before: posts(asOf: "2025-01-01") { role } } }`));
    expect(d.person.now).toEqual([{ role: 'SECRETARY_GENERAL', organisation: { id: orgId, nameZh: expect.any(String) }, committee: { name: '测试委员会' } }]);
    expect(d.person.before).toEqual([]);
  });
});

describe('Congresses (Art. 26)', () => {
  const CONGRESS = `mutation ($o: ID!, $k: CongressKind!, $n: Int, $on: Date!) { recordCongress(input: {organisationId: $o, kind: $k, heldOn: $on, termYears: 5, scienceWorkerCount: $n}) { id kind scienceWorkerCount reportDueOn nextDueOn } }`;

  it("R26.assembly: a general assembly only with fewer than 100 S&T workers on the enterprise's record that day", async () => {
    const [{ enterprise }] = (await queryRows<{ enterprise: number }>(t.database.db, sql`select enterprise_id as enterprise from org.organisations where id = ${Number(orgId)}`)) as [{ enterprise: number }];
    const COUNT = `mutation ($e: ID!, $n: Int!, $on: Date!) { recordScienceWorkerCount(input: {enterpriseId: $e, count: $n, on: $on}) { scienceWorkerCount } }`;
    expectData(await t.query(COUNT, { e: String(enterprise), n: 100, on: '2025-01-01' }));
    await refused(CONGRESS, { o: orgId, k: 'GENERAL_ASSEMBLY', on: '2025-05-01' }, 'RULE_VIOLATION', 'R26.assembly');
    await refused(CONGRESS, { o: orgId, k: 'GENERAL_ASSEMBLY', n: 50, on: '2025-05-01' }, 'RULE_VIOLATION', 'R26.assembly');
    expectData(await t.query(COUNT, { e: String(enterprise), n: 99, on: '2025-04-01' }));
    expect(expectData(await t.query(CONGRESS, { o: orgId, k: 'GENERAL_ASSEMBLY', on: '2025-05-01' })).recordCongress).toMatchObject({ kind: 'GENERAL_ASSEMBLY', scienceWorkerCount: 99 });
    expect(expectData(await t.query(CONGRESS, { o: orgId, k: 'REPRESENTATIVE_CONGRESS', on: '2025-06-01' })).recordCongress.kind).toBe('REPRESENTATIVE_CONGRESS');
  });

  it('R26.report: results reported within one month are on time, the day after is late (month ends clamp)', async () => {
    const c = expectData(await t.query(CONGRESS, { o: otherOrgId, k: 'REPRESENTATIVE_CONGRESS', on: '2024-01-31' })).recordCongress;
    expect(c.reportDueOn).toBe('2024-02-29');
    const late = async (asOf: string) => {
      const d = expectData(await t.query(`{ lateCongressReports(asOf: "${asOf}", first: 100) { edges { node { id } } } }`));
      return d.lateCongressReports.edges.map((e: any) => e.node.id);
    };
    expect(await late('2024-02-29')).not.toContain(c.id);
    expect(await late('2024-03-01')).toContain(c.id);
    expectData(await t.query(`mutation { reportCongress(input: {congressId: "${c.id}", reportedOn: "2024-02-29"}) { reportedOn reportLate } }`));
    // The association's own date does not count: the approving association's confirmed receipt does.
    expect(await late('2024-03-01')).toContain(c.id);
    const [approver] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select h.path[array_length(h.path, 1) - 1] as id from hierarchy.paths h where h.organisation_id = ${Number(otherOrgId)}
          and h.valid_from <= '2024-02-29' and (h.valid_to is null or h.valid_to > '2024-02-29')`,
    );
    const CONFIRM = `mutation ($c: ID!, $by: ID!) { confirmCongressReport(input: {congressId: $c, by: $by, receivedOn: "2024-02-29"}) { receiptConfirmedOn receiptConfirmedBy { id } reportLate } }`;
    const [stranger] = await queryRows<{ id: number }>(t.database.db, sql`select id from org.organisations where kind = 'DISTRICT_ASSOCIATION' and id <> ${approver!.id} order by id limit 1`);
    await refused(CONFIRM, { c: c.id, by: String(stranger!.id) }, 'RULE_VIOLATION', 'R26.report');
    expect(expectData(await t.query(CONFIRM, { c: c.id, by: String(approver!.id) })).confirmCongressReport).toEqual({
      receiptConfirmedOn: '2024-02-29',
      receiptConfirmedBy: { id: String(approver!.id) },
      reportLate: false,
    });
    expect(await late('2024-03-01')).not.toContain(c.id);
    // The association's flag covers its other congresses too (the demo seed's have no confirmed receipt): it matches
    // the database's own count of its late ones.
    const d = expectData(await t.query(`{ organisation(id: "${otherOrgId}") { congressReportLate(asOf: "2024-03-01") } }`));
    const [others] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from people.congresses c where c.organisation_id = ${Number(otherOrgId)} and c.held_on <= '2024-03-01'
          and (c.receipt_confirmed_on > (c.held_on + interval '1 month')::date or (c.receipt_confirmed_on is null and '2024-03-01'::date > (c.held_on + interval '1 month')::date))`,
    );
    expect(d.organisation.congressReportLate).toBe(others!.n > 0);
  });

  it('R26.cadence: an association whose last congress was more than five years ago is reported as overdue', async () => {
    const [fresh] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from org.organisations o where kind = 'ENTERPRISE_ASSOCIATION' and status = 'ACTIVE' and established_on <= '2019-01-01'
          and not exists (select 1 from people.congresses c where c.organisation_id = o.id) order by id limit 1`,
    );
    const o = String(fresh!.id);
    const c = expectData(await t.query(CONGRESS, { o, k: 'REPRESENTATIVE_CONGRESS', on: '2020-02-29' })).recordCongress;
    expect(c.nextDueOn).toBe('2025-02-28');
    const overdue = async (asOf: string) =>
      expectData(await t.query(`{ organisation(id: "${o}") { congressOverdue(asOf: "${asOf}") } overdueCongresses(asOf: "${asOf}", first: 100) { totalCount edges { node { organisation { id } } } } }`));
    const onTime = await overdue('2025-02-28');
    expect(onTime.organisation.congressOverdue).toBe(false);
    const late = await overdue('2025-03-01');
    expect(late.organisation.congressOverdue).toBe(true);
    // Only associations active that day, and only their last congress.
    const [expected] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from (select organisation_id, max(held_on) as last from people.congresses where held_on <= '2025-03-01' group by 1) l
          join org.organisations o on o.id = l.organisation_id and o.established_on <= '2025-03-01'
          where '2025-03-01'::date > (l.last + interval '5 years')::date
            and exists (select 1 from hierarchy.statuses s where s.organisation_id = o.id and s.status = 'ACTIVE'
                        and s.valid_from <= '2025-03-01' and (s.valid_to is null or s.valid_to > '2025-03-01'))`,
    );
    expect(late.overdueCongresses.totalCount).toBe(expected!.n);
    // R26.cadence: an association that never held a congress is overdue five years after its founding.
    const [never] = await queryRows<{ id: number; due: string }>(
      t.database.db,
      sql`select o.id, (o.established_on + interval '5 years')::date::text as due from org.organisations o
          where o.kind = 'ENTERPRISE_ASSOCIATION' and o.status = 'ACTIVE' and o.established_on < '2020-01-01'
            and not exists (select 1 from people.congresses c where c.organisation_id = o.id) order by o.id limit 1`,
    );
    const listed = expectData(await t.query(`{ overdueAssociations(asOf: "2026-01-01", first: 100) { totalCount edges { node { organisation { id } lastCongress { id } dueOn } } } }`));
    expect(listed.overdueAssociations.totalCount).toBeGreaterThan(0);
    if (never && listed.overdueAssociations.totalCount <= 100) {
      expect(listed.overdueAssociations.edges.map((e: any) => e.node)).toContainEqual({ organisation: { id: String(never.id) }, lastCongress: null, dueOn: never.due });
    }
  });
});

describe('Partner learned societies (Art. 6)', () => {
  it('links a society member number to a person, lists it both ways, and ends it', async () => {
    const [society] = await queryRows<{ id: number }>(t.database.db, sql`select id from org.organisations where kind = 'LEARNED_SOCIETY' order by id limit 1`);
    const s = String(society!.id);
    const p = await person();
    const LINK = `mutation ($s: ID!, $p: ID!, $no: String!) { linkSocietyMember(input: {societyId: $s, personId: $p, societyMemberNo: $no, validFrom: "2025-01-01"}) { id societyMemberNo society { id kind } person { id } } }`;
    const link = expectData(await t.query(LINK, { s, p, no: 'CMES-0001' })).linkSocietyMember;
    expect(link).toMatchObject({ societyMemberNo: 'CMES-0001', society: { id: s, kind: 'LEARNED_SOCIETY' }, person: { id: p } });
    await refused(LINK, { s, p: await person(), no: 'CMES-0001' }, 'DUPLICATE');
    await refused(LINK, { s, p, no: 'CMES-0002' }, 'DUPLICATE');
    const listed = expectData(await t.query(`{ organisation(id: "${s}") { linkedMembers(first: 100) { totalCount edges { node { person { id } societyMemberNo } } } } }`));
    expect(listed.organisation.linkedMembers.edges).toContainEqual({ node: { person: { id: p }, societyMemberNo: 'CMES-0001' } });
    expectData(await t.query(`mutation { endSocietyLink(input: {linkId: "${link.id}", on: "2025-12-31"}) { validTo } }`));
    const mine = expectData(await t.query(`{ person(id: "${p}") { societyLinks { societyMemberNo validTo } } }`));
    expect(mine.person.societyLinks).toEqual([{ societyMemberNo: 'CMES-0001', validTo: '2025-12-31' }]);
    // Once ended, the number can be linked again.
    expectData(await t.query(LINK, { s, p: await person(), no: 'CMES-0001' }));
  });
});

describe('Member lists', () => {
  it('filters members by category, with a total that matches the database', async () => {
    const d = expectData(await t.query(`{ organisation(id: "${orgId}") { members(categories: [MANAGER], asOf: "2026-01-01", first: 100) { totalCount edges { node { person { category } } } } } }`));
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from people.memberships m join people.persons p on p.id = m.person_id
          where m.organisation_id = ${Number(orgId)} and p.category = 'MANAGER'
            and m.valid_from <= '2026-01-01' and (m.valid_to is null or m.valid_to > '2026-01-01')`,
    );
    expect(d.organisation.members.totalCount).toBe(row!.n);
    expect(d.organisation.members.edges.every((e: any) => e.node.person.category === 'MANAGER')).toBe(true);
  });
});

describe('Roll-ups and SQL statements', () => {
  it('counts members of the municipal association including every descendant, matching the database', async () => {
    const d = expectData(await t.query(`{ organisation(id: "1") { own: memberCount(asOf: "2026-01-01") all: memberCount(asOf: "2026-01-01", includeDescendants: true) } }`));
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`with recursive d(id) as (select 1 union select r.from_id from org.relationships r join d on r.to_id = d.id
            where r.kind in ('GUIDANCE', 'APPROVAL') and r.valid_from <= '2026-01-01' and (r.valid_to is null or r.valid_to > '2026-01-01'))
          select count(*)::int as n from people.memberships m join d on d.id = m.organisation_id
          where m.valid_from <= '2026-01-01' and (m.valid_to is null or m.valid_to > '2026-01-01')`,
    );
    expect(d.organisation).toEqual({ own: 0, all: row!.n });
    expect(row!.n).toBeGreaterThan(100);
  });

  it('fetches the first members of each of many associations in one statement per batch', async () => {
    const q = (n: number) => `{ organisations(filter: {kinds: [ENTERPRISE_ASSOCIATION]}, first: ${n}) { edges { node { members(first: 10, asOf: "2026-01-01") { edges { node { id } } } } } } }`;
    const count = async (query: string) => (await t.countStatements(() => t.query(query))).statements;
    expect(await count(q(100))).toBe(await count(q(2)));
    expect(await count(q(100))).toBe(2);
  });

  it('the member count of the municipal association with all descendants is one statement', async () => {
    const count = () => t.query(`{ organisation(id: "1") { memberCount(includeDescendants: true) } }`);
    // The first read of a day builds that day's roll-up (docs/read-model.md, "Roll-ups"); every later one reads it.
    await count();
    const { statements } = await t.countStatements(count);
    // One to fetch the organisation in its own subgraph, one for the count.
    expect(statements).toBe(2);
  });
});

describe('Issue 13: dues arrears, congress reports, work plans (Art. 22, 28, 30)', () => {
  const ARREARS = `query ($o: ID!, $asOf: Date!, $months: Int) { organisation(id: $o) { membersInArrears(asOf: $asOf, months: $months, first: 5) {
    totalCount edges { node { membership { id status } lastPaidOn countedFrom dueBy } } } } }`;

  it('R22.arrears: lists members with no dues paid for the period, with a total matching the database; a payment clears one', async () => {
    const m = await member(orgId, '2025-01-10');
    const arrears = async () => expectData(await t.query(ARREARS, { o: orgId, asOf: '2026-01-11', months: 12 })).organisation.membersInArrears;
    const before = await arrears();
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from people.memberships m
          where m.organisation_id = ${Number(orgId)} and m.valid_from <= '2026-01-11' and (m.valid_to is null or m.valid_to > '2026-01-11')
            and '2026-01-11'::date > (coalesce((select max(d.paid_on) from people.dues_payments d where d.membership_id = m.id and d.paid_on <= '2026-01-11'), m.valid_from)
                                      + interval '12 months')::date`,
    );
    expect(before.totalCount).toBe(row!.n);
    expect(before.totalCount).toBeGreaterThan(0);
    for (const { node } of before.edges) {
      expect(node.membership.status).toBe('ACTIVE');
      expect(node.dueBy < '2026-01-11' && node.countedFrom === (node.lastPaidOn ?? node.countedFrom)).toBe(true);
    }
    expectData(await t.query(`mutation ($id: ID!) { recordDuesPayment(input: {membershipId: $id, year: 2025, amount: "60.00", paidOn: "2025-12-01"}) { id } }`, { id: m }));
    expect((await arrears()).totalCount).toBe(before.totalCount - 1);
  });

  it('R22.arrears: a period of 1 to 60 months; personal data, null with an error for a caller who may not see the members', async () => {
    const bad = await t.query(ARREARS, { o: orgId, asOf: '2026-01-11', months: 0 });
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    const analyst = await t.queryAs({ subject: 'test.analyst', role: 'ANALYST', organisationId: null }, ARREARS, { o: orgId, asOf: '2026-01-11', months: 12 });
    expect(analyst.data?.organisation?.membersInArrears).toBeNull();
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('R28.reports: a committee needs the congress that elected it; the next congress approves its reports', async () => {
    const c = await congressOn(otherOrgId, '2026-03-01');
    const CREATE = `mutation ($c: ID) { createCommittee(input: {organisationId: "${otherOrgId}", kind: COMMITTEE, name: "新一届委员会", termStart: "2026-03-01", congressId: $c}) { id termEnd congress { id termEndsOn } } }`;
    await refused(CREATE, { c: null }, 'RULE_VIOLATION', 'R28.reports');
    const k = expectData(await t.query(CREATE, { c })).createCommittee;
    expect(k).toMatchObject({ termEnd: '2031-03-01', congress: { id: c, termEndsOn: '2031-03-01' } });
    await refused(CREATE, { c }, 'RULE_VIOLATION', 'R28.reports');
    const [before] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from people.committees where organisation_id = ${Number(otherOrgId)} and kind = 'COMMITTEE' and term_start < '2026-03-01' order by term_start desc, id desc limit 1`,
    );
    const APPROVE = `mutation ($c: ID!) { approveCongressReports(input: {congressId: $c, reports: [WORK_REPORT, FINANCIAL_REPORT]}) {
      workReportApproved financialReportApproved reportingCommittee { id } electedCommittee { id } } }`;
    expect(expectData(await t.query(APPROVE, { c })).approveCongressReports).toEqual({
      workReportApproved: true,
      financialReportApproved: true,
      reportingCommittee: { id: String(before!.id) },
      electedCommittee: { id: k.id },
    });
    await refused(APPROVE, { c }, 'ILLEGAL_TRANSITION');
  });

  it('R30.plan: passed resolutions of the committee review the plan and summary of a year; the year is complete with both', async () => {
    const k = await committee(3, orgId, 'COMMITTEE', '2025-01-01');
    const resolution = async (on: string, f: number) => {
      const meeting = expectData(
        await t.query(`mutation ($k: ID!, $a: [ID!]!, $on: Date!, $c: ID) { recordMeeting(input: {committeeId: $k, heldOn: $on, attendeeIds: $a, convenedById: $c}) { id } }`, {
          k: k.id,
          a: k.members,
          on,
          c: await chairOf(orgId, on),
        }),
      ).recordMeeting;
      return { meeting: meeting.id as string, resolution: expectData(await t.query(RESOLUTION, { m: meeting.id, f, a: 3 - f, x: 0 })).recordResolution.id as string };
    };
    const REVIEW = `mutation ($r: ID!, $y: Int!, $k: WorkPlanKind!) { recordWorkPlanReview(input: {resolutionId: $r, year: $y, kind: $k}) { year kind reviewedOn organisation { id } resolution { id outcome } } }`;
    const YEAR = `{ organisation(id: "${orgId}") { workPlan(year: 2025) { year complete plan { kind reviewedOn } summary { kind reviewedOn } } } }`;
    const failed = await resolution('2025-03-02', 1);
    await refused(REVIEW, { r: failed.resolution, y: 2025, k: 'PLAN' }, 'RULE_VIOLATION', 'R30.plan');
    const plan = await resolution('2025-03-03', 3);
    expect(expectData(await t.query(REVIEW, { r: plan.resolution, y: 2025, k: 'PLAN' })).recordWorkPlanReview).toEqual({
      year: 2025,
      kind: 'PLAN',
      reviewedOn: '2025-03-03',
      organisation: { id: orgId },
      resolution: { id: plan.resolution, outcome: 'PASSED' },
    });
    expect(expectData(await t.query(YEAR)).organisation.workPlan).toEqual({ year: 2025, complete: false, plan: { kind: 'PLAN', reviewedOn: '2025-03-03' }, summary: null });
    const summary = await resolution('2025-12-20', 2);
    expectData(await t.query(REVIEW, { r: summary.resolution, y: 2025, k: 'SUMMARY' }));
    expect(expectData(await t.query(YEAR)).organisation.workPlan).toMatchObject({ complete: true, summary: { kind: 'SUMMARY', reviewedOn: '2025-12-20' } });
    await refused(REVIEW, { r: summary.resolution, y: 2025, k: 'SUMMARY' }, 'DUPLICATE');
    const seen = expectData(await t.query(`{ meeting(id: "${summary.meeting}") { resolutions { workPlanReviews { year kind } } } }`));
    expect(seen.meeting.resolutions).toEqual([{ workPlanReviews: [{ year: 2025, kind: 'SUMMARY' }] }]);
  });

  it('R28.reports, R30.plan: the demo data holds approved congress reports and reviewed work plans and summaries, all by passed resolutions of the committee', async () => {
    const [row] = await queryRows<{ approved: number; reviews: number; summaries: number; wrong: number }>(
      t.database.db,
      sql`select (select count(*)::int from people.congresses where work_report_approved and reporting_committee_id is not null) as approved,
                 (select count(*)::int from people.work_plan_reviews) as reviews,
                 (select count(*)::int from people.work_plan_reviews where kind = 'SUMMARY') as summaries,
                 (select count(*)::int from people.work_plan_reviews w join people.resolutions r on r.id = w.resolution_id
                    join people.meetings mt on mt.id = r.meeting_id join people.committees k on k.id = mt.committee_id
                    cross join lateral (select count(*)::int as n from people.meeting_attendance a where a.meeting_id = mt.id) a
                  where k.kind <> 'COMMITTEE' or k.organisation_id <> w.organisation_id or a.n * 3 < mt.member_count * 2 or r.votes_for * 2 < a.n) as wrong`,
    );
    expect(row).toMatchObject({ approved: expect.any(Number), wrong: 0 });
    expect(Math.min(row!.approved, row!.reviews, row!.summaries)).toBeGreaterThan(0);
  });

  it('work plans, arrears and the committees congresses elected are fetched in one statement per batch, however many associations', async () => {
    const q = (n: number) => `{ organisations(filter: {kinds: [ENTERPRISE_ASSOCIATION]}, first: ${n}) { edges { node {
      workPlan(year: 2022) { complete plan { resolution { id } } summary { reviewedOn } }
      membersInArrears(asOf: "2026-01-01", first: 2) { totalCount edges { node { lastPaidOn } } }
      congresses { electedCommittee { id } reportingCommittee { id } } } } } }`;
    const count = async (query: string) =>
      (
        await t.countStatements(async () => {
          expectData(await t.query(query));
        })
      ).statements;
    expect(await count(q(100))).toBe(await count(q(40)));
  });
});
