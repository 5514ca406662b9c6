// Registered operations only (trusted documents). In production an operator can have the gateway answer only the
// operations registered at build time (gateway/operations/manifest.json: the dashboards' and the explorer's), so a
// stolen token cannot be used to run queries nobody reviewed. A client sends a registered operation's text, or only
// its hash as an automatic persisted query (`extensions.persistedQuery.sha256Hash`); anything else is refused.
import { readFileSync } from 'node:fs';
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const committedManifest = new URL('../operations/manifest.json', import.meta.url);

interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; body: string }[];
}

export function loadManifest(path: string | URL = committedManifest): Manifest {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`Expected ${String(path)} to be a persisted query manifest (format "apollo-persisted-query-manifest", version 1), received another shape.`);
  }
  return manifest as Manifest;
}

/** The Apollo Server options that answer registered operations by hash and refuse every other operation. */
export function trustedDocumentsOnly(manifest: Manifest): Pick<ApolloServerOptions<BaseContext>, 'persistedQueries'> & { plugin: ApolloServerPlugin<BaseContext> } {
  const bodies = new Map(manifest.operations.map((o) => [o.id, o.body]));
  return {
    // Apollo Server asks its cache under "apq:<hash>". Read-only: nothing new can be registered by sending it.
    persistedQueries: {
      cache: {
        get: (key: string) => Promise.resolve(bodies.get(key.replace(/^apq:/, ''))),
        set: () => Promise.resolve(),
        delete: () => Promise.resolve(true),
      },
    },
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ queryHash, operationName }) {
            if (bodies.has(queryHash)) return;
            throw new GraphQLError(
              `只接受已登记的操作 · Expected one of the ${bodies.size} registered operations (gateway/operations), sent as written there or by its SHA-256 hash; received an unregistered operation${operationName ? ` named ${operationName}` : ''}.`,
              { extensions: { code: 'OPERATION_NOT_REGISTERED', http: { status: 400 } } },
            );
          },
        };
      },
    },
  };
}
