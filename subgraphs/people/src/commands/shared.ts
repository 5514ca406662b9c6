import { ErrorCode, found, hasMembers, MEMBER_KINDS, parseId, ruleViolation, todayInChina, userError } from '@cq/domain';
import { type Db, inTransaction as runInTransaction } from '@cq/db';
import { organisationExists, organisationsOn } from '@cq/db/hierarchy';
import * as data from '../data/people.ts';

/** One transaction per command; what the database refuses for a concurrent writer becomes the same typed error. */
export const inTransaction = <T>(db: Db, command: (tx: Db) => Promise<T>) =>
  runInTransaction(db, command, ({ code, constraint }) => {
    if (code === '23P01' && constraint === 'posts_one_chair') return ruleViolation('R32.chair', 'a committee has one chair at a time; another chair holds for part of the same time.');
    if (code === '23505' && constraint === 'memberships_one_open') return userError(ErrorCode.DUPLICATE, 'Expected no open membership of this person in this association, but one exists.');
    if (code === '23505' && constraint === 'work_plan_reviews_one') return userError(ErrorCode.DUPLICATE, 'Expected no review yet of this work plan or summary of the year, but one exists.');
    if (code === '23505' && constraint?.startsWith('society_links_one_open')) return userError(ErrorCode.DUPLICATE, 'Expected no open link with this member number or person, but one exists.');
    return undefined;
  });

export async function existingPerson(tx: Db, id: string, argument = 'personId') {
  return found(await data.findPerson(tx, parseId(id, argument)), 'Person', id);
}

export async function existingOrganisation(tx: Db, id: string, argument = 'organisationId'): Promise<number> {
  const n = parseId(id, argument);
  if (!(await organisationExists(tx, n))) throw userError(ErrorCode.NOT_FOUND, `No Organisation has id "${id}".`, { type: 'Organisation', id });
  return n;
}

/** A learned society (学会): the only kind of organisation that links members of its own (Art. 6). */
export async function existingSociety(tx: Db, id: string): Promise<number> {
  const n = await existingOrganisation(tx, id, 'societyId');
  const [o] = await organisationsOn(tx, [n], todayInChina());
  if (o && o.kind !== 'LEARNED_SOCIETY') {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`societyId\` to name a learned society (LEARNED_SOCIETY), received organisation ${n}, a ${o.kind}.`, { argument: 'societyId', kind: o.kind });
  }
  return n;
}

export function requireOrder(earlier: string, later: string, what: string): void {
  if (later < earlier) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected ${what} on or after ${earlier}, received ${later}.`, { expected: `>= ${earlier}`, received: later });
  }
}

export function requireStatus(status: string, expected: string[], what: string): void {
  if (!expected.includes(status)) {
    throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected ${what} of a membership that is ${expected.join(' or ')}, but it is ${status}.`, { status });
  }
}

/**
 * R20.active (第二十条, 第一条): members, congresses, committees and meetings belong to an association of a kind that
 * has individual members (enterprise, park, consortium) that is ACTIVE on the day it happens.
 */
export async function requireActiveAssociation(tx: Db, organisationId: number, on: string, what: string): Promise<void> {
  const [o] = await organisationsOn(tx, [organisationId], on);
  if (!o) throw userError(ErrorCode.NOT_FOUND, `No Organisation has id "${organisationId}".`, { type: 'Organisation', id: String(organisationId) });
  const memberKind = hasMembers(o.kind);
  if (!memberKind || o.status !== 'ACTIVE') {
    throw ruleViolation(
      'R20.active',
      `${what} needs an active association of a kind with members (${MEMBER_KINDS.join(', ')}) on ${on}, but organisation ${organisationId} is ${o.kind}, ${o.status ?? 'not yet existing'} that day.`,
      { organisationId: String(organisationId), kind: o.kind, status: o.status, on },
    );
  }
}
