// The one place the environment is read. Everything else receives plain values.
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const url = z.string().url().optional();

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: url,
  ORGANISATIONS_DATABASE_URL: url,
  PEOPLE_DATABASE_URL: url,
  ACTIVITIES_DATABASE_URL: url,
  PGLITE_DIR: z.string().default('.data/pglite'),
  DEMO_SCALE: z.enum(['tiny', 'small', 'large']).default('small'),
  GATEWAY_PORT: port(4000),
  ORGANISATIONS_PORT: port(4001),
  PEOPLE_PORT: port(4002),
  ACTIVITIES_PORT: port(4003),
  ORGANISATIONS_URL: url,
  PEOPLE_URL: url,
  ACTIVITIES_URL: url,
  AUTH_SECRET: z.string().min(32).optional(),
  AUTH_JWKS_FILE: z.string().optional(),
  AUTH_ISSUER: z.string().optional(),
  AUTH_AUDIENCE: z.string().optional(),
  INTERNAL_SECRET: z.string().min(32).optional(),
  IDENTITY_NUMBER_KEY: z.string().min(32).optional(),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(15),
  GRAPHQL_MAX_COST: z.coerce.number().int().positive().default(50_000),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().positive().default(30),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().positive().default(3_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  RESPONSE_MAX_BYTES: z.coerce.number().int().positive().default(8_000_000),
  TRUSTED_DOCUMENTS_ONLY: z.stringbool().default(false),
  TRUSTED_DOCUMENTS_FILE: z.string().optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1_200),
  EXPORT_MAX_ROWS: z.coerce.number().int().positive().default(100_000),
  CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(60),
  METRICS_ENABLED: z.stringbool().default(true),
  OTEL_EXPORTER_OTLP_ENDPOINT: url,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url,
  PARTNERS_FILE: z.string().min(1).optional(),
  PARTNER_SIGNING_KEY_FILE: z.string().min(1).optional(),
  PARTNERS_POLL_SECONDS: z.coerce.number().int().min(0).default(30),
});

// Development and tests (NODE_ENV=development or test, said explicitly) run on these; anything else refuses to start
// without real secrets, so a deployment that forgot NODE_ENV does not run on secrets printed in the source.
const DEVELOPMENT_AUTH_SECRET = 'development-only-user-token-secret-do-not-deploy';
const DEVELOPMENT_INTERNAL_SECRET = 'development-only-gateway-to-subgraph-secret-do-not-deploy';
const DEVELOPMENT_IDENTITY_NUMBER_KEY = 'development-only-identity-number-hash-key-do-not-deploy';

