// Cache hints: a subgraph tells the gateway how long its answer may be reused, in a Cache-Control header, and the
// gateway's answer cache (gateway/src/cache.ts) reuses a whole answer only as long as every part of it allows.
//
// The hints are written in the subgraph's schema, `@cacheControl(maxAge: <seconds>)` on a Query field (the
// aggregates) or on an entity type (District, which the gateway asks for by `_entities`). They are read once, and
// an answer gets the smallest maxAge of its root fields, or no header at all (not cacheable) when any root field
// has none. Per operation, not per field: Apollo's own cache-control plugin would wrap every resolver of every
// request to compute the same thing for the whole answer of an aggregate.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { type ConstDirectiveNode, type GraphQLSchema, isObjectType, Kind, OperationTypeNode } from 'graphql';

interface Hinted {
  readonly astNode?: { readonly directives?: readonly ConstDirectiveNode[] } | null | undefined;
  readonly extensionASTNodes?: readonly { readonly directives?: readonly ConstDirectiveNode[] }[];
}

function maxAgeOf(element: Hinted): number | undefined {
  const directives = [...(element.astNode?.directives ?? []), ...(element.extensionASTNodes ?? []).flatMap((n) => n.directives ?? [])];
  const value = directives.find((d) => d.name.value === 'cacheControl')?.arguments?.find((a) => a.name.value === 'maxAge')?.value;
  return value?.kind === Kind.INT ? Number(value.value) : undefined;
}

export function cacheHints(schema: GraphQLSchema): ApolloServerPlugin<BaseContext> {
  const rootFields = new Map<string, number>();
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const age = maxAgeOf(field);
    if (age !== undefined) rootFields.set(field.name, age);
  }
  const entityTypes = new Map<string, number>();
  for (const type of Object.values(schema.getTypeMap())) {
    const age = isObjectType(type) ? maxAgeOf(type) : undefined;
    if (age !== undefined) entityTypes.set(type.name, age);
  }
  return {
    async requestDidStart({ request }) {
      return {
        async willSendResponse({ operation, response }) {
          if (operation?.operation !== OperationTypeNode.QUERY || response.body.kind !== 'single' || response.body.singleResult.errors?.length) return;
          let age = Infinity;
          for (const selection of operation.selectionSet.selections) {
            if (selection.kind !== Kind.FIELD) return;
            const name = selection.name.value;
            if (name === '__typename') continue;
            if (name === '_entities') {
              const representations: unknown = request.variables?.representations;
              if (!Array.isArray(representations)) return;
              for (const representation of representations as { __typename?: string }[]) {
                const typeAge = entityTypes.get(String(representation.__typename));
                if (typeAge === undefined) return;
                age = Math.min(age, typeAge);
              }
              continue;
            }
            const fieldAge = rootFields.get(name);
            if (fieldAge === undefined) return;
            age = Math.min(age, fieldAge);
          }
          if (Number.isFinite(age) && age > 0) response.http.headers.set('cache-control', `max-age=${age}, private`);
        },
      };
    },
  };
}
