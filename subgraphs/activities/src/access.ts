// The activities subgraph's answers to "who may see and change what" (roles and scopes in @cq/service-kit).
import { requireRole, requireScope, type Role } from '@cq/service-kit';
import type { Context } from './context.ts';

/** Activities, awards and funding of an association: municipal staff, district staff in scope, its secretariat. */
export const EDITORS: readonly Role[] = ['MUNICIPAL_STAFF', 'DISTRICT_STAFF', 'SECRETARIAT'];

export async function requireEditor({ identity, loaders, audit }: Context, organisationId: number, what: string, roles: readonly Role[] = EDITORS): Promise<void> {
  // The organisation a change is about is what its audit record names, whether or not the change is allowed.
  audit.organisationId = organisationId;
  requireRole(identity, roles, what);
  await requireScope(identity, loaders.scope, organisationId, what);
}
