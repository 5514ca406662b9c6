// The people subgraph's rules (DOMAIN.md: R23.revoke, R24.withdraw, R26.*, R31.*, R32.chair), tested on its commands
// called directly: no HTTP, no gateway. One fresh kit database for the file; each test builds its own association,
// persons, members and committee through the commands, and every refusal is checked to have changed none of the
// people tables. Where a rule is a report rather than a refusal (R26.report, R26.cadence), the query's data
// function is read directly; a resolution's outcome is the one the API computes (rules.ts, resolutionOutcome).
import { todayInChina } from '@cq/domain';
import { queryRows } from '@cq/db';
import * as applications from '@cq/organisations/commands/applications';
import * as sanctions from '@cq/organisations/commands/sanctions';
import * as leadership from '@cq/people/commands/leadership';
import * as membership from '@cq/people/commands/membership';
import * as reports from '@cq/people/data/leadership';
import * as people from '@cq/people/data/people';
import { isQuorate, resolutionOutcome } from '@cq/people/rules';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACTOR, openKit, type Kit } from '../kit/index.ts';

let kit: Kit;
beforeAll(async () => {
  kit = await openKit();
});
afterAll(() => kit?.close());

const TERM_START = '2021-01-01';
const MEETING_DAY = '2021-06-01';
const ALL = { first: 100, after: null };

type Role = Parameters<typeof leadership.appointToPost>[1]['role'];
type Nominator = Parameters<typeof leadership.appointToPost>[1]['nominatedBy'];

/** Who nominates each officer when a test does not say (Art. 30, 32). */
const NOMINATOR: Partial<Record<Role, Nominator>> = { CHAIR: 'PARTY_ORGANISATION', VICE_CHAIR: 'PARTY_ORGANISATION', SECRETARY_GENERAL: 'CHAIR', DEPUTY_SECRETARY_GENERAL: 'CHAIR' };

/** The resolution that elected each association's officers, made once per association by `electionOf`. */
const elections = new Map<number, number>();

function appoint(
  organisationId: number,
  personId: number,
  role: Role,
  validFrom: string,
  validTo: string | null = null,
  committeeId: number | null = null,
  extra: { nominatedBy?: Nominator; electedByResolutionId?: number | null } = {},
) {
  const electedBy = 'electedByResolutionId' in extra ? extra.electedByResolutionId : elections.get(organisationId);
  return leadership.appointToPost(
    kit.db,
    {
      organisationId: String(organisationId),
      committeeId: committeeId === null ? null : String(committeeId),
      personId: String(personId),
      role,
      validFrom,
      validTo,
      nominatedBy: 'nominatedBy' in extra ? extra.nominatedBy : (NOMINATOR[role] ?? null),
      electedByResolutionId: electedBy == null ? null : String(electedBy),
    },
    ACTOR,
  );
}

/**
 * An association whose committee (three members, from TERM_START) passed a resolution electing its officers on
 * ELECTION_DAY, before any of them took office: `appoint` cites it for chairs, vice-chairs and secretaries-general.
 */
const ELECTION_DAY = '2021-02-01';
async function electionOf(organisationId?: number) {
  const k = await committeeWith(3, organisationId);
  const meeting = await meet(k.id, k.members, ELECTION_DAY);
  const resolution = await vote(meeting.id, 3, 0, 0);
  elections.set(k.organisationId, resolution.id);
  return { ...k, resolutionId: resolution.id };
}

/** A committee of a (new, by default) association whose `size` members hold COMMITTEE_MEMBER posts from TERM_START. */
async function committeeWith(size: number, organisationId?: number) {
  const org = organisationId ?? (await kit.association());
  // R28.reports: elected by a congress on TERM_START for five years, to 2026-01-01.
  const committee = { id: (await kit.committee(org, { heldOn: TERM_START, name: '测试委员会' })).committeeId };
  const members: string[] = [];
  const postIds: number[] = [];
  for (let i = 0; i < size; i++) {
    const person = await kit.person();
    postIds.push((await appoint(org, person, 'COMMITTEE_MEMBER', TERM_START, null, committee.id)).id);
    members.push(String(person));
  }
  return { organisationId: org, id: String(committee.id), members, postIds };
}

const meet = (committeeId: string, attendeeIds: string[], heldOn = MEETING_DAY, convenedById: string | null = null) =>
  leadership.recordMeeting(kit.db, { committeeId, heldOn, attendeeIds, convenedById }, ACTOR);

const vote = (meetingId: number, votesFor: number, votesAgainst: number, votesAbstaining: number, membershipIds: string[] = []) =>
  leadership.recordResolution(kit.db, { meetingId: String(meetingId), title: '决议', votesFor, votesAgainst, votesAbstaining, membershipIds }, ACTOR);

/** An association, an active member of it (admitted 2021-03-01), and a committee of three there. */
async function memberAndCommittee() {
  const k = await committeeWith(3);
  const membershipId = String(await kit.member(await kit.person(), k.organisationId));
  return { ...k, membershipId };
}

const revoke = (membershipId: string, resolutionId: number, on = '2021-07-01') =>
  membership.revokeMembership(kit.db, { membershipId, resolutionId: String(resolutionId), ground: 'SERIOUS_VIOLATION_OF_CHARTER', on }, ACTOR);

const confirm = (congressId: number, by: number, receivedOn: string, today = '2026-01-01') =>
  leadership.confirmCongressReport(kit.db, { congressId: String(congressId), by: String(by), receivedOn }, today, ACTOR);

/** A congress; the S&T workers are those on record for the association's enterprises unless `scienceWorkerCount` is given. */
const congress = (organisationId: number, kind: 'REPRESENTATIVE_CONGRESS' | 'GENERAL_ASSEMBLY', heldOn: string, scienceWorkerCount: number | null = null, termYears = 5) =>
  leadership.recordCongress(kit.db, { organisationId: String(organisationId), kind, heldOn, termYears, scienceWorkerCount, charterAmended: null }, ACTOR);

