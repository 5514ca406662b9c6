// Congresses, committees, posts, meetings and resolutions (Art. 25-35).
import { ErrorCode, found, parseId, ruleViolation, userError } from '@cq/domain';
import type { Db } from '@cq/db';
import * as data from '../data/leadership.ts';
import { insertEvent } from '../data/people.ts';
import type { AppointmentInput, CommitteeInput, CongressInput, EndPostInput, MeetingInput, ReportCongressInput, ResolutionInput } from '../generated/resolvers.ts';
import { GENERAL_ASSEMBLY_LIMIT } from '../rules.ts';
import { existingOrganisation, existingPerson, inTransaction, requireOrder } from './shared.ts';

const event = (tx: Db, actor: string, subjectType: string, subjectId: number, organisationId: number, kind: string, effectiveOn: string, after: Record<string, unknown>, personId?: number) =>
  insertEvent(tx, { subjectType, subjectId, organisationId, personId: personId ?? null, kind, actor, effectiveOn, after });

export async function recordCongress(db: Db, input: CongressInput, actor: string) {
  if (input.termYears < 3 || input.termYears > 5) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Art. 26: a congress meets every three to five years; expected termYears from 3 to 5, received ${input.termYears}.`);
  }
  if (input.scienceWorkerCount < 0) throw userError(ErrorCode.INVALID_ARGUMENT, `Expected scienceWorkerCount of 0 or more, received ${input.scienceWorkerCount}.`);
  if (input.kind === 'GENERAL_ASSEMBLY' && input.scienceWorkerCount >= GENERAL_ASSEMBLY_LIMIT) {
    throw ruleViolation('R26.assembly', `a general assembly of all members instead of a representative congress needs fewer than ${GENERAL_ASSEMBLY_LIMIT} S&T workers, received ${input.scienceWorkerCount}.`, {
      received: input.scienceWorkerCount,
    });
  }
  return inTransaction(db, async (tx) => {
    const organisationId = await existingOrganisation(tx, input.organisationId);
    const congress = await data.insertCongress(tx, {
      organisationId,
      kind: input.kind,
      heldOn: input.heldOn,
      termYears: input.termYears,
      scienceWorkerCount: input.scienceWorkerCount,
      charterAmended: input.charterAmended ?? null,
    });
    await event(tx, actor, 'Congress', congress.id, organisationId, 'CONGRESS_HELD', input.heldOn, { kind: input.kind });
    return congress;
  });
}

export async function reportCongress(db: Db, input: ReportCongressInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const congress = found(await data.lockCongress(tx, parseId(input.congressId, 'congressId')), 'Congress', input.congressId);
    if (congress.reportedOn) throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected an unreported congress, but congress ${congress.id} was reported on ${congress.reportedOn}.`);
    requireOrder(congress.heldOn, input.reportedOn, 'the report');
    const reported = await data.setCongressReported(tx, congress.id, input.reportedOn);
    await event(tx, actor, 'Congress', congress.id, congress.organisationId, 'CONGRESS_REPORTED', input.reportedOn, { reportedOn: input.reportedOn });
    return reported;
  });
}

export async function createCommittee(db: Db, input: CommitteeInput, actor: string) {
  if (input.termEnd && input.termEnd <= input.termStart) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected termEnd after termStart (${input.termStart}), received ${input.termEnd}.`);
  }
  if (!input.name.trim()) throw userError(ErrorCode.INVALID_ARGUMENT, 'Expected a non-empty committee name, received an empty one.');
  return inTransaction(db, async (tx) => {
    const organisationId = await existingOrganisation(tx, input.organisationId);
    let congressId: number | null = null;
    if (input.congressId) {
      const congress = found(await data.lockCongress(tx, parseId(input.congressId, 'congressId')), 'Congress', input.congressId);
      if (congress.organisationId !== organisationId) {
        throw userError(ErrorCode.INVALID_ARGUMENT, `Expected a congress of organisation ${organisationId}, received one of ${congress.organisationId}.`);
      }
      congressId = congress.id;
    }
    const committee = await data.insertCommittee(tx, { organisationId, congressId, kind: input.kind, name: input.name.trim(), termStart: input.termStart, termEnd: input.termEnd ?? null });
    await event(tx, actor, 'Committee', committee.id, organisationId, 'COMMITTEE_FORMED', input.termStart, { kind: input.kind, name: committee.name });
    return committee;
  });
}

export async function appointToPost(db: Db, input: AppointmentInput, actor: string) {
  if (input.validTo && input.validTo <= input.validFrom) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected validTo after validFrom (${input.validFrom}), received ${input.validTo}.`);
  }
  return inTransaction(db, async (tx) => {
    const organisationId = await existingOrganisation(tx, input.organisationId);
    const person = await existingPerson(tx, input.personId);
    let committeeId: number | null = null;
    if (input.committeeId) {
      const committee = found(await data.findCommittee(tx, parseId(input.committeeId, 'committeeId')), 'Committee', input.committeeId);
      if (committee.organisationId !== organisationId) {
        throw userError(ErrorCode.INVALID_ARGUMENT, `Expected a committee of organisation ${organisationId}, received one of ${committee.organisationId}.`);
      }
      committeeId = committee.id;
    }
    if (input.role === 'CHAIR') {
      const [other] = await data.chairsFrom(tx, organisationId, input.validFrom, input.validTo ?? null);
      if (other) {
        throw ruleViolation('R32.chair', `a committee has exactly one chair at a time, but person ${other.personId} is chair from ${other.validFrom}${other.validTo ? ` to ${other.validTo}` : ''} (post ${other.id}).`, {
          postId: String(other.id),
        });
      }
    }
    const post = await data.insertPost(tx, {
      organisationId,
      committeeId,
      personId: person.id,
      role: input.role,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
      nominatedBy: input.nominatedBy ?? null,
    });
    await event(tx, actor, 'Post', post.id, organisationId, 'APPOINTED', input.validFrom, { role: input.role, committeeId }, person.id);
    return post;
  });
}

