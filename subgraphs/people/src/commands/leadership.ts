// Congresses, committees, posts, meetings and resolutions (Art. 25-35).
import { ErrorCode, found, parseId, ruleViolation, userError } from '@cq/domain';
import type { Db } from '@cq/db';
import * as data from '../data/leadership.ts';
import * as people from '../data/people.ts';
import { insertEvent } from '../data/people.ts';
import { publishResolution } from '@cq/db/decisions-maintenance';
import { ancestorsOn, scienceWorkersOn } from '@cq/db/hierarchy';
import type {
  AppointmentInput,
  CommitteeInput,
  ConfirmCongressReportInput,
  CongressInput,
  CongressReportsInput,
  EndPostInput,
  MeetingInput,
  ReportCongressInput,
  ResolutionInput,
  WorkPlanReviewInput,
} from '../generated/resolvers.ts';
import { GENERAL_ASSEMBLY_LIMIT, resolutionOutcome } from '../rules.ts';
import { existingOrganisation, existingPerson, inTransaction, requireActiveAssociation, requireOrder } from './shared.ts';

const event = (tx: Db, actor: string, subjectType: string, subjectId: number, organisationId: number, kind: string, effectiveOn: string, after: Record<string, unknown>, personId?: number) =>
  insertEvent(tx, { subjectType, subjectId, organisationId, personId: personId ?? null, kind, actor, effectiveOn, after });

/**
 * R26.assembly: the S&T workers behind an association on a day, from its enterprises' recorded counts (the hierarchy
 * read model); a count typed in must agree with them, and is needed only where no enterprise is on record.
 */
async function recordedScienceWorkers(tx: Db, organisationId: number, on: string, given: number | null | undefined): Promise<number> {
  const recorded = await scienceWorkersOn(tx, organisationId, on);
  if (recorded === null) {
    if (given == null) throw userError(ErrorCode.INVALID_ARGUMENT, `Expected scienceWorkerCount: association ${organisationId} has no enterprise on record to count from.`, { argument: 'scienceWorkerCount' });
    return given;
  }
  if (given != null && given !== recorded) {
    throw ruleViolation('R26.assembly', `the S&T workers count is the one on record for the association's enterprises on ${on}: expected ${recorded}, received ${given} (record a new count with recordScienceWorkerCount).`, {
      expected: recorded,
      received: given,
    });
  }
  return recorded;
}

export async function recordCongress(db: Db, input: CongressInput, actor: string) {
  if (input.termYears < 3 || input.termYears > 5) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Art. 26: a congress meets every three to five years; expected termYears from 3 to 5, received ${input.termYears}.`);
  }
  if (input.scienceWorkerCount != null && input.scienceWorkerCount < 0) throw userError(ErrorCode.INVALID_ARGUMENT, `Expected scienceWorkerCount of 0 or more, received ${input.scienceWorkerCount}.`);
  return inTransaction(db, async (tx) => {
    const organisationId = await existingOrganisation(tx, input.organisationId);
    await requireActiveAssociation(tx, organisationId, input.heldOn, 'a congress');
    const scienceWorkerCount = await recordedScienceWorkers(tx, organisationId, input.heldOn, input.scienceWorkerCount);
    if (input.kind === 'GENERAL_ASSEMBLY' && scienceWorkerCount >= GENERAL_ASSEMBLY_LIMIT) {
      throw ruleViolation(
        'R26.assembly',
        `a general assembly of all members instead of a representative congress needs fewer than ${GENERAL_ASSEMBLY_LIMIT} S&T workers, but the association's enterprises had ${scienceWorkerCount} on record on ${input.heldOn}.`,
        { received: scienceWorkerCount },
      );
    }
    const congress = await data.insertCongress(tx, {
      organisationId,
      kind: input.kind,
      heldOn: input.heldOn,
      termYears: input.termYears,
      scienceWorkerCount,
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

/**
 * R26.report: the approving association confirms the day it received the congress's results; lateness is judged on
 * that day. `by` must be the association directly above it in the guidance chain (the one that approved it) on the
 * day of receipt, and the day may not be after today in China.
 */
export async function confirmCongressReport(db: Db, input: ConfirmCongressReportInput, today: string, actor: string) {
  const by = parseId(input.by, 'by');
  if (input.receivedOn > today) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected a day of receipt on or before today (${today}), received ${input.receivedOn}.`, { argument: 'receivedOn', expected: `<= ${today}`, received: input.receivedOn });
  }
  return inTransaction(db, async (tx) => {
    const congress = found(await data.lockCongress(tx, parseId(input.congressId, 'congressId')), 'Congress', input.congressId);
    if (congress.receiptConfirmedOn) {
      throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected a congress whose report was not yet confirmed, but receipt of congress ${congress.id}'s report was confirmed on ${congress.receiptConfirmedOn}.`);
    }
    requireOrder(congress.heldOn, input.receivedOn, 'the receipt');
    const approving = (await ancestorsOn(tx, congress.organisationId, input.receivedOn)).at(-1);
    if (approving?.id !== by) {
      throw ruleViolation(
        'R26.report',
        `the association that approved organisation ${congress.organisationId} confirms receipt of its report, expected ${approving ? `organisation ${approving.id}` : 'an approving association'} on ${input.receivedOn}, received organisation ${by}.`,
        { expected: approving ? String(approving.id) : null, received: String(by) },
      );
    }
    const confirmed = await data.setCongressReceiptConfirmed(tx, congress.id, input.receivedOn, by);
    await event(tx, actor, 'Congress', congress.id, congress.organisationId, 'CONGRESS_REPORT_RECEIVED', input.receivedOn, { receiptConfirmedOn: input.receivedOn, receiptConfirmedById: by });
    return confirmed;
  });
}

