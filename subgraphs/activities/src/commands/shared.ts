// What the activities subgraph's commands share. Each command checks a change against its rules inside one
// transaction and writes an event row in activities.events in the same transaction; a refused change writes nothing.
// Rule ids (extensions.rule) are listed in docs/activities.md.
import { type Db, inTransaction as runInTransaction } from '@cq/db';
import { type DomainError, ErrorCode, hasMembers, MAX_TEXT, MEMBER_KINDS, parseId, requiredText, ruleViolation, userError } from '@cq/domain';
import { unknownOrganisations } from '@cq/db/hierarchy';
import * as data from '../data/shared.ts';

export const ONE_PER_YEAR = 'one evaluation per association per year';

/** Local associations (地方科协, Art. 40): the municipal association and the district associations. */
export const LOCAL_ASSOCIATIONS: ReadonlySet<string> = new Set(['MUNICIPAL_ASSOCIATION', 'DISTRICT_ASSOCIATION']);

/** R20.active: an association of a kind that has members, active on `on`; otherwise the refusal says which it is not. */
export function requireActiveMemberAssociation(o: { id: number; kind: string; status: string | null }, on: string, what: string, argument: string): void {
  if (!hasMembers(o.kind)) {
    throw ruleViolation('R20.active', `only an association of a kind that has members may ${what}: expected one of ${[...MEMBER_KINDS].join(', ')}, but organisation ${o.id} is a ${o.kind}.`, {
      argument,
      expected: [...MEMBER_KINDS],
      received: o.kind,
    });
  }
  if (o.status !== 'ACTIVE') {
    throw ruleViolation('R20.active', `only an active association may ${what}: expected organisation ${o.id} to be ACTIVE on ${on}, but it is ${o.status ?? 'not yet founded'} then.`, {
      argument,
      expected: 'ACTIVE',
      received: o.status,
    });
  }
}

/** Unique indexes a concurrent writer can make the database enforce after our own check passed: the same refusal. */
function translate({ code, constraint }: { code: string; constraint: string | undefined }): DomainError | undefined {
  if (code !== '23505') return undefined;
  if (constraint === 'evaluations_organisation_id_year_index') {
    return ruleViolation('R40.evaluation', `${ONE_PER_YEAR}, and another request recorded this association's evaluation for that year first.`);
  }
  if (constraint === 'financial_reports_one_per_year_and_audience') {
    return ruleViolation('R42.funding', 'one financial report per association, year and audience, and another request recorded this one first.');
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

/** A day that has come: records say what happened, not what will. */
export function notAfterToday(day: string, today: string, argument: string, rule: string, why: string): void {
  if (day > today) {
    throw ruleViolation(rule, `${why}: expected \`${argument}\` on or before today (${today}, China Standard Time), received ${day}.`, {
      argument,
      expected: `<= ${today}`,
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
