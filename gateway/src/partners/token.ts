// A partner's own token. A partner society's subgraph is not ours: it must never hold the secret the hub's subgraphs
// share. The gateway vouches to a partner for who is asking with an EdDSA (Ed25519) token of the partner's own
// (audience `cq-partner:<name>`), which the partner verifies with the public key set served at
// /.well-known/jwks.json; the hub's subgraphs accept HS256 with the internal secret only, so a partner cannot replay
// what it received at them, and the audience keeps partner A from replaying it at partner B.
import { readFileSync } from 'node:fs';
import type { Identity } from '@cq/service-kit';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importPKCS8, type JSONWebKeySet, SignJWT } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** Who signs: the gateway, as for the hub's own subgraphs. */
export const PARTNER_ISSUER = 'cq-gateway';
/** Each partner accepts only tokens addressed to it. */
export const partnerAudience = (partner: string) => `cq-partner:${partner}`;
const LIFETIME_SECONDS = 60;
const ALGORITHM = 'EdDSA';

export interface PartnerSigner {
  /** The identity token for one partner subgraph; reused for half its minute, like the internal one. */
  sign: (identity: Identity, partner: string) => Promise<string>;
  /** The public key set partners verify with (GET /.well-known/jwks.json). */
  jwks: JSONWebKeySet;
  kid: string;
}

/**
 * The key from `keyFile` (PKCS8 PEM of an Ed25519 key: `openssl genpkey -algorithm ed25519`), or one generated now.
 * A generated key lasts as long as the process: partners fetch the new public key when they meet its `kid`.
 */
export async function partnerSigner(keyFile: string | undefined): Promise<PartnerSigner> {
  let privateKey: PrivateKey;
  if (keyFile) {
    try {
      privateKey = await importPKCS8(readFileSync(keyFile, 'utf8'), ALGORITHM, { extractable: true });
    } catch (error) {
      throw new Error(`Invalid PARTNER_SIGNING_KEY_FILE ${keyFile}: expected the PKCS8 PEM of an Ed25519 key (openssl genpkey -algorithm ed25519), but ${error instanceof Error ? error.message : String(error)}.`);
    }
  } else {
    ({ privateKey } = await generateKeyPair(ALGORITHM, { extractable: true }));
  }
  const { kty, crv, x } = await exportJWK(privateKey);
  if (kty !== 'OKP' || crv !== 'Ed25519' || !x) throw new Error(`Invalid PARTNER_SIGNING_KEY_FILE ${keyFile}: expected an Ed25519 key, received ${kty}/${crv}.`);
  const publicJwk = { kty, crv, x };
  const kid = await calculateJwkThumbprint(publicJwk);
  const signed = new Map<string, { token: Promise<string>; renewAt: number }>();
  return {
    kid,
    jwks: { keys: [{ ...publicJwk, kid, alg: ALGORITHM, use: 'sig' }] },
    sign: (identity, partner) => {
      const key = `${partner}|${identity.role}|${identity.subject}|${identity.organisationId ?? ''}`;
      const entry = signed.get(key);
      if (entry && entry.renewAt > Date.now()) return entry.token;
      if (signed.size >= 10_000) signed.clear();
      const token = new SignJWT({ role: identity.role, ...(identity.organisationId ? { org: String(identity.organisationId) } : {}) })
        .setProtectedHeader({ alg: ALGORITHM, kid, typ: 'JWT' })
        .setSubject(identity.subject)
        .setIssuer(PARTNER_ISSUER)
        .setAudience(partnerAudience(partner))
        .setIssuedAt()
        .setExpirationTime(`${LIFETIME_SECONDS}s`)
        .sign(privateKey);
      signed.set(key, { token, renewAt: Date.now() + (LIFETIME_SECONDS * 1000) / 2 });
      return token;
    },
  };
}