export async function createCommittee(db: Db, input: CommitteeInput, actor: string) {
  if (input.termEnd && input.termEnd <= input.termStart) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected termEnd after termStart (${input.termStart}), received ${input.termEnd}.`);
  }
  if (!input.name.trim()) throw userError(ErrorCode.INVALID_ARGUMENT, 'Expected a non-empty committee name, received an empty one.');
  return inTransaction(db, async (tx) => {
    const organisationId = await existingOrganisation(tx, input.organisationId);
    await requireActiveAssociation(tx, organisationId, input.termStart, 'a committee');
    let congressId: number | null = null;
    let termEnd = input.termEnd ?? null;
    if (input.kind === 'COMMITTEE' && !input.congressId) {
      throw ruleViolation('R28.reports', `a committee (kind COMMITTEE) is elected by a congress: expected congressId, the congress of organisation ${organisationId} that elected it, received none.`, {
        argument: 'congressId',
      });
    }
    if (input.congressId) {
      const congress = found(await data.lockCongress(tx, parseId(input.congressId, 'congressId')), 'Congress', input.congressId);
      if (congress.organisationId !== organisationId) {
        throw ruleViolation('R28.reports', `a committee is elected by its own association's congress: expected a congress of organisation ${organisationId}, received one of ${congress.organisationId}.`, {
          expected: String(organisationId),
          received: String(congress.organisationId),
        });
      }
      if (input.kind === 'COMMITTEE') termEnd = await requireCongressTerm(tx, congress, input);
      congressId = congress.id;
    }
    const committee = await data.insertCommittee(tx, { organisationId, congressId, kind: input.kind, name: input.name.trim(), termStart: input.termStart, termEnd });
    await event(tx, actor, 'Committee', committee.id, organisationId, 'COMMITTEE_FORMED', input.termStart, { kind: input.kind, name: committee.name });
    return committee;
  });
}

/**
 * R28.reports (第二十八条 (四) 选举产生企业科协委员会): the committee (kind COMMITTEE) a congress elects serves that
 * congress's term: from the day of the congress for its termYears. One committee per congress. Returns the term's
 * last day.
 */
async function requireCongressTerm(tx: Db, congress: data.CongressRow, input: CommitteeInput): Promise<string> {
  if (input.termStart !== congress.heldOn) {
    throw ruleViolation('R28.reports', `a committee's term starts on the day the congress elected it: expected termStart ${congress.heldOn} (congress ${congress.id}), received ${input.termStart}.`, {
      expected: congress.heldOn,
      received: input.termStart,
    });
  }
  if (input.termEnd && input.termEnd !== congress.termEndsOn) {
    throw ruleViolation('R28.reports', `a committee serves the term of the congress that elected it, ${congress.termYears} years: expected termEnd ${congress.termEndsOn} or none, received ${input.termEnd}.`, {
      expected: congress.termEndsOn,
      received: input.termEnd,
    });
  }
  const [elected] = await data.committeesElectedBy(tx, [congress.id]);
  if (elected) {
    throw ruleViolation('R28.reports', `a congress elects one committee, but congress ${congress.id} elected committee ${elected.id} (${elected.name}).`, { committeeId: String(elected.id) });
  }
  return congress.termEndsOn;
}

