// What every command shares: one transaction per command, typed errors for what the database refuses, and the
// lookups that turn ids into rows or a NOT_FOUND.
import { ErrorCode, found, parseId, ruleViolation, userError } from '@cq/domain';
import { type Db, inTransaction as runInTransaction } from '@cq/db';
import * as data from '../data/life-cycle.ts';
import type { OrganisationRow } from '../data/organisations.ts';

/** One transaction per command; an overlap the database refuses (a concurrent writer was first) is typed. */
export const inTransaction = <T>(db: Db, command: (tx: Db) => Promise<T>) =>
  runInTransaction(db, command, ({ code }) =>
    code === '23P01'
      ? userError(ErrorCode.RELATIONSHIP_CONFLICT, 'Expected no overlapping relationship of this kind, but one holds for part of the same time.')
      : undefined,
  );

export async function lockedOrganisation(tx: Db, id: string, argument = 'organisationId'): Promise<OrganisationRow> {
  return found(await data.lockOrganisation(tx, parseId(id, argument)), 'Organisation', id);
}

export async function existingOrganisation(tx: Db, id: string, argument: string): Promise<OrganisationRow> {
  return found(await data.findOrganisation(tx, parseId(id, argument)), 'Organisation', id);
}

export function requireActive(o: OrganisationRow, action: string): void {
  if (o.status !== 'ACTIVE') {
    throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected an ACTIVE organisation to ${action}, but ${o.nameZh} (${o.id}) is ${o.status}.`, {
      organisationId: String(o.id),
      status: o.status,
    });
  }
}

/** The association that approved an organisation and holds its approval on a day (Art. 3, 19); null if none does. */
export async function approverOn(tx: Db, organisationId: number, on: string): Promise<number | null> {
  const held = await data.relationshipsFromOnOrAfter(tx, organisationId, ['APPROVAL'], on);
  return held.find((r) => r.validFrom <= on)?.toId ?? null;
}

/**
 * R19.authority: only the approving association sanctions or deregisters (guidance is not approval), and it must
 * hold the approval both on the effective date `on` and on the day the action is taken (`today`), so that after a
 * transfer neither the old district nor the new one can act on the other's time by choosing the date.
 */
export async function requireApprover(tx: Db, o: OrganisationRow, by: string, on: string, today: string, action: string): Promise<number> {
  const byId = parseId(by, 'by');
  for (const [day, what] of [[on, `on the effective date ${on}`], [today, `today (${today})`]] as const) {
    const approver = await approverOn(tx, o.id, day);
    if (approver !== byId) {
      throw ruleViolation('R19.authority', `only the association holding the approval of ${o.nameZh} (${o.id}) ${what} may ${action} it: expected by = "${approver}", received "${by}".`, {
        expected: approver === null ? null : String(approver),
        received: by,
        on: day,
      });
    }
  }
  return byId;
}

export function requireOrder(earlier: string, later: string, what: string): void {
  if (later < earlier) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected ${what} on or after ${earlier}, received ${later}.`, { expected: `>= ${earlier}`, received: later });
  }
}
