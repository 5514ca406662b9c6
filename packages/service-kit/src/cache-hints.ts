// Cache hints: a subgraph tells the gateway how long its answer may be reused, in a Cache-Control header, and the
// gateway's answer cache (gateway/src/cache.ts) reuses a whole answer only as long as every part of it allows.
//
// The hints are written in the subgraph's schema, `@cacheControl(maxAge: <seconds>)` on a Query field (the
// aggregates, the directory's reads), on an entity type (Organisation, which the gateway asks for by `_entities`),
// or on a field of an entity type that another subgraph owns (people's `Organisation.memberCount`): an entity
// request is cacheable when its type has a hint or every field it selects has one (the representation's own keys
// aside). A hint covers everything below the field it is on. They are read once, and an answer gets the smallest
// maxAge of its parts, or no header at all (not cacheable) when any part has none. Per operation, not per field:
// Apollo's own cache-control plugin would wrap every resolver of every request to compute the same thing for the
// whole answer.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { type ConstDirectiveNode, type GraphQLSchema, isObjectType, Kind, OperationTypeNode, type SelectionSetNode } from 'graphql';

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
  const entityFields = new Map<string, Map<string, number>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type === schema.getQueryType()) continue;
    const age = maxAgeOf(type);
    if (age !== undefined) entityTypes.set(type.name, age);
    const fields = new Map<string, number>();
    for (const field of Object.values(type.getFields())) {
      const fieldAge = maxAgeOf(field);
      if (fieldAge !== undefined) fields.set(field.name, fieldAge);
    }
    if (fields.size) entityFields.set(type.name, fields);
  }
  /** The smallest maxAge of what `_entities` selects for this representation, undefined when a part has none. */
  const entityAge = (representation: Record<string, unknown>, selections: SelectionSetNode | undefined): number | undefined => {
    const typename = String(representation.__typename);
    const typeAge = entityTypes.get(typename);
    if (typeAge !== undefined) return typeAge;
    const fields = entityFields.get(typename);
    let age = Infinity;
    let selected = false;
    for (const fragment of selections?.selections ?? []) {
      if (fragment.kind === Kind.FIELD && fragment.name.value === '__typename') continue;
      if (fragment.kind !== Kind.INLINE_FRAGMENT) return undefined;
      if (fragment.typeCondition?.name.value !== typename) continue;
      for (const selection of fragment.selectionSet.selections) {
        if (selection.kind !== Kind.FIELD) return undefined;
        const name = selection.name.value;
        if (name === '__typename' || name in representation) continue;
        const fieldAge = fields?.get(name);
        if (fieldAge === undefined) return undefined;
        age = Math.min(age, fieldAge);
        selected = true;
      }
    }
    return selected ? age : undefined;
  };
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
              // Representations of one type carry the same keys: one look per type.
              const byType = new Map<unknown, number | undefined>();
              for (const representation of representations as Record<string, unknown>[]) {
                if (!byType.has(representation.__typename)) byType.set(representation.__typename, entityAge(representation, selection.selectionSet));
                const partAge = byType.get(representation.__typename);
                if (partAge === undefined) return;
                age = Math.min(age, partAge);
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
