// Partner learned societies linking their members to persons here (Art. 6), with the person's consent: a link is
// PENDING until an association the person is a member of confirms it; either side may end it. Every step is an event.
import { ErrorCode, found, MAX_NAME, normalisePersonName, parseId, show, todayInChina, userError } from '@cq/domain';
import type { Db } from '@cq/db';
import { insertEvent, insertEvents } from '../data/people.ts';
import * as data from '../data/societies.ts';
import type { EndSocietyLinkInput, SocietyLinkInput, SocietyMatchInput } from '../generated/resolvers.ts';
import { describedPerson, hashIdentityNumber, identityNumberMistake } from '../identity.ts';
import { existingPerson, existingSociety, inTransaction, requireOrder } from './shared.ts';

/** The most rows one matching request takes; the gateway's upload sends larger files in requests of this size. */
export const MAX_MATCH_ROWS = 1000;

function memberNumber(value: string): string {
  const memberNo = value.trim();
  if (!memberNo) throw userError(ErrorCode.INVALID_ARGUMENT, "Expected the society's member number, received an empty one.");
  return memberNo;
}

export async function linkSocietyMember(db: Db, input: SocietyLinkInput, actor: string) {
  const memberNo = memberNumber(input.societyMemberNo);
  return inTransaction(db, async (tx) => {
    const societyId = await existingSociety(tx, input.societyId);
    const person = await existingPerson(tx, input.personId);
    const byNumber = await data.openLinkByNumber(tx, societyId, memberNo);
    if (byNumber) {
      throw userError(ErrorCode.DUPLICATE, `Expected member number ${memberNo} to be unlinked, but link ${byNumber.id} ties it to person ${byNumber.personId}.`, { linkId: String(byNumber.id) });
    }
    const byPerson = await data.openLinkOfPerson(tx, societyId, person.id);
    if (byPerson) {
      throw userError(ErrorCode.DUPLICATE, `Expected person ${person.id} to have no open link with society ${societyId}, but link ${byPerson.id} (number ${byPerson.societyMemberNo}) holds.`, { linkId: String(byPerson.id) });
    }
    const [link] = await insertLinks(tx, societyId, [{ personId: person.id, memberNo }], input.validFrom, actor);
    return link!;
  });
}

/** PENDING links, with a LINKED event each: two statements however many. */
async function insertLinks(tx: Db, societyId: number, links: { personId: number; memberNo: string }[], validFrom: string, actor: string) {
  const rows = await data.insertLinks(tx, links.map((l) => ({ societyId, personId: l.personId, societyMemberNo: l.memberNo, validFrom, status: 'PENDING' as const })));
  await insertEvents(
    tx,
    rows.map((link) => ({ subjectType: 'SocietyLink', subjectId: link.id, organisationId: societyId, personId: link.personId, kind: 'LINKED', actor, effectiveOn: validFrom, after: { societyMemberNo: link.societyMemberNo, status: 'PENDING' } })),
  );
  return rows;
}

export type MatchOutcome = 'MATCHED' | 'ALREADY_LINKED' | 'AMBIGUOUS' | 'UNMATCHED' | 'CONFLICT';
export interface MatchRow {
  row: number;
  societyMemberNo: string;
  outcome: MatchOutcome;
  link: data.SocietyLinkRow | null;
  problem: string | null;
}

interface Member {
  row: number;
  memberNo: string;
  name: string;
  hash: string;
  /** Whom the row describes (name and birth date, keyed hash): what misses are counted by. */
  described: string;
}

/** Rows a society may send in a day that match nobody, for one name and birth date (a dry run counts too). */
export const MAX_MISSES_A_DAY = 10;

/**
 * Checks every row before anything is looked up: a malformed row refuses the request, naming each such row and what
 * was wrong, and never echoing an identity number.
 */