describe('Membership (Art. 23-24)', () => {
  it('R23.revoke: a passed resolution of the association’s own committee revokes a membership on a listed ground', async () => {
    const k = await memberAndCommittee();
    const meeting = await meet(k.id, k.members);
    const passed = await vote(meeting.id, 2, 1, 0, [k.membershipId]);
    expect(resolutionOutcome(meeting, passed.votesFor)).toBe('PASSED');
    expect(await revoke(k.membershipId, passed.id)).toMatchObject({
      status: 'REVOKED',
      validTo: '2021-07-01',
      revocationGround: 'SERIOUS_VIOLATION_OF_CHARTER',
      revocationResolutionId: passed.id,
    });
  });

  it('R23.revoke: refuses a resolution that failed, or one of a meeting without quorum; nothing changes', async () => {
    const k = await memberAndCommittee();
    const full = await meet(k.id, k.members);
    const failed = await vote(full.id, 1, 2, 0, [k.membershipId]);
    expect(await kit.refused('people', () => revoke(k.membershipId, failed.id), 'RULE_VIOLATION', 'R23.revoke')).toMatchObject({ outcome: 'FAILED' });
    const thin = await meet(k.id, k.members.slice(0, 1));
    const unanimous = await vote(thin.id, 1, 0, 0, [k.membershipId]);
    expect(await kit.refused('people', () => revoke(k.membershipId, unanimous.id), 'RULE_VIOLATION', 'R23.revoke')).toMatchObject({ outcome: 'NO_QUORUM' });
  });

  it('R23.revoke: refuses a passed resolution of another association’s committee; nothing changes', async () => {
    const k = await memberAndCommittee();
    const other = await committeeWith(3);
    const meeting = await meet(other.id, other.members);
    const elsewhere = await vote(meeting.id, 3, 0, 0);
    await kit.refused('people', () => revoke(k.membershipId, elsewhere.id), 'RULE_VIOLATION', 'R23.revoke');
  });

  it('R23.revoke: refuses a revocation dated before the meeting that decided it, or of a membership not active', async () => {
    const k = await memberAndCommittee();
    const meeting = await meet(k.id, k.members);
    const passed = await vote(meeting.id, 3, 0, 0, [k.membershipId]);
    await kit.refused('people', () => revoke(k.membershipId, passed.id, '2021-05-31'), 'INVALID_ARGUMENT');
    const applied = await membership.applyForMembership(kit.db, { personId: String(await kit.person()), organisationId: String(k.organisationId), on: '2021-03-01' }, '2021-03-01', ACTOR);
    await kit.refused('people', () => revoke(String(applied.id), passed.id), 'ILLEGAL_TRANSITION');
  });

  it('R24.withdraw: the member applies to withdraw and the association confirms; the membership ends that day', async () => {
    const person = await kit.person();
    const org = await kit.association();
    const membershipId = String(await kit.member(person, org));
    expect(await membership.applyToWithdraw(kit.db, { membershipId, on: '2025-05-20' }, ACTOR)).toMatchObject({ status: 'ACTIVE', withdrawalAppliedOn: '2025-05-20' });
    expect(await membership.confirmWithdrawal(kit.db, { membershipId, on: '2025-06-01' }, ACTOR)).toMatchObject({
      status: 'WITHDRAWN',
      validTo: '2025-06-01',
      withdrawalAppliedOn: '2025-05-20',
      withdrawalConfirmedOn: '2025-06-01',
    });
    // Withdrawn, the membership is no longer open: the person may join again.
    expect(await kit.member(person, org, '2025-07-01')).not.toBe(Number(membershipId));
  });

  it('R24.withdraw: refuses a confirmation without the member’s own application; nothing changes', async () => {
    const membershipId = String(await kit.member(await kit.person(), await kit.association()));
    await kit.refused('people', () => membership.confirmWithdrawal(kit.db, { membershipId, on: '2025-06-01' }, ACTOR), 'RULE_VIOLATION', 'R24.withdraw');
  });

  it('R24.withdraw: refuses a second application, and a confirmation dated before the application', async () => {
    const membershipId = String(await kit.member(await kit.person(), await kit.association()));
    await membership.applyToWithdraw(kit.db, { membershipId, on: '2025-05-20' }, ACTOR);
    await kit.refused('people', () => membership.applyToWithdraw(kit.db, { membershipId, on: '2025-05-21' }, ACTOR), 'ILLEGAL_TRANSITION');
    await kit.refused('people', () => membership.confirmWithdrawal(kit.db, { membershipId, on: '2025-05-19' }, ACTOR), 'INVALID_ARGUMENT');
  });
});

