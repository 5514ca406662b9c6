// The people subgraph's answers to "who may see and change what". Persons are personal data: a caller sees a
// person in full when it may see one of the person's associations in full (the scope rules of @cq/service-kit), a partner
// society sees the public profile of the persons it linked, and nobody else sees more than the id.
import { ErrorCode, parseId, userError } from '@cq/domain';
import { forbidden, type Identity, requireRole, requireScope, type Role } from '@cq/service-kit';
import { GraphQLError } from 'graphql';
import type { Context } from './context.ts';
import type { PersonScope } from './data/people.ts';
import type { Visibility } from './visibility.ts';

function withheld(identity: Identity, personId: number, needed: Visibility): GraphQLError {
  return new GraphQLError(
    `Person ${personId}'s ${needed === 'PROFILE' ? 'profile' : 'personal data'} is withheld from ${identity.role}: expected a caller who may see one of the person's associations in full${needed === 'PROFILE' ? ' or a partner society that linked the person' : ''}.`,
    { extensions: { code: 'PERSONAL_DATA_WITHHELD', personId: String(personId) } },
  );
}

const RANK: Record<Visibility, number> = { NONE: 0, PROFILE: 1, FULL: 2 };

/** Resolves `value` only when the caller may see the person at `needed`; otherwise null with an error. */
export function personal<T>({ identity, loaders }: Context, personId: number, needed: Visibility, value: () => T | Promise<T>): T | Promise<T> {
  // Municipal staff see everyone: answer at once, without a loader round for every field of every person.
  if (identity.role === 'MUNICIPAL_STAFF') return value();
  return loaders.visibility.load(personId).then((seen) => {
    if (RANK[seen] >= RANK[needed]) return value();
    throw withheld(identity, personId, needed);
  });
}

/**
 * Reading the personal records of an association (members, meetings) and changing them: municipal staff, district
 * staff in scope, the association's own secretariat; `roles` widens it (a partner society for its own links).
 */
export const EDITORS: readonly Role[] = ['MUNICIPAL_STAFF', 'DISTRICT_STAFF', 'SECRETARIAT'];

export async function requireAssociation({ identity, loaders, audit }: Context, organisationId: number, what: string, roles: readonly Role[] = EDITORS): Promise<void> {
  // The organisation a change is about is what its audit record names, whether or not the change is allowed.
  audit.organisationId = organisationId;
  requireRole(identity, roles, what);
  await requireScope(identity, loaders.scope, organisationId, what);
}

/**
 * Whether a caller may know that a person exists: whoever may see at least the person's public profile. For anyone
 * else an existing person and a missing id must look the same.
 */
export async function mayKnowOf({ identity, loaders }: Context, personId: number): Promise<boolean> {
  return identity.role === 'MUNICIPAL_STAFF' || (await loaders.visibility.load(personId)) !== 'NONE';
}

/**
 * Whose persons a caller's search may match: persons tied (by a membership or a post) to an organisation the
 * caller may see in full, so that a filter never confirms anything about anyone else.
 */
export function personSearchScope(identity: Identity, today: string): PersonScope {
  switch (identity.role) {
    case 'MUNICIPAL_STAFF':
      return { kind: 'ALL' };
    case 'DISTRICT_STAFF':
      return { kind: 'DISTRICT', districtId: identity.organisationId!, on: today };
    default:
      return { kind: 'ORGANISATION', organisationId: identity.organisationId ?? 0 };
  }
}

/**
 * Art. 6, consent: the association that speaks for a person about a society's link. It must be one the person is a
 * member of today and one the caller may act for (municipal staff, district staff in scope, its secretariat); the
 * caller may name it, or the first such association by id is taken. Municipal staff may decide for a person who
 * is a member of none (null).
 */
export async function associationSpeakingFor(ctx: Context, personId: number, named: string | null | undefined, what: string): Promise<number | null> {
  const { identity, loaders } = ctx;
  requireRole(identity, EDITORS, what);
  const associations = await loaders.memberOf(ctx.today).load(personId);
  if (named != null) {
    const organisationId = parseId(named, 'organisationId');
    if (!associations.includes(organisationId)) {
      throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`organisationId\` to be an association person ${personId} is a member of today (${associations.join(', ') || 'none'}), received ${organisationId}.`, { argument: 'organisationId' });
    }
    await requireAssociation(ctx, organisationId, what);
    return organisationId;
  }
  const mayAct = await loaders.scope.loadMany(associations);
  const first = associations.find((_, i) => mayAct[i] === true);
  if (first !== undefined) {
    ctx.audit.organisationId = first;
    return first;
  }
  if (identity.role === 'MUNICIPAL_STAFF') return null;
  throw forbidden(`Expected ${identity.role}${identity.organisationId ? ` of organisation ${identity.organisationId}` : ''} to act for an association person ${personId} is a member of today, to ${what}; none of theirs is.`, { personId: String(personId) });
}
