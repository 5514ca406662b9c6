// The people subgraph's rules (DOMAIN.md: R23.revoke, R24.withdraw, R26.*, R31.*, R32.chair), tested on its commands
// called directly: no HTTP, no gateway. One fresh kit database for the file; each test builds its own association,
// persons, members and committee through the commands, and every refusal is checked to have changed none of the
// people tables. Where a rule is a report rather than a refusal (R26.report, R26.cadence), the query's data
// function is read directly; a resolution's outcome is the one the API computes (rules.ts, resolutionOutcome).
import * as leadership from '@cq/people/commands/leadership';
import * as membership from '@cq/people/commands/membership';
import * as reports from '@cq/people/data/leadership';
import { isQuorate, resolutionOutcome } from '@cq/people/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

function appoint(organisationId: number, personId: number, role: Role, validFrom: string, validTo: string | null = null, committeeId: number | null = null) {
  return leadership.appointToPost(
    kit.db,
    { organisationId: String(organisationId), committeeId: committeeId === null ? null : String(committeeId), personId: String(personId), role, validFrom, validTo, nominatedBy: null },
    ACTOR,
  );
}

/** A committee of a (new, by default) association whose `size` members hold COMMITTEE_MEMBER posts from TERM_START. */
async function committeeWith(size: number, organisationId?: number) {
  const org = organisationId ?? (await kit.association());
  const committee = await leadership.createCommittee(kit.db, { organisationId: String(org), kind: 'COMMITTEE', name: '测试委员会', termStart: TERM_START, termEnd: '2026-01-01', congressId: null }, ACTOR);
  const members: string[] = [];
  const postIds: number[] = [];
  for (let i = 0; i < size; i++) {
    const person = await kit.person();
    postIds.push((await appoint(org, person, 'COMMITTEE_MEMBER', TERM_START, null, committee.id)).id);
    members.push(String(person));
  }
  return { organisationId: org, id: String(committee.id), members, postIds };
}

const meet = (committeeId: string, attendeeIds: string[], heldOn = MEETING_DAY) => leadership.recordMeeting(kit.db, { committeeId, heldOn, attendeeIds, convenedById: null }, ACTOR);

const vote = (meetingId: number, votesFor: number, votesAgainst: number, votesAbstaining: number) =>
  leadership.recordResolution(kit.db, { meetingId: String(meetingId), title: '决议', votesFor, votesAgainst, votesAbstaining }, ACTOR);

/** An association, an active member of it (admitted 2021-03-01), and a committee of three there. */
async function memberAndCommittee() {
  const k = await committeeWith(3);
  const membershipId = String(await kit.member(await kit.person(), k.organisationId));
  return { ...k, membershipId };
}

const revoke = (membershipId: string, resolutionId: number, on = '2021-07-01') =>
  membership.revokeMembership(kit.db, { membershipId, resolutionId: String(resolutionId), ground: 'SERIOUS_VIOLATION_OF_CHARTER', on }, ACTOR);

const congress = (organisationId: number, kind: 'REPRESENTATIVE_CONGRESS' | 'GENERAL_ASSEMBLY', heldOn: string, scienceWorkerCount = 300, termYears = 5) =>
  leadership.recordCongress(kit.db, { organisationId: String(organisationId), kind, heldOn, termYears, scienceWorkerCount, charterAmended: null }, ACTOR);