describe('Congresses (Art. 26)', () => {
  it("R26.assembly: a general assembly with 99 S&T workers on the enterprise's record, a representative congress with any number", async () => {
    const org = await kit.association({ scienceWorkerCount: 99 });
    expect(await congress(org, 'GENERAL_ASSEMBLY', '2025-05-01')).toMatchObject({ kind: 'GENERAL_ASSEMBLY', scienceWorkerCount: 99 });
    expect(await congress(org, 'REPRESENTATIVE_CONGRESS', '2025-06-01')).toMatchObject({ kind: 'REPRESENTATIVE_CONGRESS' });
    const large = await kit.association({ scienceWorkerCount: 500 });
    expect(await congress(large, 'REPRESENTATIVE_CONGRESS', '2025-07-01')).toMatchObject({ kind: 'REPRESENTATIVE_CONGRESS', scienceWorkerCount: 500 });
  });

  it("R26.assembly: refuses a general assembly where the enterprise's record holds 100 S&T workers or more, whatever is typed in; nothing changes", async () => {
    const org = await kit.association({ scienceWorkerCount: 500 });
    expect(await kit.refused('people', () => congress(org, 'GENERAL_ASSEMBLY', '2025-05-01'), 'RULE_VIOLATION', 'R26.assembly')).toMatchObject({ received: 500 });
    // 50 typed in where the record says 500 is refused, not believed.
    expect(await kit.refused('people', () => congress(org, 'GENERAL_ASSEMBLY', '2025-05-01', 50), 'RULE_VIOLATION', 'R26.assembly')).toMatchObject({ expected: 500, received: 50 });
  });

  it('R26.assembly: the count on the congress date counts: a smaller count recorded later does not reach back', async () => {
    const enterprise = await kit.enterprise({ scienceWorkerCount: 500 });
    const org = await kit.association({ enterpriseIds: [enterprise] });
    await applications.recordScienceWorkerCount(kit.db, { enterpriseId: String(enterprise), count: 80, on: '2025-06-01', documentNo: null });
    await kit.refused('people', () => congress(org, 'GENERAL_ASSEMBLY', '2025-05-01'), 'RULE_VIOLATION', 'R26.assembly');
    expect(await congress(org, 'GENERAL_ASSEMBLY', '2025-06-15')).toMatchObject({ scienceWorkerCount: 80 });
  });

  it('R26.report: results reported within one month are on time, the day after the due day they are late (month ends clamp)', async () => {
    const org = await kit.association();
    const c = await congress(org, 'REPRESENTATIVE_CONGRESS', '2024-01-31');
    expect(c.reportDueOn).toBe('2024-02-29');
    const late = async (asOf: string) => ({
      organisations: (await reports.lateReportsOf(kit.db, [org], asOf)).map((r) => r.organisationId),
      congresses: (await reports.lateCongressReports(kit.db, asOf, ALL)).map((r) => r.id),
    });
    expect(await late('2024-02-29')).toEqual({ organisations: [], congresses: expect.not.arrayContaining([c.id]) });
    expect(await late('2024-03-01')).toEqual({ organisations: [org], congresses: expect.arrayContaining([c.id]) });
    expect(await leadership.reportCongress(kit.db, { congressId: String(c.id), reportedOn: '2024-02-29' }, ACTOR)).toMatchObject({ reportedOn: '2024-02-29' });
    expect(await confirm(c.id, kit.districtId('500106'), '2024-02-29')).toMatchObject({ receiptConfirmedOn: '2024-02-29', receiptConfirmedById: kit.districtId('500106') });
    expect(await late('2024-03-01')).toEqual({ organisations: [], congresses: expect.not.arrayContaining([c.id]) });
  });

  it('R26.report: a report after the due day stays late once recorded', async () => {
    const org = await kit.association();
    const c = await congress(org, 'REPRESENTATIVE_CONGRESS', '2024-05-31');
    expect(c.reportDueOn).toBe('2024-06-30');
    await leadership.reportCongress(kit.db, { congressId: String(c.id), reportedOn: '2024-07-01' }, ACTOR);
    await confirm(c.id, kit.districtId('500106'), '2024-07-01');
    expect(await reports.lateReportsOf(kit.db, [org], '2024-12-31')).toEqual([{ organisationId: org }]);
    // A congress held after `asOf` is not yet due at all.
    expect(await reports.lateReportsOf(kit.db, [org], '2024-05-30')).toEqual([]);
  });

  it('R26.report: refuses a second report, and a report dated before the congress; nothing changes', async () => {
    const c = await congress(await kit.association(), 'REPRESENTATIVE_CONGRESS', '2024-01-31');
    await kit.refused('people', () => leadership.reportCongress(kit.db, { congressId: String(c.id), reportedOn: '2024-01-30' }, ACTOR), 'INVALID_ARGUMENT');
    await leadership.reportCongress(kit.db, { congressId: String(c.id), reportedOn: '2024-02-10' }, ACTOR);
    await kit.refused('people', () => leadership.reportCongress(kit.db, { congressId: String(c.id), reportedOn: '2024-02-11' }, ACTOR), 'ILLEGAL_TRANSITION');
  });

  it('R26.cadence: an association whose last congress was more than five years ago is overdue; a newer congress clears it', async () => {
    const org = await kit.association();
    const c = await congress(org, 'REPRESENTATIVE_CONGRESS', '2020-02-29');
    expect(c.nextDueOn).toBe('2025-02-28');
    const overdue = async (asOf: string) => ({
      organisations: (await reports.overdueOf(kit.db, [org], asOf)).map((r) => r.organisationId),
      congresses: (await reports.overdueCongresses(kit.db, asOf, ALL)).map((r) => r.id),
    });
    expect(await overdue('2025-02-28')).toEqual({ organisations: [], congresses: expect.not.arrayContaining([c.id]) });
    expect(await overdue('2025-03-01')).toEqual({ organisations: [org], congresses: expect.arrayContaining([c.id]) });
    const next = await congress(org, 'REPRESENTATIVE_CONGRESS', '2025-04-01');
    expect(await overdue('2025-03-01')).toEqual({ organisations: [org], congresses: expect.arrayContaining([c.id]) });
    expect(await overdue('2025-04-01')).toEqual({ organisations: [], congresses: expect.not.arrayContaining([c.id, next.id]) });
    expect(await reports.countOverdueCongresses(kit.db, '2025-03-01')).toBeGreaterThanOrEqual(1);
  });

  it('R26.cadence: refuses a congress whose term is not three to five years; nothing changes', async () => {
    const org = await kit.association();
    await kit.refused('people', () => congress(org, 'REPRESENTATIVE_CONGRESS', '2025-05-01', null, 2), 'INVALID_ARGUMENT');
    await kit.refused('people', () => congress(org, 'REPRESENTATIVE_CONGRESS', '2025-05-01', null, 6), 'INVALID_ARGUMENT');
    expect(await congress(org, 'REPRESENTATIVE_CONGRESS', '2025-05-01', null, 3)).toMatchObject({ termYears: 3, nextDueOn: '2030-05-01' });
  });
});

describe('Committee meetings (Art. 31)', () => {
  it('R31.quorum: exactly two thirds of the members is a quorum, fewer is not, and what a meeting without one votes has no effect', async () => {
    const k = await committeeWith(6);
    const quorate = await meet(k.id, k.members.slice(0, 4));
    expect(quorate).toMatchObject({ memberCount: 6, attendeeCount: 4 });
    expect(isQuorate(quorate.attendeeCount, quorate.memberCount)).toBe(true);
    const short = await meet(k.id, k.members.slice(0, 3));
    expect(short).toMatchObject({ memberCount: 6, attendeeCount: 3 });
    expect(isQuorate(short.attendeeCount, short.memberCount)).toBe(false);
    const r = await vote(short.id, 3, 0, 0);
    expect(resolutionOutcome(short, r.votesFor)).toBe('NO_QUORUM');
  });

  it('R31.quorum: members are those holding a post in the committee on the day; an attendee named twice counts once', async () => {
    const k = await committeeWith(4);
    await leadership.endPost(kit.db, { postId: String(k.postIds[3]), on: '2021-05-01' }, ACTOR);
    const meeting = await meet(k.id, [k.members[0]!, k.members[0]!, k.members[1]!]);
    expect(meeting).toMatchObject({ memberCount: 3, attendeeCount: 2 });
    expect(isQuorate(meeting.attendeeCount, meeting.memberCount)).toBe(true);
    // The member whose post ended before the meeting may no longer attend.
    await kit.refused('people', () => meet(k.id, [k.members[0]!, k.members[3]!]), 'INVALID_ARGUMENT');
  });

  it('R31.quorum: refuses a meeting with more attendees than members, or attendees who are not members; nothing changes', async () => {
    const k = await committeeWith(2);
    const outsider = String(await kit.person());
    expect(await kit.refused('people', () => meet(k.id, [...k.members, outsider]), 'RULE_VIOLATION', 'R31.quorum')).toMatchObject({ members: 2, received: 3 });
    await kit.refused('people', () => meet(k.id, [k.members[0]!, outsider]), 'INVALID_ARGUMENT');
  });

  it('R31.majority: exactly half of those attending passes a resolution, fewer fails', async () => {
    const k = await committeeWith(4);
    const meeting = await meet(k.id, k.members);
    const half = await vote(meeting.id, 2, 2, 0);
    expect(resolutionOutcome(meeting, half.votesFor)).toBe('PASSED');
    const fewer = await vote(meeting.id, 1, 2, 1);
    expect(resolutionOutcome(meeting, fewer.votesFor)).toBe('FAILED');
    // Votes not cast count against: 2 of 4 attending is half even with nobody voting against.
    const quiet = await vote(meeting.id, 2, 0, 0);
    expect(resolutionOutcome(meeting, quiet.votesFor)).toBe('PASSED');
  });

  it('R31.majority: refuses more votes than attendees, and negative votes; nothing changes', async () => {
    const k = await committeeWith(4);
    const meeting = await meet(k.id, k.members);
    expect(await kit.refused('people', () => vote(meeting.id, 3, 2, 0), 'RULE_VIOLATION', 'R31.majority')).toMatchObject({ attendees: 4, received: 5 });
    await kit.refused('people', () => vote(meeting.id, 3, -1, 0), 'INVALID_ARGUMENT');
  });
});

