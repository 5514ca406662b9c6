// Counting rules of Art. 31, read as Chinese law reads them (Civil Code Art. 1259): 以上 includes the number itself.

/** R31.quorum: a committee meeting is valid only when at least two thirds of its members attend. */
export function isQuorate(attendees: number, members: number): boolean {
  return members > 0 && attendees * 3 >= members * 2;
}

/** R31.majority: a resolution passes when at least half of those attending vote for it. */
export function passes(votesFor: number, attendees: number): boolean {
  return attendees > 0 && votesFor * 2 >= attendees;
}

export type ResolutionOutcome = 'PASSED' | 'FAILED' | 'NO_QUORUM';

export function resolutionOutcome(meeting: { attendeeCount: number; memberCount: number }, votesFor: number): ResolutionOutcome {
  if (!isQuorate(meeting.attendeeCount, meeting.memberCount)) return 'NO_QUORUM';
  return passes(votesFor, meeting.attendeeCount) ? 'PASSED' : 'FAILED';
}

/** R26.assembly: a general assembly of all members only where there are fewer than 100 S&T workers (少于一百人). */
export const GENERAL_ASSEMBLY_LIMIT = 100;
