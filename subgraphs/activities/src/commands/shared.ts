// What the activities subgraph's commands share. Each command checks a change against its rules inside one
// transaction and writes an event row in activities.events in the same transaction; a refused change writes nothing.
// Rule ids (extensions.rule) are listed in docs/activities.md.
import { type Db, inTransaction as runInTransaction } from '@cq/db';
import { type DomainError, ErrorCode, MAX_TEXT, parseId, requiredText, ruleViolation, userError } from '@cq/domain';
import { unknownOrganisations } from '@cq/db/hierarchy';
import * as data from '../data/shared.ts';

export const ONE_PER_YEAR = 'one evaluation per association per year';

/** Unique indexes a concurrent writer can make the database enforce after our own check passed: the same refusal. */
function translate({ code, constraint }: { code: string; constraint: string | undefined }): DomainError | undefined {
  if (code !== '23505') return undefined;
  if (constraint === 'evaluations_organisation_id_year_index') {
    return ruleViolation('R40.evaluation', `${ONE_PER_YEAR}, and another request recorded this association's evaluation for that year first.`);
  }
  if (constraint === 'participations_activity_id_person_id_pk') {
    return userError(ErrorCode.DUPLICATE, 'Expected the person not yet to take part in the activity, but another request added them first.');
  }
  return undefined;
}

export const inTransaction = <T>(db: Db, command: (tx: Db) => Promise<T>) => runInTransaction(db, command, translate);

/** Free text an activity or award requires (a title, a problem, an outcome): trimmed, non-blank, bounded. */
export const nonEmpty = (value: string, argument: string): string => requiredText(value, argument, MAX_TEXT);

export function yearOf(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 2000 || value > 2100) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`${argument}\` from 2000 to 2100, received ${value}.`, { argument, received: value });
  }
  return value;
}

/** A day that may not fall before the year it is about (an evaluation or report of the year's work). */
export function notBeforeYear(day: string, year: number, argument: string): void {
  if (day < `${year}-01-01`) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`${argument}\` on or after ${year}-01-01, the start of the year it is about, received ${day}.`, {
      argument,
      received: day,
    });
  }
}

/** The organisations named, each one checked to exist (NOT_FOUND naming the first unknown one). */
export async function organisations(tx: Db, ids: readonly string[], argument: string): Promise<number[]> {
  const parsed = ids.map((id) => parseId(id, argument));
  const [unknown] = await unknownOrganisations(tx, [...new Set(parsed)]);
  if (unknown !== undefined) throw userError(ErrorCode.NOT_FOUND, `No Organisation has id "${unknown}" (\`${argument}\`).`, { type: 'Organisation', id: String(unknown), argument });
  return parsed;
}

export const organisation = async (tx: Db, id: string, argument: string) => (await organisations(tx, [id], argument))[0]!;

interface Event {
  subjectType: string;
  subjectId: number;
  organisationId: number | null;
  kind: string;
  before?: Record<string, unknown>;
  after: Record<string, unknown>;
}

export const event = (tx: Db, actor: string, e: Event) => data.insertEvent(tx, { ...e, before: e.before ?? null, actor });