/**
 * R28.reports (第二十八条 (三) 审议和批准企业科协委员会的工作报告和财务报告): the congress approves the reports of
 * the committee whose term it ends: the association's latest committee (kind COMMITTEE) elected before it.
 */
export async function approveCongressReports(db: Db, input: CongressReportsInput, actor: string) {
  const reports = [...new Set(input.reports)];
  if (!reports.length) throw userError(ErrorCode.INVALID_ARGUMENT, 'Expected one or both of WORK_REPORT and FINANCIAL_REPORT, received none.', { argument: 'reports' });
  return inTransaction(db, async (tx) => {
    const congress = found(await data.lockCongress(tx, parseId(input.congressId, 'congressId')), 'Congress', input.congressId);
    const already = reports.filter((r) => (r === 'WORK_REPORT' ? congress.workReportApproved : congress.financialReportApproved));
    if (already.length) {
      throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected reports congress ${congress.id} has not yet approved, but it approved ${already.join(' and ')}.`, { received: already });
    }
    const committee = await data.committeeBefore(tx, congress.organisationId, congress.heldOn);
    if (!committee) {
      throw ruleViolation(
        'R28.reports',
        `a congress approves the reports of the committee whose term it ends, but organisation ${congress.organisationId} had no committee (kind COMMITTEE) elected before congress ${congress.id} on ${congress.heldOn}.`,
        { organisationId: String(congress.organisationId) },
      );
    }
    if (congress.reportingCommitteeId !== null && congress.reportingCommitteeId !== committee.id) {
      throw ruleViolation('R28.reports', `both reports approved by congress ${congress.id} are of committee ${congress.reportingCommitteeId}, but the committee before it is now ${committee.id}.`, {
        expected: String(congress.reportingCommitteeId),
        received: String(committee.id),
      });
    }
    const approved = await data.setCongressReportsApproved(tx, congress.id, {
      workReportApproved: congress.workReportApproved || reports.includes('WORK_REPORT'),
      financialReportApproved: congress.financialReportApproved || reports.includes('FINANCIAL_REPORT'),
      reportingCommitteeId: committee.id,
    });
    await event(tx, actor, 'Congress', congress.id, congress.organisationId, 'CONGRESS_REPORTS_APPROVED', congress.heldOn, { reports, reportingCommitteeId: committee.id });
    return approved;
  });
}

/**
 * R30.plan (第三十条 (四) 审议工作计划和工作总结): a resolution that passed at a meeting of the association's committee
 * (kind COMMITTEE) reviewed its work plan or work summary of a year. A plan is reviewed no later than the end of its
 * year, a summary no earlier than its start; one of each per association and year.
 */
export async function recordWorkPlanReview(db: Db, input: WorkPlanReviewInput, actor: string) {
  if (!Number.isInteger(input.year) || input.year < 1950 || input.year > 2100) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected a year between 1950 and 2100, received ${input.year}.`, { argument: 'year', received: input.year });
  }
  return inTransaction(db, async (tx) => {
    const resolution = found(await data.findResolution(tx, parseId(input.resolutionId, 'resolutionId')), 'Resolution', input.resolutionId);
    const meeting = (await data.findMeeting(tx, resolution.meetingId))!;
    const committee = (await data.findCommittee(tx, meeting.committeeId))!;
    if (committee.kind !== 'COMMITTEE') {
      throw ruleViolation('R30.plan', `the work plan and summary are reviewed by the association's committee (kind COMMITTEE), but resolution ${resolution.id} is of a ${committee.kind}.`, {
        received: committee.kind,
      });
    }
    const outcome = resolutionOutcome(meeting, resolution.votesFor);
    if (outcome !== 'PASSED') throw ruleViolation('R30.plan', `a review of the work plan or summary is a resolution that passed, but resolution ${resolution.id} is ${outcome}.`, { outcome });
    if (input.kind === 'PLAN' && meeting.heldOn > `${input.year}-12-31`) {
      throw userError(ErrorCode.INVALID_ARGUMENT, `Expected a review of the ${input.year} work plan by the end of ${input.year}, but the meeting was on ${meeting.heldOn}.`, { argument: 'year', received: input.year });
    }
    if (input.kind === 'SUMMARY' && meeting.heldOn < `${input.year}-01-01`) {
      throw userError(ErrorCode.INVALID_ARGUMENT, `Expected a review of the ${input.year} work summary from ${input.year} on, but the meeting was on ${meeting.heldOn}.`, { argument: 'year', received: input.year });
    }
    const organisationId = committee.organisationId;
    const existing = await data.findWorkPlanReview(tx, organisationId, input.year, input.kind);
    if (existing) {
      throw userError(ErrorCode.DUPLICATE, `Expected no review yet of organisation ${organisationId}'s ${input.year} work ${input.kind.toLowerCase()}, but resolution ${existing.resolutionId} reviewed it on ${existing.reviewedOn}.`, {
        workPlanReviewId: String(existing.id),
      });
    }
    const review = await data.insertWorkPlanReview(tx, { organisationId, year: input.year, kind: input.kind, resolutionId: resolution.id, reviewedOn: meeting.heldOn });
    await event(tx, actor, 'WorkPlanReview', review.id, organisationId, 'WORK_PLAN_REVIEWED', meeting.heldOn, { year: input.year, kind: input.kind, resolutionId: resolution.id });
    return review;
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
    await requireNominationAndElection(tx, organisationId, input);
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
      electedByResolutionId: input.electedByResolutionId ? parseId(input.electedByResolutionId, 'electedByResolutionId') : null,
    });
    await event(tx, actor, 'Post', post.id, organisationId, 'APPOINTED', input.validFrom, { role: input.role, committeeId }, person.id);
    return post;
  });
}