export const SUBGRAPHS = ['organisations', 'people', 'activities'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export interface Config {
  production: boolean;
  host: string;
  /** The embedded database's folder, used when a subgraph has no database URL. */
  pgliteDir: string;
  demoScale: 'tiny' | 'small' | 'large';
  gatewayPort: number;
  subgraphs: Record<SubgraphName, { port: number; databaseUrl: string | undefined; url: string }>;
  /**
   * Limits the gateway applies to every operation (docs/limits.md). `timeoutMs`: the deadline of a whole request,
   * shared by every subgraph call within it; `maxResponseBytes`: the largest answer, from a subgraph or to the
   * client; `ratePerMinute`: requests one caller may send the gateway a minute (0 turns the limit off);
   * `exportMaxRows`: the most rows of one export (docs/exports.md).
   */
  limits: { maxDepth: number; maxCost: number; maxAliases: number; maxTokens: number; timeoutMs: number; maxResponseBytes: number; ratePerMinute: number; exportMaxRows: number };
  /** The gateway's answer cache (docs/dashboards.md): the longest an answer is reused; 0 turns the cache off. */
  cache: { maxAgeSeconds: number };
  /** Metrics and traces (docs/operations.md). */
  observability: Observability;
  /** Partner societies' subgraphs (docs/partners.md). */
  partners: Partners;
  /** `only`: the gateway answers registered operations only, those of `file` (default gateway/operations/manifest.json). */
  trustedDocuments: { only: boolean; file: string | undefined };
  auth: {
    /** HS256 secret for callers' tokens (unless a JWKS file is given) */
    secret: string;
    jwksFile: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
    /** Shared by the gateway and the subgraphs only */
    internalSecret: string;
    /** True when the development defaults are in use: `npm start` then prints a token per role. */
    development: boolean;
    /**
     * The people subgraph's key for hashing citizen identity numbers (HMAC-SHA256): partner societies match their
     * members by it. Undefined in production when not configured: matching by identity number is then refused.
     */
    identityNumberKey: string | undefined;
  };
}

export interface Partners {
  /** The partners file (JSON: `{ "partners": [{ name, url, sdlFile | introspect }] }`); undefined: the hub alone. */
  file: string | undefined;
  /** A PKCS8 PEM Ed25519 key that signs partners' identity tokens; undefined: one generated at each start. */
  signingKeyFile: string | undefined;
  /** How often the gateway looks for a changed partners file or SDL file, in seconds; 0: never (reload by hand). */
  pollSeconds: number;
}

export interface Observability {
  /** Prometheus metrics at /metrics on every service. */
  metrics: boolean;
  /** Where to send trace spans (OTLP over HTTP); undefined: no tracing at all, nothing leaves the machine. */
  tracesEndpoint: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const developmentSecretsAllowed = e.NODE_ENV === 'development' || e.NODE_ENV === 'test';
  if (!developmentSecretsAllowed && (!(e.AUTH_SECRET || e.AUTH_JWKS_FILE) || !e.INTERNAL_SECRET)) {
    throw new Error(
      `Invalid environment: expected AUTH_SECRET (or AUTH_JWKS_FILE) and INTERNAL_SECRET, each of 32 characters or more, ` +
        `or NODE_ENV=development (or test) for the development secrets; received NODE_ENV=${e.NODE_ENV ?? '(unset)'} without them.`,
    );
  }
  const subgraph = (port: number, databaseUrl: string | undefined, url: string | undefined) => ({
    port,
    databaseUrl: databaseUrl ?? e.DATABASE_URL,
    url: url ?? `http://${e.HOST}:${port}/graphql`,
  });
  return {
    production,
    host: e.HOST,
    pgliteDir: e.PGLITE_DIR,
    demoScale: e.DEMO_SCALE,
    gatewayPort: e.GATEWAY_PORT,
    subgraphs: {
      organisations: subgraph(e.ORGANISATIONS_PORT, e.ORGANISATIONS_DATABASE_URL, e.ORGANISATIONS_URL),
      people: subgraph(e.PEOPLE_PORT, e.PEOPLE_DATABASE_URL, e.PEOPLE_URL),
      activities: subgraph(e.ACTIVITIES_PORT, e.ACTIVITIES_DATABASE_URL, e.ACTIVITIES_URL),
    },
    limits: { maxDepth: e.GRAPHQL_MAX_DEPTH, maxCost: e.GRAPHQL_MAX_COST, maxAliases: e.GRAPHQL_MAX_ALIASES, maxTokens: e.GRAPHQL_MAX_TOKENS, timeoutMs: e.REQUEST_TIMEOUT_MS, maxResponseBytes: e.RESPONSE_MAX_BYTES, ratePerMinute: e.RATE_LIMIT_PER_MINUTE, exportMaxRows: e.EXPORT_MAX_ROWS },
    cache: { maxAgeSeconds: e.CACHE_MAX_AGE_SECONDS },
    trustedDocuments: { only: e.TRUSTED_DOCUMENTS_ONLY, file: e.TRUSTED_DOCUMENTS_FILE },
    observability: {
      metrics: e.METRICS_ENABLED,
      // As OpenTelemetry's own variables mean it: the traces endpoint as given, or /v1/traces under the general one.
      tracesEndpoint: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/*$/, '/v1/traces'),
    },
    partners: { file: e.PARTNERS_FILE, signingKeyFile: e.PARTNER_SIGNING_KEY_FILE, pollSeconds: e.PARTNERS_POLL_SECONDS },
    auth: {
      secret: e.AUTH_SECRET ?? DEVELOPMENT_AUTH_SECRET,
      jwksFile: e.AUTH_JWKS_FILE,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      internalSecret: e.INTERNAL_SECRET ?? DEVELOPMENT_INTERNAL_SECRET,
      development: !e.AUTH_SECRET && !e.AUTH_JWKS_FILE,
      identityNumberKey: e.IDENTITY_NUMBER_KEY ?? (developmentSecretsAllowed ? DEVELOPMENT_IDENTITY_NUMBER_KEY : undefined),
    },
  };
}
