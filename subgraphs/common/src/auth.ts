// Who is asking. The gateway verifies the caller's JSON Web Token and forwards the identity to the subgraphs in a
// short-lived token of its own, signed with a secret only the services share, so that nobody can go around it.
import { createLocalJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';

export const ROLES = ['MUNICIPAL_STAFF', 'DISTRICT_STAFF', 'SECRETARIAT', 'SOCIETY', 'ANALYST'] as const;
export type Role = (typeof ROLES)[number] | 'ANONYMOUS';

/** Roles whose scope is one organisation: a district association, an association, a learned society. */
const SCOPED: Role[] = ['DISTRICT_STAFF', 'SECRETARIAT', 'SOCIETY'];

export interface Identity {
  subject: string;
  role: Role;
  /** The organisation a scoped role acts for; null for the others. */
  organisationId: number | null;
}

export const ANONYMOUS: Identity = { subject: 'anonymous', role: 'ANONYMOUS', organisationId: null };

/** How events and audit records name who did something. */
export const actorOf = (identity: Identity) => `${identity.role.toLowerCase()}:${identity.subject}`;

export const INTERNAL_HEADER = 'x-cq-identity';
const INTERNAL_AUDIENCE = 'cq-subgraphs';

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

function identityFromClaims(claims: JWTPayload): Identity {
  const role = claims.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw unauthenticated(`Expected the token's "role" claim to be one of ${ROLES.join(', ')}, received ${JSON.stringify(role)}.`);
  }
  const org = claims.org;
  const organisationId = typeof org === 'string' && /^[1-9][0-9]{0,9}$/.test(org) ? Number(org) : null;
  if (SCOPED.includes(role as Role) && organisationId === null) {
    throw unauthenticated(`Expected an "org" claim (an organisation id) for role ${role}, received ${JSON.stringify(org)}.`);
  }
  if (!claims.sub) throw unauthenticated('Expected a "sub" claim naming the user, received none.');
  return { subject: claims.sub, role: role as Role, organisationId: SCOPED.includes(role as Role) ? organisationId : null };
}

export interface UserTokenKeys {
  /** HS256 shared secret */
  secret?: string | undefined;
  /** A JSON Web Key Set file, for tokens signed by an identity provider */
  jwksFile?: string | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
}

/** Verifies a caller's bearer token; any failure is an UNAUTHENTICATED error with HTTP status 401. */
export function userTokenVerifier(keys: UserTokenKeys): (token: string) => Promise<Identity> {
  const key: Uint8Array | JWTVerifyGetKey = keys.jwksFile
    ? createLocalJWKSet(JSON.parse(readFileSync(keys.jwksFile, 'utf8')))
    : new TextEncoder().encode(keys.secret ?? '');
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, { issuer: keys.issuer, audience: keys.audience }));
    } catch (error) {
      const reason = (error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'it has expired' : 'its signature or claims do not verify';
      throw unauthenticated(`Expected a valid bearer token, but ${reason}.`);
    }
    return identityFromClaims(payload);
  };
}

export async function signUserToken(identity: Identity, secret: string, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ role: identity.role, ...(identity.organisationId ? { org: String(identity.organisationId) } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/** The gateway's word to a subgraph about who is asking; valid for one minute. */
export async function signInternalIdentity(identity: Identity, secret: string): Promise<string> {
  return new SignJWT({ role: identity.role, ...(identity.organisationId ? { org: String(identity.organisationId) } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(new TextEncoder().encode(secret));
}

export async function verifyInternalIdentity(token: string | undefined, secret: string): Promise<Identity> {
  if (!token) throw unauthenticated('Requests to a subgraph must come through the gateway; this one carries no identity from it.');
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { audience: INTERNAL_AUDIENCE });
    if (payload.role === 'ANONYMOUS') return ANONYMOUS;
    return identityFromClaims(payload);
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    throw unauthenticated('Requests to a subgraph must come through the gateway; the identity it carries does not verify.');
  }
}
