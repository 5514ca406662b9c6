// Hive Gateway (or its runtime) in front of our subgraphs, for installations that outgrow one Node process
// (docs/production-gateway.md). It composes nothing of ours and needs one thing from us: the subgraphs answer only a
// request that carries the gateway's signed word about the caller (INTERNAL_HEADER), so the caller's bearer token is
// verified once per request, as our gateway does, and the identity is signed for each subgraph.
import type { GatewayConfigBase, GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ANONYMOUS, callerIdentity, type Identity, INTERNAL_HEADER, internalIdentitySigner, type UserTokenKeys } from '@cq/service-kit';

export interface HiveIdentityOptions extends UserTokenKeys {
  /** INTERNAL_SECRET: shared by the gateway and the subgraphs only. */
  internalSecret: string;
}

interface IdentityContext {
  cqIdentity?: Identity;
}

/**
 * The configuration Hive Gateway needs beside its supergraph: spread it into `defineConfig` (the CLI's
 * gateway.config.ts) or `createGatewayRuntime`. No token is the anonymous public directory; a token that does not
 * verify is refused with UNAUTHENTICATED, never served as anonymous.
 */
export function hiveIdentityConfig(options: HiveIdentityOptions): Pick<GatewayConfigBase<IdentityContext>, 'plugins' | 'propagateHeaders'> {
  const identityOf = callerIdentity(options);
  const sign = internalIdentitySigner(options.internalSecret);
  const verifyCaller: GatewayPlugin<IdentityContext> = {
    async onContextBuilding({ context, extendContext }) {
      extendContext({ cqIdentity: await identityOf(context.request.headers.get('authorization')) });
    },
  };
  return {
    plugins: () => [verifyCaller],
    propagateHeaders: {
      fromClientToSubgraphs: async ({ context, subgraphName }) => ({ [INTERNAL_HEADER]: await sign(context.cqIdentity ?? ANONYMOUS, subgraphName) }),
    },
  };
}

/** The supergraph with each subgraph's URL replaced where `urls` names it (the composed file carries the defaults). */
export function supergraphAt(supergraphSdl: string, urls: Partial<Record<string, string>>): string {
  return supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g, (whole, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
}
