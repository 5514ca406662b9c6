// The organisations subgraph's answers to "who may see and change what" (roles and scopes in @cq/service-kit).
import { requireRole, requireScope, type Role, STRUCTURE_READERS } from '@cq/service-kit';
import type { Context } from './context.ts';

/** Changes to the structure: municipal staff, and district staff within their district's scope. */
const EDITORS: readonly Role[] = ['MUNICIPAL_STAFF', 'DISTRICT_STAFF'];

/**
 * Refuses unless the caller may act for `organisationId`. The audit record names the organisation the change is
 * about (`about`: the sanctioned association, not the sanctioning one), whether or not the change is allowed.
 */
export async function requireEditor({ identity, loaders, audit }: Context, organisationId: number, what: string, about = organisationId): Promise<void> {
  audit.organisationId = about;
  requireRole(identity, EDITORS, what);
  await requireScope(identity, loaders.scope, organisationId, what);
}

/** Official records of one organisation (events, applications, sanctions): whoever may see it in full. */
export async function requireRecords({ identity, loaders }: Context, organisationId: number, what: string): Promise<void> {
  requireRole(identity, STRUCTURE_READERS, what);
  await requireScope(identity, loaders.scope, organisationId, what);
}

/** The structure beyond the public directory (relationships, paths, neighbourhoods): analysts and staff. */
export function requireStructure({ identity }: Context, what: string): void {
  requireRole(identity, STRUCTURE_READERS, what);
}