describe('Membership (Art. 23-24)', () => {
  it('R23.revoke: a passed resolution of the association’s own committee revokes a membership on a listed ground', async () => {
    const k = await memberAndCommittee();
    const meeting = await meet(k.id, k.members);
    const passed = await vote(meeting.id, 2, 1, 0);
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
    const failed = await vote(full.id, 1, 2, 0);
    expect(await kit.refused('people', () => revoke(k.membershipId, failed.id), 'RULE_VIOLATION', 'R23.revoke')).toMatchObject({ outcome: 'FAILED' });
    const thin = await meet(k.id, k.members.slice(0, 1));
    const unanimous = await vote(thin.id, 1, 0, 0);
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
    const passed = await vote(meeting.id, 3, 0, 0);
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
  it('R26.assembly: a general assembly with 99 S&T workers, a representative congress with any number', async () => {
    const org = await kit.association();
    expect(await congress(org, 'GENERAL_ASSEMBLY', '2025-05-01', 99)).toMatchObject({ kind: 'GENERAL_ASSEMBLY', scienceWorkerCount: 99 });
    expect(await congress(org, 'REPRESENTATIVE_CONGRESS', '2025-06-01', 300)).toMatchObject({ kind: 'REPRESENTATIVE_CONGRESS' });
    expect(await congress(org, 'REPRESENTATIVE_CONGRESS', '2025-07-01', 12)).toMatchObject({ kind: 'REPRESENTATIVE_CONGRESS' });
  });

  it('R26.assembly: refuses a general assembly with 100 S&T workers or more; nothing changes', async () => {
    const org = await kit.association();
    expect(await kit.refused('people', () => congress(org, 'GENERAL_ASSEMBLY', '2025-05-01', 100), 'RULE_VIOLATION', 'R26.assembly')).toMatchObject({ received: 100 });
    await kit.refused('people', () => congress(org, 'GENERAL_ASSEMBLY', '2025-05-01', 5000), 'RULE_VIOLATION', 'R26.assembly');
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
    expect(await late('2024-03-01')).toEqual({ organisations: [], congresses: expect.not.arrayContaining([c.id]) });
  });

  it('R26.report: a report after the due day stays late once recorded', async () => {
    const org = await kit.association();
    const c = await congress(org, 'REPRESENTATIVE_CONGRESS', '2024-05-31');
    expect(c.reportDueOn).toBe('2024-06-30');
    await leadership.reportCongress(kit.db, { congressId: String(c.id), reportedOn: '2024-07-01' }, ACTOR);
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
    await kit.refused('people', () => congress(org, 'REPRESENTATIVE_CONGRESS', '2025-05-01', 300, 2), 'INVALID_ARGUMENT');
    await kit.refused('people', () => congress(org, 'REPRESENTATIVE_CONGRESS', '2025-05-01', 300, 6), 'INVALID_ARGUMENT');
    expect(await congress(org, 'REPRESENTATIVE_CONGRESS', '2025-05-01', 300, 3)).toMatchObject({ termYears: 3, nextDueOn: '2030-05-01' });
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
    const org = await kit.association();
    const first = await appoint(org, await kit.person(), 'CHAIR', '2024-01-01');
    // A chair ending the day the first one starts does not overlap (valid-to is exclusive).
    expect(await appoint(org, await kit.person(), 'CHAIR', '2023-01-01', '2024-01-01')).toMatchObject({ role: 'CHAIR', validTo: '2024-01-01' });
    expect(await appoint(org, await kit.person(), 'VICE_CHAIR', '2024-01-01')).toMatchObject({ role: 'VICE_CHAIR' });
    expect(await appoint(await kit.association(), await kit.person(), 'CHAIR', '2024-01-01')).toMatchObject({ role: 'CHAIR' });
    expect(await leadership.endPost(kit.db, { postId: String(first.id), on: '2025-07-01' }, ACTOR)).toMatchObject({ validTo: '2025-07-01' });
    expect(await appoint(org, await kit.person(), 'CHAIR', '2025-07-01')).toMatchObject({ role: 'CHAIR', validFrom: '2025-07-01', validTo: null });
  });

  it('R32.chair: refuses a second chair for any part of the first one’s time; nothing changes', async () => {
    const org = await kit.association();
    const first = await appoint(org, await kit.person(), 'CHAIR', '2024-01-01');
    const other = await kit.person();
    expect(await kit.refused('people', () => appoint(org, other, 'CHAIR', '2025-01-01'), 'RULE_VIOLATION', 'R32.chair')).toMatchObject({ postId: String(first.id) });
    await kit.refused('people', () => appoint(org, other, 'CHAIR', '2023-01-01', '2024-06-01'), 'RULE_VIOLATION', 'R32.chair');
  });

  it('R32.chair: of two concurrent appointments of a chair, exactly one succeeds', async () => {
    const org = await kit.association();
    const [a, b] = [await kit.person(), await kit.person()];
    const results = await Promise.allSettled([a, b].map((p) => appoint(org, p, 'CHAIR', '2025-01-01')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected?.reason as { extensions?: unknown } | undefined)?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R32.chair' });
  });
});
