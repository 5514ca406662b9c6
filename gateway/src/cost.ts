// What an operation may cost, computed against the schema before any subgraph is called: every field costs 1
// (scalars) or 2 (objects) plus what it selects, times the number of rows it may return. A paginated list returns
// at most its `first` (a literal, a variable, or the argument's default); a list without `first` is charged an
// assumed size (per field where it is known), as Apollo Router's demand control does, so that nesting unpaginated
// lists cannot slip through; the `edges` of a connection are already counted by its `first`. Runs after validation,
// so fragments hold no cycles.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  valueFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** Rows assumed for a list without `first` (posts, attendees, participants…): the default page size. */
export const ASSUMED_LIST_SIZE = 20;

/**
 * Lists whose size is known to differ from the assumption: an organisation's relationships run to hundreds for a
 * district association (with history, more), an activity has a few organisers, Chongqing has 41 districts.
 */
const KNOWN_LIST_SIZES: Record<string, number> = {
  'Organisation.relationships': 200,
  'Activity.organisers': 5,
  'Query.districts': 41,
};
const SCALAR_COST = 1;
const OBJECT_COST = 2;

export function operationCost(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      total += operationCost(schema, fragment.selectionSet, isCompositeType(condition) ? condition : type, fragments, variables);
      continue;
    }
    // On a union only __typename can be selected directly; its members come through the fragments above.
    if (selection.name.value.startsWith('__') || !('getFields' in type)) {
      total += SCALAR_COST;
      continue;
    }
    const field = type.getFields()[selection.name.value];
    if (!field || !selection.selectionSet) {
      total += SCALAR_COST;
      continue;
    }
    const named = getNamedType(field.type);
    const inner = isCompositeType(named) ? operationCost(schema, selection.selectionSet, named, fragments, variables) : 0;
    total += (OBJECT_COST + inner) * rowsOf(type, selection, field, variables);
  }
  return total;
}

function rowsOf(parent: GraphQLCompositeType, selection: FieldNode, field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>): number {
  const first = field.args.find((a) => a.name === 'first');
  if (first) {
    const node = selection.arguments?.find((a) => a.name.value === 'first');
    const value = node ? valueFromAST(node.value, first.type, variables) : first.defaultValue;
    return typeof value === 'number' && value > 0 ? value : 1;
  }
  if (!isListType(getNullableType(field.type))) return 1;
  return parent.name.endsWith('Connection') ? 1 : (KNOWN_LIST_SIZES[`${parent.name}.${field.name}`] ?? ASSUMED_LIST_SIZE);
}

/** Refuses, before execution, an operation whose cost exceeds `maxCost`: 400 under graphql-response+json. */
export function costLimit(maxCost: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          const root = operation && schema.getRootType(operation.operation);
          if (!operation || !root) return;
          const fragments = Object.fromEntries(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          const cost = operationCost(schema, operation.selectionSet, root, fragments, request.variables ?? {});
          if (cost <= maxCost) return;
          throw new GraphQLError(
            `Expected an operation costing at most ${maxCost}, received one costing ${cost}: ask for fewer rows (a smaller \`first\`) or fewer nested lists (a list without \`first\` counts as ${ASSUMED_LIST_SIZE} rows, or as docs/limits.md lists).`,
            { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 }, limit: 'cost', max: maxCost, received: cost } },
          );
        },
      };
    },
  };
}