const ELECTED = new Set(['CHAIR', 'VICE_CHAIR']);
const APPROVED = new Set(['SECRETARY_GENERAL', 'DEPUTY_SECRETARY_GENERAL']);

/**
 * R32.chair (第三十二条): the chair and vice-chairs are nominated by the Party organisation (or, without one, the
 * decision-making level). R30.officers (第三十条): they are elected by the committee, and the secretaries-general are
 * nominated by the chair and approved by the committee: a passed resolution of the association's committee (kind
 * COMMITTEE) held on or before the first day of the post.
 */
async function requireNominationAndElection(tx: Db, organisationId: number, input: AppointmentInput): Promise<void> {
  if (!ELECTED.has(input.role) && !APPROVED.has(input.role)) return;
  if (ELECTED.has(input.role) && input.nominatedBy !== 'PARTY_ORGANISATION' && input.nominatedBy !== 'DECISION_MAKING_LEVEL') {
    throw ruleViolation('R32.chair', `a ${input.role} is nominated by the Party organisation or, without one, the decision-making level: expected nominatedBy PARTY_ORGANISATION or DECISION_MAKING_LEVEL, received ${input.nominatedBy ?? 'none'}.`, {
      expected: ['PARTY_ORGANISATION', 'DECISION_MAKING_LEVEL'],
      received: input.nominatedBy ?? null,
    });
  }
  if (APPROVED.has(input.role) && input.nominatedBy !== 'CHAIR') {
    throw ruleViolation('R30.officers', `a ${input.role} is nominated by the chair: expected nominatedBy CHAIR, received ${input.nominatedBy ?? 'none'}.`, { expected: 'CHAIR', received: input.nominatedBy ?? null });
  }
  const what = ELECTED.has(input.role) ? 'elected' : 'approved';
  if (!input.electedByResolutionId) {
    throw ruleViolation('R30.officers', `a ${input.role} is ${what} by the association's committee: expected electedByResolutionId, a resolution of its committee that passed, received none.`);
  }
  const resolution = found(await data.findResolution(tx, parseId(input.electedByResolutionId, 'electedByResolutionId')), 'Resolution', input.electedByResolutionId);
  const meeting = (await data.findMeeting(tx, resolution.meetingId))!;
  const committee = (await data.findCommittee(tx, meeting.committeeId))!;
  if (committee.organisationId !== organisationId || committee.kind !== 'COMMITTEE') {
    throw ruleViolation('R30.officers', `a ${input.role} is ${what} by the committee (kind COMMITTEE) of organisation ${organisationId}, but resolution ${resolution.id} is of a ${committee.kind} of organisation ${committee.organisationId}.`, {
      received: { organisationId: String(committee.organisationId), kind: committee.kind },
    });
  }
  const outcome = resolutionOutcome(meeting, resolution.votesFor);
  if (outcome !== 'PASSED') throw ruleViolation('R30.officers', `a ${input.role} is ${what} by a resolution that passed, but resolution ${resolution.id} is ${outcome}.`, { outcome });
  if (meeting.heldOn > input.validFrom) {
    throw ruleViolation('R30.officers', `a ${input.role} takes office after the committee ${what} them: expected validFrom on or after ${meeting.heldOn}, received ${input.validFrom}.`, {
      expected: `>= ${meeting.heldOn}`,
      received: input.validFrom,
    });
  }
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
    await requireActiveAssociation(tx, committee.organisationId, input.heldOn, 'a committee meeting');
    const members = await data.committeeMemberIds(tx, committee.id, input.heldOn);
    if (attendeeIds.length > members.length) {
      throw ruleViolation('R31.quorum', `a meeting cannot have more attendees than the committee has members: ${members.length} members on ${input.heldOn}, received ${attendeeIds.length} attendees.`, {
        members: members.length,
        received: attendeeIds.length,
      });
    }
    const strangers = attendeeIds.filter((id) => !members.includes(id));
    if (strangers.length) {
      throw userError(
        ErrorCode.INVALID_ARGUMENT,
        `Expected attendees who are members of committee ${committee.id} (chair, vice-chair or member; staff and liaison officers are not) on ${input.heldOn}, received non-members ${strangers.join(', ')}.`,
        { received: strangers.map(String) },
      );
    }
    const convenedBy = input.convenedById ? parseId(input.convenedById, 'convenedById') : null;
    if (committee.kind === 'COMMITTEE') {
      // Art. 31: 由企业科协主席召集. Without a chair in office (before the first election) nobody can be required.
      const chair = await data.chairOn(tx, committee.organisationId, input.heldOn);
      if (chair && convenedBy !== chair.personId) {
        throw ruleViolation('R31.quorum', `a committee meeting is convened by the association's chair: expected person ${chair.personId} on ${input.heldOn}, received ${convenedBy ?? 'none'}.`, {
          expected: String(chair.personId),
          received: convenedBy === null ? null : String(convenedBy),
        });
      }
      if (!chair && convenedBy !== null && !members.includes(convenedBy)) {
        throw userError(ErrorCode.INVALID_ARGUMENT, `Expected a convener who is a member of committee ${committee.id} on ${input.heldOn}, received person ${convenedBy}.`, { received: String(convenedBy) });
      }
    }
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
  const membershipIds = [...new Set((input.membershipIds ?? []).map((id) => parseId(id, 'membershipIds')))];
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
    const memberships = await people.membershipsByIds(tx, membershipIds);
    const foreign = membershipIds.filter((id) => memberships.find((m) => m.id === id)?.organisationId !== committee.organisationId);
    if (foreign.length) {
      throw userError(ErrorCode.INVALID_ARGUMENT, `Expected memberships of organisation ${committee.organisationId}, whose committee voted, received ${foreign.join(', ')}.`, { argument: 'membershipIds', received: foreign.map(String) });
    }
    const resolution = await data.insertResolution(tx, { meetingId: meeting.id, title: input.title, votesFor: input.votesFor, votesAgainst: input.votesAgainst, votesAbstaining: input.votesAbstaining });
    await data.insertResolutionMemberships(tx, resolution.id, membershipIds);
    // Other subgraphs (an award's committee decision, R30.commendation) read resolutions from the decisions read model.
    await publishResolution(tx, { id: resolution.id, organisationId: committee.organisationId, committeeKind: committee.kind, heldOn: meeting.heldOn, outcome: resolutionOutcome(meeting, input.votesFor) });
    await event(tx, actor, 'Resolution', resolution.id, committee.organisationId, 'RESOLUTION_VOTED', meeting.heldOn, { votes, membershipIds });
    return resolution;
  });
}