export async function endPost(db: Db, input: EndPostInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const post = found(await data.lockPost(tx, parseId(input.postId, 'postId')), 'Post', input.postId);
    if (post.validTo && post.validTo <= input.on) {
      throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected a post that holds on ${input.on}, but post ${post.id} ended on ${post.validTo}.`);
    }
    if (input.on <= post.validFrom) throw userError(ErrorCode.INVALID_ARGUMENT, `Expected an end after the start (${post.validFrom}), received ${input.on}.`);
    const ended = await data.endPost(tx, post.id, input.on);
    await event(tx, actor, 'Post', post.id, post.organisationId, 'POST_ENDED', input.on, { validTo: input.on }, post.personId);
    return ended;
  });
}

export async function recordMeeting(db: Db, input: MeetingInput, actor: string) {
  const attendeeIds = [...new Set(input.attendeeIds.map((id) => parseId(id, 'attendeeIds')))];
  return inTransaction(db, async (tx) => {
    const committee = found(await data.findCommittee(tx, parseId(input.committeeId, 'committeeId')), 'Committee', input.committeeId);
    const members = await data.committeeMemberIds(tx, committee.id, input.heldOn);
    if (attendeeIds.length > members.length) {
      throw ruleViolation('R31.quorum', `a meeting cannot have more attendees than the committee has members: ${members.length} members on ${input.heldOn}, received ${attendeeIds.length} attendees.`, {
        members: members.length,
        received: attendeeIds.length,
      });
    }
    const strangers = attendeeIds.filter((id) => !members.includes(id));
    if (strangers.length) {
      throw userError(ErrorCode.INVALID_ARGUMENT, `Expected attendees who hold a post in committee ${committee.id} on ${input.heldOn}, received non-members ${strangers.join(', ')}.`, { received: strangers.map(String) });
    }
    const convenedBy = input.convenedById ? parseId(input.convenedById, 'convenedById') : null;
    const meeting = await data.insertMeeting(tx, { committeeId: committee.id, heldOn: input.heldOn, memberCount: members.length, convenedByPersonId: convenedBy }, attendeeIds);
    await event(tx, actor, 'Meeting', meeting.id, committee.organisationId, 'MEETING_HELD', input.heldOn, { memberCount: members.length, attendeeCount: attendeeIds.length });
    return meeting;
  });
}

export async function recordResolution(db: Db, input: ResolutionInput, actor: string) {
  const votes = [input.votesFor, input.votesAgainst, input.votesAbstaining];
  if (votes.some((v) => !Number.isInteger(v) || v < 0)) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected vote counts of 0 or more, received ${votes.join(', ')}.`);
  }
  return inTransaction(db, async (tx) => {
    const meeting = found(await data.findMeeting(tx, parseId(input.meetingId, 'meetingId')), 'Meeting', input.meetingId);
    const cast = votes.reduce((a, b) => a + b, 0);
    if (cast > meeting.attendeeCount) {
      throw ruleViolation('R31.majority', `votes cannot exceed attendance: ${meeting.attendeeCount} attended meeting ${meeting.id}, received ${cast} votes.`, {
        attendees: meeting.attendeeCount,
        received: cast,
      });
    }
    const committee = (await data.findCommittee(tx, meeting.committeeId))!;
    const resolution = await data.insertResolution(tx, { meetingId: meeting.id, title: input.title, votesFor: input.votesFor, votesAgainst: input.votesAgainst, votesAbstaining: input.votesAbstaining });
    await event(tx, actor, 'Resolution', resolution.id, committee.organisationId, 'RESOLUTION_VOTED', meeting.heldOn, { votes });
    return resolution;
  });
}
