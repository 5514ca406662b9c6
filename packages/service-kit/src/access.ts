// Who may see and change what (roles and scopes). Each subgraph asks these questions in its resolvers; the answers
// about scope come from a per-request loader over the shared hierarchy read model.
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import type { Identity, Role } from './auth.ts';

export function forbidden(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', ...details } });
}

/** Refuses roles outside `roles`; the anonymous caller is told to authenticate rather than that it is forbidden. */
export function requireRole(identity: Identity, roles: readonly Role[], what: string): void {
  if (roles.includes(identity.role)) return;
  if (identity.role === 'ANONYMOUS') {
    throw new GraphQLError(`Expected a bearer token to ${what}; anonymous callers see the public directory only.`, { extensions: { code: 'UNAUTHENTICATED' } });
  }
  throw forbidden(`Expected one of the roles ${roles.join(', ')} to ${what}, received ${identity.role}.`, { role: identity.role });
}

/**
 * Per request: may the caller see and change organisation X in full? Municipal staff: everything. District staff:
 * their district association and what it approved or liaises with, with everything below. Secretariat and partner
 * society: their own organisation. Analysts and anonymous callers: nothing in full.
 */
export function scopeLoader(identity: Identity, withinDistrict: (districtId: number, ids: readonly number[]) => Promise<number[]>) {
  return new DataLoader<number, boolean>(async (ids) => {
    switch (identity.role) {
      case 'MUNICIPAL_STAFF':
        return ids.map(() => true);
      case 'DISTRICT_STAFF': {
        const inside = new Set(await withinDistrict(identity.organisationId!, ids));
        return ids.map((id) => inside.has(id));
      }
      case 'SECRETARIAT':
      case 'SOCIETY':
        return ids.map((id) => id === identity.organisationId);
      default:
        return ids.map(() => false);
    }
  });
}

export type ScopeLoader = ReturnType<typeof scopeLoader>;

/** Refuses unless the caller may see and change the organisation in full. */
export async function requireScope(identity: Identity, scope: ScopeLoader, organisationId: number, what: string): Promise<void> {
  if (await scope.load(organisationId)) return;
  if (identity.role === 'ANONYMOUS') requireRole(identity, [], what);
  throw forbidden(`Organisation ${organisationId} is outside what ${identity.role}${identity.organisationId ? ` of organisation ${identity.organisationId}` : ''} may see in full or change; expected it to ${what}.`, {
    organisationId: String(organisationId),
  });
}

export const STAFF: readonly Role[] = ['MUNICIPAL_STAFF', 'DISTRICT_STAFF', 'SECRETARIAT', 'SOCIETY'];
export const STRUCTURE_READERS: readonly Role[] = ['MUNICIPAL_STAFF', 'DISTRICT_STAFF', 'SECRETARIAT', 'SOCIETY', 'ANALYST'];