function wellFormedMembers(input: SocietyMatchInput): Member[] {
  if (input.members.length < 1 || input.members.length > MAX_MATCH_ROWS) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected 1 to ${MAX_MATCH_ROWS} members, received ${input.members.length}.`, { argument: 'members', received: input.members.length });
  }
  const problems: { row: number; problem: string }[] = [];
  const seen = new Map<string, number>();
  const members = input.members.map((m, i) => {
    const row = i + 1;
    const memberNo = m.societyMemberNo.trim();
    const name = normalisePersonName(m.nameZh);
    if (!memberNo) problems.push({ row, problem: 'societyMemberNo: expected a member number, received an empty one' });
    else if (seen.has(memberNo)) problems.push({ row, problem: `societyMemberNo: expected each member number once, received ${show(memberNo)} again (first in row ${seen.get(memberNo)})` });
    else seen.set(memberNo, row);
    if (!name || name.length > MAX_NAME) problems.push({ row, problem: `nameZh: expected a name of 1 to ${MAX_NAME} characters, received ${name.length}` });
    const mistake = identityNumberMistake(m.identityNumber);
    if (mistake) problems.push({ row, problem: `identityNumber: ${mistake}` });
    return mistake ? { row, memberNo, name, hash: '', described: '' } : { row, memberNo, name, hash: hashIdentityNumber(m.identityNumber, 'identityNumber'), described: describedPerson(name, m.identityNumber) };
  });
  if (problems.length) {
    const shown = problems.slice(0, 20).map((p) => `row ${p.row}: ${p.problem}`);
    throw userError(
      ErrorCode.INVALID_ARGUMENT,
      `Expected every member row to be well formed; ${problems.length} ${problems.length === 1 ? 'is' : 'are'} not, and nothing was linked: ${shown.join('; ')}${problems.length > 20 ? '; …' : ''}.`,
      { argument: 'members', rows: problems },
    );
  }
  return members;
}

/**
 * Matches a society's members by member number, name and the keyed hash of the identity number. A person matches
 * only when both the name and the number agree, so a row that fails says nothing about whether either exists.
 */
export async function matchSocietyMembers(db: Db, input: SocietyMatchInput, actor: string): Promise<MatchRow[]> {
  const members = wellFormedMembers(input);
  return inTransaction(db, async (tx) => {
    const societyId = await existingSociety(tx, input.societyId);
    const candidates = await data.personsByIdentityHashes(tx, [...new Set(members.map((m) => m.hash))]);
    const personsOf = (m: Member) => candidates.filter((c) => c.hash === m.hash && normalisePersonName(c.nameZh) === m.name).map((c) => c.id);
    const matchedPersons = members.flatMap((m) => personsOf(m));
    const open = await data.openLinksOfSociety(tx, societyId, members.map((m) => m.memberNo), matchedPersons);
    const linkOfNumber = new Map(open.map((l) => [l.societyMemberNo, l]));
    const linkOfPerson = new Map(open.map((l) => [l.personId, l]));
    /** Persons matched by an earlier row of this request, by row: a second member number for one is a conflict. */
    const matchedInRow = new Map<number, number>();
    const toLink: { personId: number; memberNo: string }[] = [];
    const rows: MatchRow[] = [];
    for (const m of members) {
      const persons = personsOf(m);
      const base = { row: m.row, societyMemberNo: m.memberNo, link: null, problem: null };
      if (persons.length === 0) {
        rows.push({ ...base, outcome: 'UNMATCHED' });
        continue;
      }
      if (persons.length > 1) {
        rows.push({ ...base, outcome: 'AMBIGUOUS', problem: `本平台有 ${persons.length} 条人员记录同时符合姓名和身份证号，请联系其所在科协合并后再关联 (${persons.length} person records here carry this name and number; ask their association to merge them, then link again)` });
        continue;
      }
      const personId = persons[0]!;
      const byNumber = linkOfNumber.get(m.memberNo);
      const byPerson = linkOfPerson.get(personId);
      const earlierRow = matchedInRow.get(personId);
      if (byNumber && byNumber === byPerson) {
        rows.push({ ...base, outcome: 'ALREADY_LINKED', link: byNumber });
      } else if (byNumber) {
        rows.push({ ...base, outcome: 'CONFLICT', problem: `会员编号 ${m.memberNo} 已关联到另一人（关联 ${byNumber.id}）(member number ${m.memberNo} is linked to someone else: link ${byNumber.id})` });
      } else if (byPerson) {
        rows.push({ ...base, outcome: 'CONFLICT', problem: `此人已以会员编号 ${byPerson.societyMemberNo} 关联（关联 ${byPerson.id}）(this person is linked under member number ${byPerson.societyMemberNo}: link ${byPerson.id})` });
      } else if (earlierRow !== undefined) {
        rows.push({ ...base, outcome: 'CONFLICT', problem: `此人已在第 ${earlierRow} 行匹配 (this person was matched in row ${earlierRow})` });
      } else {
        matchedInRow.set(personId, m.row);
        rows.push({ ...base, outcome: 'MATCHED' });
        toLink.push({ personId, memberNo: m.memberNo });
      }
    }
    await countMisses(tx, societyId, members, rows);
    if (!input.dryRun) {
      const made = new Map((await insertLinks(tx, societyId, toLink, input.validFrom, actor)).map((l) => [l.societyMemberNo, l]));
      for (const row of rows) if (row.outcome === 'MATCHED') row.link = made.get(row.societyMemberNo)!;
    }
    return rows;
  });
}

/**
 * Against guessing: someone who knows a person's name, birth date and birthplace could try the thousand sequence
 * numbers of that day. Each unmatched row counts against its name and birth date for the day; past
 * MAX_MISSES_A_DAY the whole request is refused (TOO_MANY_ATTEMPTS) and nothing is linked or counted.
 */
async function countMisses(tx: Db, societyId: number, members: Member[], rows: MatchRow[]): Promise<void> {
  const missed = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (r.outcome === 'UNMATCHED') missed.set(members[i]!.described, [...(missed.get(members[i]!.described) ?? []), r.row]);
  });
  if (missed.size === 0) return;
  const day = todayInChina();
  const before = new Map((await data.missesOf(tx, societyId, day, [...missed.keys()])).map((m) => [m.subject, m.misses]));
  const over = [...missed].filter(([subject, rowsOf]) => (before.get(subject) ?? 0) + rowsOf.length > MAX_MISSES_A_DAY).flatMap(([, rowsOf]) => rowsOf);
  if (over.length) {
    throw userError(
      ErrorCode.TOO_MANY_ATTEMPTS,
      `同一姓名和出生日期每天最多 ${MAX_MISSES_A_DAY} 行未匹配，请核对身份证后明天再试 · Expected at most ${MAX_MISSES_A_DAY} unmatched rows a day for one name and birth date, received more in rows ${over.slice(0, 20).join(', ')}${over.length > 20 ? ', …' : ''}; check them against the members' identity cards, or try again tomorrow. Nothing was linked.`,
      { rows: over.map((row) => ({ row, problem: 'too many unmatched attempts today for this name and birth date' })), max: MAX_MISSES_A_DAY },
    );
  }
  await data.addMisses(tx, societyId, day, new Map([...missed].map(([subject, rowsOf]) => [subject, rowsOf.length])));
}

