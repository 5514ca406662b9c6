// Who is asking. The gateway verifies the caller's JSON Web Token and forwards the identity to the subgraphs in a
// short-lived token of its own, signed with a secret only the services share, so that nobody can go around it.
import { createLocalJWKSet, jwtVerify, SignJWT, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
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
/** Who signs the identity a subgraph receives: the gateway, and nobody else. */
const INTERNAL_ISSUER = 'cq-gateway';
/** The longest an internal identity token may live: a replayed one is useless a minute later. */
const INTERNAL_LIFETIME_SECONDS = 60;
/** Each subgraph accepts only tokens addressed to it: one sent to a partner's subgraph cannot be replayed at ours. */
export const internalAudience = (subgraph: string) => `cq-subgraph:${subgraph}`;

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

/**
 * Remembers verified tokens until they expire, so that a caller's repeated requests (and every subgraph fetch of
 * one request) cost one signature check, not one each: WebCrypto makes each check far dearer than the lookup.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, { identity: Identity; expiresAt: number }>();
  constructor(private readonly capacity = 10_000) {}

  get(token: string): Identity | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.identity;
  }

  set(token: string, identity: Identity, exp: number | undefined): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    // Tokens without an expiry are re-checked after a minute.
    this.entries.set(token, { identity, expiresAt: exp ? exp * 1000 : Date.now() + 60_000 });
  }
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
    ? createLocalJWKSet(JSON.parse(readFileSync(keys.jwksFile, 'utf8')) as JSONWebKeySet)
    : new TextEncoder().encode(keys.secret ?? '');
  const verified = new VerifiedTokens();
  return async (token) => {
    const known = verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, { issuer: keys.issuer, audience: keys.audience }));
    } catch (error) {
      const reason = (error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'it has expired' : 'its signature or claims do not verify';
      throw unauthenticated(`Expected a valid bearer token, but ${reason}.`);
    }
    const identity = identityFromClaims(payload);
    verified.set(token, identity, payload.exp);
    return identity;
  };
}

/**
 * The caller behind an Authorization header, for a gateway (ours, or Hive Gateway's configuration in
 * gateway/src/hive.ts). No header: the anonymous public directory. A header that is not a bearer token, or a token
 * that does not verify: UNAUTHENTICATED (401), never a silent downgrade to anonymous.
 */
export function callerIdentity(keys: UserTokenKeys): (authorization: string | null | undefined) => Promise<Identity> {
  const verify = userTokenVerifier(keys);
  return async (header) => {
    if (!header) return ANONYMOUS;
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('Expected an Authorization header of the form "Bearer <token>".');
    return verify(token);
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

/** The gateway's word to one subgraph about who is asking; valid for one minute. */
export async function signInternalIdentity(identity: Identity, secret: string, subgraph: string): Promise<string> {
  return signInternal(identity, secret, subgraph);
}

/**
 * The gateway signs once per identity and reuses the token for half its life, so most requests sign nothing.
 */
export function internalIdentitySigner(secret: string): (identity: Identity, subgraph: string) => Promise<string> {
  const signed = new Map<string, { token: Promise<string>; renewAt: number }>();
  return (identity, subgraph) => {
    const key = `${subgraph}|${identity.role}|${identity.subject}|${identity.organisationId ?? ''}`;
    const entry = signed.get(key);
    if (entry && entry.renewAt > Date.now()) return entry.token;
    if (signed.size >= 10_000) signed.clear();
    const token = signInternal(identity, secret, subgraph);
    signed.set(key, { token, renewAt: Date.now() + (INTERNAL_LIFETIME_SECONDS * 1000) / 2 });
    return token;
  };
}

function signInternal(identity: Identity, secret: string, subgraph: string): Promise<string> {
  return new SignJWT({ role: identity.role, ...(identity.organisationId ? { org: String(identity.organisationId) } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(internalAudience(subgraph))
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_LIFETIME_SECONDS}s`)
    .sign(new TextEncoder().encode(secret));
}

const verifiedInternal = new VerifiedTokens();

/**
 * Accepts only a token the gateway signed for this subgraph, issued at most a minute ago and living at most a
 * minute: one forged with a longer life, or addressed to another subgraph, is refused.
 */
export async function verifyInternalIdentity(token: string | undefined, secret: string, subgraph: string): Promise<Identity> {
  if (!token) throw unauthenticated('Requests to a subgraph must come through the gateway; this one carries no identity from it.');
  // Cached by the token itself, which embeds its signature: a token signed with another secret is never found here.
  const known = verifiedInternal.get(`${subgraph}|${secret}|${token}`);
  if (known) return known;
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: INTERNAL_ISSUER,
      audience: internalAudience(subgraph),
      maxTokenAge: `${INTERNAL_LIFETIME_SECONDS}s`,
      requiredClaims: ['iat', 'exp'],
    });
    if (payload.exp! - payload.iat! > INTERNAL_LIFETIME_SECONDS) throw unauthenticated('Requests to a subgraph must come through the gateway; the identity it carries lives longer than a minute.');
    const identity = payload.role === 'ANONYMOUS' ? ANONYMOUS : identityFromClaims(payload);
    verifiedInternal.set(`${subgraph}|${secret}|${token}`, identity, payload.exp);
    return identity;
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    throw unauthenticated('Requests to a subgraph must come through the gateway; the identity it carries does not verify.');
  }
}