describe('Posts (Art. 32)', () => {
  it('R32.chair: one chair at a time; the next may start the day the last one ends, and other associations and posts are unaffected', async () => {
    const org = (await electionOf()).organisationId;
    const first = await appoint(org, await kit.person(), 'CHAIR', '2024-01-01');
    // A chair ending the day the first one starts does not overlap (valid-to is exclusive).
    expect(await appoint(org, await kit.person(), 'CHAIR', '2023-01-01', '2024-01-01')).toMatchObject({ role: 'CHAIR', validTo: '2024-01-01' });
    expect(await appoint(org, await kit.person(), 'VICE_CHAIR', '2024-01-01')).toMatchObject({ role: 'VICE_CHAIR' });
    expect(await appoint((await electionOf()).organisationId, await kit.person(), 'CHAIR', '2024-01-01')).toMatchObject({ role: 'CHAIR' });
    expect(await leadership.endPost(kit.db, { postId: String(first.id), on: '2025-07-01' }, ACTOR)).toMatchObject({ validTo: '2025-07-01' });
    expect(await appoint(org, await kit.person(), 'CHAIR', '2025-07-01')).toMatchObject({ role: 'CHAIR', validFrom: '2025-07-01', validTo: null });
  });

  it('R32.chair: refuses a second chair for any part of the first one’s time; nothing changes', async () => {
    const org = (await electionOf()).organisationId;
    const first = await appoint(org, await kit.person(), 'CHAIR', '2024-01-01');
    const other = await kit.person();
    expect(await kit.refused('people', () => appoint(org, other, 'CHAIR', '2025-01-01'), 'RULE_VIOLATION', 'R32.chair')).toMatchObject({ postId: String(first.id) });
    await kit.refused('people', () => appoint(org, other, 'CHAIR', '2023-01-01', '2024-06-01'), 'RULE_VIOLATION', 'R32.chair');
  });

  it('R32.chair: of two concurrent appointments of a chair, exactly one succeeds', async () => {
    const org = (await electionOf()).organisationId;
    const [a, b] = [await kit.person(), await kit.person()];
    const results = await Promise.allSettled([a, b].map((p) => appoint(org, p, 'CHAIR', '2025-01-01')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected?.reason as { extensions?: unknown } | undefined)?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R32.chair' });
  });
});

/** An approving district association revokes or deregisters an association (organisations' own commands). */
const DISTRICT = '500106';
const revokeAssociation = (organisationId: number, on: string) =>
  sanctions.revokeAssociation(kit.db, { organisationId: String(organisationId), by: String(kit.districtId(DISTRICT)), on, reason: '严重违反章程' }, ACTOR, '2026-01-01');

describe('Issue 12: committee members and the convener (Art. 31)', () => {
  it('R31.quorum: only members count: with two members and two staff, both members are a quorum; staff are neither members nor attendees', async () => {
    const k = await committeeWith(2);
    for (const role of ['SECRETARIAT_STAFF', 'LIAISON_OFFICER'] as const) await appoint(k.organisationId, await kit.person(), role, TERM_START, null, Number(k.id));
    const both = await meet(k.id, k.members);
    expect(both).toMatchObject({ memberCount: 2, attendeeCount: 2 });
    expect(isQuorate(both.attendeeCount, both.memberCount)).toBe(true);
    const posts = await reports.postsOfCommittees(kit.db, [Number(k.id)], MEETING_DAY);
    const staffIds = posts.filter((p) => p.role !== 'COMMITTEE_MEMBER').map((p) => String(p.personId));
    expect(staffIds).toHaveLength(2);
    await kit.refused('people', () => meet(k.id, [k.members[0]!, staffIds[0]!]), 'INVALID_ARGUMENT');
    await kit.refused('people', () => meet(k.id, [k.members[0]!, ...staffIds]), 'RULE_VIOLATION', 'R31.quorum');
    const one = await meet(k.id, [k.members[0]!]);
    expect(isQuorate(one.attendeeCount, one.memberCount)).toBe(false);
  });

  it('R31.quorum: a committee meeting is convened by the association’s chair when one holds office; nothing changes otherwise', async () => {
    const e = await electionOf();
    const chair = await kit.person();
    await appoint(e.organisationId, chair, 'CHAIR', '2021-03-01', null, Number(e.id));
    const attendees = [...e.members, String(chair)];
    expect(await kit.refused('people', () => meet(e.id, attendees, MEETING_DAY, e.members[0]!), 'RULE_VIOLATION', 'R31.quorum')).toMatchObject({ expected: String(chair), received: e.members[0] });
    await kit.refused('people', () => meet(e.id, attendees, MEETING_DAY, null), 'RULE_VIOLATION', 'R31.quorum');
    expect(await meet(e.id, attendees, MEETING_DAY, String(chair))).toMatchObject({ memberCount: 4, attendeeCount: 4, convenedByPersonId: chair });
  });
});

describe('Issue 12: revocation names the membership (Art. 23)', () => {
  it('R23.revoke: refuses a passed resolution of the committee that does not name the membership; nothing changes', async () => {
    const k = await memberAndCommittee();
    const other = String(await kit.member(await kit.person(), k.organisationId));
    const meeting = await meet(k.id, k.members);
    const aboutSomeoneElse = await vote(meeting.id, 3, 0, 0, [other]);
    const aboutNobody = await vote(meeting.id, 3, 0, 0);
    expect(await kit.refused('people', () => revoke(k.membershipId, aboutSomeoneElse.id), 'RULE_VIOLATION', 'R23.revoke')).toMatchObject({ membershipId: k.membershipId });
    await kit.refused('people', () => revoke(k.membershipId, aboutNobody.id), 'RULE_VIOLATION', 'R23.revoke');
    expect(await revoke(other, aboutSomeoneElse.id)).toMatchObject({ status: 'REVOKED' });
  });

  it('R23.revoke: refuses a passed resolution of a working committee of the same association; nothing changes', async () => {
    const k = await memberAndCommittee();
    const working = await leadership.createCommittee(kit.db, { organisationId: String(k.organisationId), kind: 'WORKING_COMMITTEE', name: '会员工作委员会', termStart: TERM_START, termEnd: null, congressId: null }, ACTOR);
    const person = await kit.person();
    await appoint(k.organisationId, person, 'COMMITTEE_MEMBER', TERM_START, null, working.id);
    const meeting = await meet(String(working.id), [String(person)]);
    const passed = await vote(meeting.id, 1, 0, 0, [k.membershipId]);
    expect(await kit.refused('people', () => revoke(k.membershipId, passed.id), 'RULE_VIOLATION', 'R23.revoke')).toMatchObject({ received: { kind: 'WORKING_COMMITTEE' } });
  });

  it('R23.revoke: a resolution names only memberships of its own association; nothing changes', async () => {
    const k = await memberAndCommittee();
    const elsewhere = String(await kit.member(await kit.person(), await kit.association()));
    const meeting = await meet(k.id, k.members);
    await kit.refused('people', () => vote(meeting.id, 3, 0, 0, [elsewhere]), 'INVALID_ARGUMENT');
  });
});

describe('Issue 12: congress cadence and reports (Art. 26)', () => {
  const overdue = async (org: number, asOf: string) => ({
    flagged: (await reports.overdueOf(kit.db, [org], asOf)).map((r) => r.organisationId),
    listed: (await reports.overdueAssociations(kit.db, asOf, null, ALL)).filter((r) => r.organisationId === org),
  });

  it('R26.cadence: an association that never held a congress is overdue five years after its founding', async () => {
    const org = await kit.association({ on: '2015-03-02' });
    expect(await overdue(org, '2020-03-02')).toEqual({ flagged: [], listed: [] });
    expect(await overdue(org, '2020-03-03')).toEqual({ flagged: [org], listed: [{ organisationId: org, lastCongressId: null, establishedOn: '2015-03-02', dueOn: '2020-03-02' }] });
    expect(await reports.countOverdueAssociations(kit.db, '2020-03-03', null)).toBeGreaterThanOrEqual(1);
    const c = await congress(org, 'REPRESENTATIVE_CONGRESS', '2021-01-10');
    expect(await overdue(org, '2021-01-10')).toEqual({ flagged: [], listed: [] });
    expect((await overdue(org, '2026-01-11')).listed).toEqual([{ organisationId: org, lastCongressId: c.id, establishedOn: '2015-03-02', dueOn: '2026-01-10' }]);
  });

  // Deregistration ends an association's ACTIVE status the same way in the read model (activeOn); it is not built
  // here because its command's preconditions belong to the organisations subgraph and are changing.
  it('R26.cadence: a revoked association is no longer reported as overdue, from the day of its revocation', async () => {
    const revoked = await kit.association({ on: '2015-03-02' });
    const never = await kit.association({ on: '2015-03-02' });
    await congress(revoked, 'REPRESENTATIVE_CONGRESS', '2016-01-10');
    await revokeAssociation(revoked, '2022-05-01');
    await revokeAssociation(never, '2022-05-01');
    expect(await overdue(revoked, '2021-06-01')).toMatchObject({ flagged: [revoked] });
    expect(await overdue(never, '2021-06-01')).toMatchObject({ flagged: [never] });
    for (const org of [revoked, never]) expect(await overdue(org, '2022-05-01')).toEqual({ flagged: [], listed: [] });
    expect((await reports.overdueCongresses(kit.db, '2022-04-30', ALL)).map((c) => c.organisationId)).toContain(revoked);
    expect((await reports.overdueCongresses(kit.db, '2022-05-01', ALL)).map((c) => c.organisationId)).not.toContain(revoked);
  });

  it('R26.cadence: a congress less than three years after the previous one is flagged as held early', async () => {
    const org = await kit.association();
    const first = await congress(org, 'REPRESENTATIVE_CONGRESS', '2020-03-01');
    const early = await congress(org, 'REPRESENTATIVE_CONGRESS', '2023-02-28');
    const regular = await congress(org, 'REPRESENTATIVE_CONGRESS', '2026-02-28');
    expect([first, early, regular].map((c) => [c.previousHeldOn, c.heldEarly])).toEqual([
      [null, false],
      ['2020-03-01', true],
      ['2023-02-28', false],
    ]);
  });

  it('R26.report: the approving association’s confirmed receipt decides; a report the association backdates stays late', async () => {
    const org = await kit.association();
    const c = await congress(org, 'REPRESENTATIVE_CONGRESS', '2024-01-31');
    await leadership.reportCongress(kit.db, { congressId: String(c.id), reportedOn: '2024-02-10' }, ACTOR);
    expect(await reports.lateReportsOf(kit.db, [org], '2024-03-01')).toEqual([{ organisationId: org }]);
    await confirm(c.id, kit.districtId(DISTRICT), '2024-03-05');
    expect(await reports.lateReportsOf(kit.db, [org], '2024-12-31')).toEqual([{ organisationId: org }]);
    expect((await reports.lateCongressReports(kit.db, '2024-12-31', ALL)).map((r) => r.id)).toContain(c.id);
  });

  it('R26.report: only the approving association confirms, once, on a day not before the congress nor after today; nothing changes', async () => {
    const org = await kit.association();
    const c = await congress(org, 'REPRESENTATIVE_CONGRESS', '2024-01-31');
    expect(await kit.refused('people', () => confirm(c.id, kit.municipalId, '2024-02-10'), 'RULE_VIOLATION', 'R26.report')).toMatchObject({
      expected: String(kit.districtId(DISTRICT)),
      received: String(kit.municipalId),
    });
    await kit.refused('people', () => confirm(c.id, kit.districtId(DISTRICT), '2024-01-30'), 'INVALID_ARGUMENT');
    await kit.refused('people', () => confirm(c.id, kit.districtId(DISTRICT), '2024-02-10', '2024-02-09'), 'INVALID_ARGUMENT');
    await confirm(c.id, kit.districtId(DISTRICT), '2024-02-10');
    await kit.refused('people', () => confirm(c.id, kit.districtId(DISTRICT), '2024-02-11'), 'ILLEGAL_TRANSITION');
  });
});

describe('Issue 12: officers (Art. 30, 32)', () => {
  it('R32.chair: a committee whose association has no chair is listed as a vacancy until a chair takes office', async () => {
    const e = await electionOf();
    const vacant = async (asOf: string) => (await reports.committeesWithoutChair(kit.db, asOf, ALL)).map((k) => k.id);
    expect(await vacant('2021-06-01')).toContain(Number(e.id));
    expect(await reports.countCommitteesWithoutChair(kit.db, '2021-06-01')).toBeGreaterThanOrEqual(1);
    await appoint(e.organisationId, await kit.person(), 'CHAIR', '2021-06-01');
    expect(await vacant('2021-05-31')).toContain(Number(e.id));
    expect(await vacant('2021-06-01')).not.toContain(Number(e.id));
  });

  it('R32.chair: refuses a chair or vice-chair not nominated by the Party organisation or the decision-making level; nothing changes', async () => {
    const e = await electionOf();
    expect(await kit.refused('people', () => appoint(e.organisationId, Number(e.members[0]), 'CHAIR', '2021-03-01', null, null, { nominatedBy: 'CHAIR' }), 'RULE_VIOLATION', 'R32.chair')).toMatchObject({ received: 'CHAIR' });
    await kit.refused('people', () => appoint(e.organisationId, Number(e.members[1]), 'VICE_CHAIR', '2021-03-01', null, null, { nominatedBy: null }), 'RULE_VIOLATION', 'R32.chair');
    expect(await appoint(e.organisationId, Number(e.members[1]), 'VICE_CHAIR', '2021-03-01', null, null, { nominatedBy: 'DECISION_MAKING_LEVEL' })).toMatchObject({ nominatedBy: 'DECISION_MAKING_LEVEL', electedByResolutionId: e.resolutionId });
  });

  it('R30.officers: the chair is elected and the secretary-general approved by a passed resolution of the committee, before taking office; nothing changes otherwise', async () => {
    const e = await electionOf();
    const p = Number(e.members[0]);
    await kit.refused('people', () => appoint(e.organisationId, p, 'CHAIR', '2021-03-01', null, null, { electedByResolutionId: null }), 'RULE_VIOLATION', 'R30.officers');
    const failedMeeting = await meet(e.id, e.members, '2021-02-15');
    const failed = await vote(failedMeeting.id, 1, 2, 0);
    expect(await kit.refused('people', () => appoint(e.organisationId, p, 'CHAIR', '2021-03-01', null, null, { electedByResolutionId: failed.id }), 'RULE_VIOLATION', 'R30.officers')).toMatchObject({ outcome: 'FAILED' });
    const elsewhere = await electionOf();
    await kit.refused('people', () => appoint(e.organisationId, p, 'CHAIR', '2021-03-01', null, null, { electedByResolutionId: elsewhere.resolutionId }), 'RULE_VIOLATION', 'R30.officers');
    await kit.refused('people', () => appoint(e.organisationId, p, 'CHAIR', '2021-01-31'), 'RULE_VIOLATION', 'R30.officers');
    await kit.refused('people', () => appoint(e.organisationId, p, 'SECRETARY_GENERAL', '2021-03-01', null, null, { nominatedBy: 'PARTY_ORGANISATION' }), 'RULE_VIOLATION', 'R30.officers');
    expect(await appoint(e.organisationId, p, 'CHAIR', '2021-03-01')).toMatchObject({ role: 'CHAIR', electedByResolutionId: e.resolutionId });
    expect(await appoint(e.organisationId, await kit.person(), 'SECRETARY_GENERAL', '2021-03-01')).toMatchObject({ nominatedBy: 'CHAIR', electedByResolutionId: e.resolutionId });
  });

  it('R31.regular: committees with no meeting in the given number of months are reported; a meeting clears it', async () => {
    const k = await committeeWith(3);
    const idle = async (asOf: string, months: number) => (await reports.idleCommittees(kit.db, asOf, months, ALL)).map((c) => c.id);
    // In term since 2021-01-01: six months end on 2021-07-01 (the first day is not counted), so not before 2 July.
    expect(await idle('2021-07-01', 6)).not.toContain(Number(k.id));
    expect(await idle('2021-07-02', 6)).toContain(Number(k.id));
    expect(await reports.countIdleCommittees(kit.db, '2021-07-02', 6)).toBeGreaterThanOrEqual(1);
    await meet(k.id, k.members, '2021-07-01');
    expect(await idle('2021-07-02', 6)).not.toContain(Number(k.id));
    expect(await idle('2022-01-01', 6)).not.toContain(Number(k.id));
    expect(await idle('2022-01-02', 6)).toContain(Number(k.id));
  });
});

describe('Issue 12: active associations of kinds with members (Art. 20)', () => {
  it('R20.active: refuses memberships, congresses, committees and meetings of the municipal association, a workstation, or a revoked association; nothing changes', async () => {
    const person = String(await kit.person());
    const apply = (organisationId: number, on: string) => membership.applyForMembership(kit.db, { personId: person, organisationId: String(organisationId), on }, on, ACTOR);
    expect(await kit.refused('people', () => apply(kit.municipalId, '2021-03-01'), 'RULE_VIOLATION', 'R20.active')).toMatchObject({ kind: 'MUNICIPAL_ASSOCIATION' });
    const workstation = await kit.association({ kind: 'WORKSTATION' });
    await kit.refused('people', () => apply(workstation, '2021-03-01'), 'RULE_VIOLATION', 'R20.active');
    const k = await committeeWith(3);
    const org = k.organisationId;
    // Before it was founded, it was not active either.
    await kit.refused('people', () => apply(org, '2019-12-31'), 'RULE_VIOLATION', 'R20.active');
    const applied = await apply(org, '2022-03-01');
    await revokeAssociation(org, '2022-05-01');
    expect(await kit.refused('people', () => apply(org, '2022-05-01'), 'RULE_VIOLATION', 'R20.active')).toMatchObject({ status: 'REVOKED' });
    await kit.refused('people', () => membership.admitMember(kit.db, { membershipId: String(applied.id), on: '2022-05-02' }, ACTOR), 'RULE_VIOLATION', 'R20.active');
    await kit.refused('people', () => congress(org, 'REPRESENTATIVE_CONGRESS', '2022-06-01'), 'RULE_VIOLATION', 'R20.active');
    await kit.refused('people', () => meet(k.id, k.members, '2022-06-01'), 'RULE_VIOLATION', 'R20.active');
    await kit.refused(
      'people',
      () => leadership.createCommittee(kit.db, { organisationId: String(org), kind: 'COMMITTEE', name: '第二届委员会', termStart: '2022-06-01', termEnd: null, congressId: null }, ACTOR),
      'RULE_VIOLATION',
      'R20.active',
    );
    // What happened while it was active stands.
    expect(await meet(k.id, k.members, '2022-04-30')).toMatchObject({ memberCount: 3 });
  });
});

describe('Issue 12: dates', () => {
  it('an event without an explicit date takes today in China, not the database server’s current_date', async () => {
    // 2025-06-01T17:00Z is 01:00 on 2 June in Chongqing; the database's current_date is the real (UTC) day.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-06-01T17:00:00Z'));
    try {
      expect(todayInChina()).toBe('2025-06-02');
      const person = await kit.person();
      const [row] = await queryRows<{ effectiveOn: string }>(
        kit.db,
        sql`select effective_on::text as "effectiveOn" from people.events where subject_type = 'Person' and subject_id = ${person} and kind = 'REGISTERED'`,
      );
      expect(row?.effectiveOn).toBe('2025-06-02');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Issue 13: dues arrears (Art. 22)', () => {
  const arrears = async (org: number, asOf: string, months = 12) => {
    const rows = await people.arrearsOfOrganisations(kit.db, [org], { asOf, months }, ALL);
    const [count] = await people.countArrearsOfOrganisations(kit.db, [org], { asOf, months });
    expect(count?.n ?? 0).toBe(rows.length);
    return rows.map((r) => ({ membershipId: r.membership.id, lastPaidOn: r.lastPaidOn, countedFrom: r.countedFrom, dueBy: r.dueBy }));
  };
  const pay = (membershipId: number, paidOn: string, year = Number(paidOn.slice(0, 4))) =>
    membership.recordDuesPayment(kit.db, { membershipId: String(membershipId), year, amount: '120.00', paidOn }, ACTOR);

  it('R22.arrears: a member who paid no dues for twelve months is reported from the day after the period ends; a payment clears it', async () => {
    const org = await kit.association();
    const m = await kit.member(await kit.person(), org, '2021-03-01');
    expect(await arrears(org, '2022-03-01')).toEqual([]);
    expect(await arrears(org, '2022-03-02')).toEqual([{ membershipId: m, lastPaidOn: null, countedFrom: '2021-03-01', dueBy: '2022-03-01' }]);
    await pay(m, '2022-02-15');
    expect(await arrears(org, '2022-03-02')).toEqual([]);
    expect(await arrears(org, '2023-02-15')).toEqual([]);
    expect(await arrears(org, '2023-02-16')).toEqual([{ membershipId: m, lastPaidOn: '2022-02-15', countedFrom: '2022-02-15', dueBy: '2023-02-15' }]);
    // A payment after the day asked about does not count on that day; the period is configurable.
    expect(await arrears(org, '2022-02-01', 6)).toEqual([{ membershipId: m, lastPaidOn: null, countedFrom: '2021-03-01', dueBy: '2021-09-01' }]);
  });

  it('R22.arrears: only memberships in force count; a period from a month end ends on the last day of the shorter month', async () => {
    const org = await kit.association();
    const late = await kit.member(await kit.person(), org, '2021-08-31');
    const gone = await kit.member(await kit.person(), org, '2021-03-01');
    await membership.applyToWithdraw(kit.db, { membershipId: String(gone), on: '2021-12-01' }, ACTOR);
    await membership.confirmWithdrawal(kit.db, { membershipId: String(gone), on: '2022-01-10' }, ACTOR);
    expect(await arrears(org, '2022-02-28', 6)).toEqual([]);
    expect(await arrears(org, '2022-03-01', 6)).toEqual([{ membershipId: late, lastPaidOn: null, countedFrom: '2021-08-31', dueBy: '2022-02-28' }]);
    // Before the withdrawal the other member was in arrears too; a member of another association never is here.
    expect((await arrears(org, '2022-01-09', 6)).map((r) => r.membershipId)).toEqual([gone]);
    await kit.member(await kit.person(), await kit.association(), '2021-03-01');
    expect((await arrears(org, '2022-03-01', 6)).map((r) => r.membershipId)).toEqual([late]);
  });
});

describe('Issue 13: the congress elects the committee and approves its reports (Art. 28)', () => {
  const create = (organisationId: number, congressId: number | null, termStart: string, termEnd: string | null = null, kind: 'COMMITTEE' | 'STANDING_COMMITTEE' = 'COMMITTEE') =>
    leadership.createCommittee(kit.db, { organisationId: String(organisationId), kind, name: '第二届委员会', termStart, termEnd, congressId: congressId === null ? null : String(congressId) }, ACTOR);
  const approve = (congressId: number, reports: ('WORK_REPORT' | 'FINANCIAL_REPORT')[]) => leadership.approveCongressReports(kit.db, { congressId: String(congressId), reports }, ACTOR);

  it('R28.reports: a committee (kind COMMITTEE) is elected by a congress of its association and serves its term', async () => {
    const org = await kit.association();
    const c = await congress(org, 'REPRESENTATIVE_CONGRESS', '2024-02-29', null, 3);
    expect(c.termEndsOn).toBe('2027-02-28');
    expect(await create(org, c.id, '2024-02-29')).toMatchObject({ congressId: c.id, termStart: '2024-02-29', termEnd: '2027-02-28' });
    // Bodies beside the committee need no congress.
    expect(await create(org, null, '2024-03-01', null, 'STANDING_COMMITTEE')).toMatchObject({ congressId: null, kind: 'STANDING_COMMITTEE' });
  });

  it('R28.reports: refuses a committee without its congress, with another association’s, a second one, or another term; nothing changes', async () => {
    const org = await kit.association();
    const c = await congress(org, 'REPRESENTATIVE_CONGRESS', '2024-05-10', null, 5);
    expect(await kit.refused('people', () => create(org, null, '2024-05-10'), 'RULE_VIOLATION', 'R28.reports')).toMatchObject({ argument: 'congressId' });
    const elsewhere = await congress(await kit.association(), 'REPRESENTATIVE_CONGRESS', '2024-05-10');
    expect(await kit.refused('people', () => create(org, elsewhere.id, '2024-05-10'), 'RULE_VIOLATION', 'R28.reports')).toMatchObject({ expected: String(org) });
    expect(await kit.refused('people', () => create(org, c.id, '2024-05-11'), 'RULE_VIOLATION', 'R28.reports')).toMatchObject({ expected: '2024-05-10', received: '2024-05-11' });
    expect(await kit.refused('people', () => create(org, c.id, '2024-05-10', '2028-05-10'), 'RULE_VIOLATION', 'R28.reports')).toMatchObject({ expected: '2029-05-10' });
    const first = await create(org, c.id, '2024-05-10', '2029-05-10');
    expect(await kit.refused('people', () => create(org, c.id, '2024-05-10'), 'RULE_VIOLATION', 'R28.reports')).toMatchObject({ committeeId: String(first.id) });
  });

  it('R28.reports: a congress approves the work and financial reports of the committee whose term it ends, each once', async () => {
    const org = await kit.association();
    const founding = await kit.committee(org, { heldOn: '2020-06-01' });
    const next = await congress(org, 'REPRESENTATIVE_CONGRESS', '2025-06-01');
    expect(await approve(next.id, ['WORK_REPORT'])).toMatchObject({ workReportApproved: true, financialReportApproved: false, reportingCommitteeId: founding.committeeId });
    await kit.refused('people', () => approve(next.id, ['WORK_REPORT', 'FINANCIAL_REPORT']), 'ILLEGAL_TRANSITION');
    await kit.refused('people', () => approve(next.id, []), 'INVALID_ARGUMENT');
    expect(await approve(next.id, ['FINANCIAL_REPORT'])).toMatchObject({ workReportApproved: true, financialReportApproved: true, reportingCommitteeId: founding.committeeId });
  });

  it('R28.reports: refuses approving reports at a congress with no committee before it (the founding congress); nothing changes', async () => {
    const org = await kit.association();
    const founding = await kit.committee(org, { heldOn: '2020-06-01' });
    expect(await kit.refused('people', () => approve(founding.congressId, ['WORK_REPORT', 'FINANCIAL_REPORT']), 'RULE_VIOLATION', 'R28.reports')).toMatchObject({ organisationId: String(org) });
  });
});

describe('Issue 13: the committee reviews the work plan and summary (Art. 30)', () => {
  const review = (resolutionId: number, year: number, kind: 'PLAN' | 'SUMMARY') => leadership.recordWorkPlanReview(kit.db, { resolutionId: String(resolutionId), year, kind }, ACTOR);
  const reviewed = async (org: number, year: number) => (await reports.workPlanReviewsOf(kit.db, [org], year)).map((r) => [r.kind, r.reviewedOn]);

  it('R30.plan: passed resolutions of the committee review the plan and the summary of a year, one of each', async () => {
    const k = await committeeWith(3);
    const plan = await vote((await meet(k.id, k.members, '2021-03-10')).id, 3, 0, 0);
    const summary = await vote((await meet(k.id, k.members, '2021-12-20')).id, 2, 1, 0);
    expect(await review(plan.id, 2021, 'PLAN')).toMatchObject({ organisationId: k.organisationId, year: 2021, kind: 'PLAN', resolutionId: plan.id, reviewedOn: '2021-03-10' });
    expect(await reviewed(k.organisationId, 2021)).toEqual([['PLAN', '2021-03-10']]);
    await review(summary.id, 2021, 'SUMMARY');
    // The plan of the next year may be reviewed before it starts.
    await review(summary.id, 2022, 'PLAN');
    expect(await reviewed(k.organisationId, 2021)).toEqual([
      ['PLAN', '2021-03-10'],
      ['SUMMARY', '2021-12-20'],
    ]);
    expect(await kit.refused('people', () => review(summary.id, 2021, 'PLAN'), 'DUPLICATE')).toMatchObject({ workPlanReviewId: expect.any(String) });
  });

  it('R30.plan: refuses a resolution that failed or had no quorum, or one of another body than the committee; nothing changes', async () => {
    const k = await committeeWith(3);
    const failed = await vote((await meet(k.id, k.members)).id, 1, 2, 0);
    expect(await kit.refused('people', () => review(failed.id, 2021, 'PLAN'), 'RULE_VIOLATION', 'R30.plan')).toMatchObject({ outcome: 'FAILED' });
    const thin = await vote((await meet(k.id, k.members.slice(0, 1))).id, 1, 0, 0);
    expect(await kit.refused('people', () => review(thin.id, 2021, 'PLAN'), 'RULE_VIOLATION', 'R30.plan')).toMatchObject({ outcome: 'NO_QUORUM' });
    const working = await leadership.createCommittee(kit.db, { organisationId: String(k.organisationId), kind: 'WORKING_COMMITTEE', name: '学术工作委员会', termStart: TERM_START, termEnd: null, congressId: null }, ACTOR);
    const person = await kit.person();
    await appoint(k.organisationId, person, 'COMMITTEE_MEMBER', TERM_START, null, working.id);
    const passedElsewhere = await vote((await meet(String(working.id), [String(person)])).id, 1, 0, 0);
    expect(await kit.refused('people', () => review(passedElsewhere.id, 2021, 'PLAN'), 'RULE_VIOLATION', 'R30.plan')).toMatchObject({ received: 'WORKING_COMMITTEE' });
  });

  it('R30.plan: refuses a plan reviewed after its year and a summary reviewed before it; nothing changes', async () => {
    const k = await committeeWith(3);
    const passed = await vote((await meet(k.id, k.members, '2021-06-01')).id, 3, 0, 0);
    await kit.refused('people', () => review(passed.id, 2020, 'PLAN'), 'INVALID_ARGUMENT');
    await kit.refused('people', () => review(passed.id, 2022, 'SUMMARY'), 'INVALID_ARGUMENT');
    await kit.refused('people', () => review(passed.id, 1900, 'SUMMARY'), 'INVALID_ARGUMENT');
  });
});