/** A decision on a pending link, by the person's association (null: municipal staff for a person of none). */
export interface Decision {
  linkId: string;
  on: string;
  organisationId: number | null;
}

async function lockedLink(tx: Db, linkId: string, expected: data.SocietyLinkStatus[]) {
  const link = found(await data.lockLink(tx, parseId(linkId, 'linkId')), 'SocietyLink', linkId);
  if (!expected.includes(link.status)) {
    throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected a ${expected.join(' or ')} link, but link ${link.id} is ${link.status}.`, { status: link.status });
  }
  return link;
}

export async function decideSocietyLink(db: Db, decision: Decision & { status: 'CONFIRMED' | 'DECLINED' }, actor: string) {
  return inTransaction(db, async (tx) => {
    const link = await lockedLink(tx, decision.linkId, ['PENDING']);
    const decided = await data.decideLink(tx, link.id, { status: decision.status, on: decision.on, by: actor, organisationId: decision.organisationId });
    await insertEvent(tx, {
      subjectType: 'SocietyLink',
      subjectId: link.id,
      organisationId: decision.organisationId,
      personId: link.personId,
      kind: decision.status,
      actor,
      effectiveOn: decision.on,
      before: { status: 'PENDING' },
      after: { status: decision.status },
    });
    return decided;
  });
}

export async function endSocietyLink(db: Db, input: EndSocietyLinkInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const link = await lockedLink(tx, input.linkId, ['PENDING', 'CONFIRMED']);
    requireOrder(link.validFrom, input.on, 'the end of the link');
    const ended = await data.endLink(tx, link.id, input.on);
    await insertEvent(tx, { subjectType: 'SocietyLink', subjectId: link.id, organisationId: link.societyId, personId: link.personId, kind: 'UNLINKED', actor, effectiveOn: input.on, before: { status: link.status, validTo: null }, after: { status: 'ENDED', validTo: input.on } });
    return ended;
  });
}
