// How an operation's answer becomes a table: read from the operation and the API schema, before anything runs, so an
// export has its column headers even when it has no rows, and an operation that is not a table is refused up front.
//
// The operation selects one root field. Its rows are the first list found going down the selection: a connection's
// `edges { node }` (or `nodes`), or any list field; the fields selected above that list become columns repeated on
// every row (an organisation's name beside each line of its `activityStats`). No list: one row. The columns are the
// leaf fields of a row, nested objects flattened (`district.nameZh`); a list inside a row is one cell.
import {
  type FieldNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isEnumType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  type SelectionSetNode,
  type DocumentNode,
  type FragmentDefinitionNode,
} from 'graphql';
import { enumLabel, fieldLabel } from './labels.ts';

export interface Column {
  /** Response keys from the row (aliases as the client chose them). */
  path: string[];
  /** Where the column starts from: the row, or an object above the rows (repeated on each row). */
  from: 'row' | number;
  header: string;
  kind: 'number' | 'text' | 'enum' | 'list';
  /** For enums: the Chinese name of each value that has one. */
  enumNames?: ReadonlyMap<string, string>;
}

export interface Table {
  /** The root field's response key. */
  root: string;
  /** Response keys from the root field's value down to the list of rows; `[]`: the value itself is the row. */
  steps: Step[];
  columns: Column[];
  /** The root field is a connection the operation can page through with these variables. */
  paging?: { after: string; first?: string; pageInfo: string; hasNextPage: string; endCursor: string };
  /** The response key of the connection's totalCount, when selected. */
  totalCount?: string;
}

/** One move from an object down towards the rows: into a field, and whether that field is a list. */
interface Step {
  key: string;
  list: boolean;
}

export const notTabular = (message: string) =>
  new GraphQLError(`不能导出为表格 · ${message}`, { extensions: { code: 'EXPORT_NOT_TABULAR', http: { status: 400 } } });

export function planTable(schema: GraphQLSchema, document: DocumentNode, operationName?: string): Table {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) throw notTabular(`Expected one query operation${operationName ? ` named ${operationName}` : ''}, received ${operations.length} operations${operationName ? ' without that name' : ''}.`);
  if (operation.operation !== OperationTypeNode.QUERY) throw notTabular(`Expected a query, received a ${operation.operation}.`);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const roots = fieldsOf(operation.selectionSet, fragments);
  if (roots.length !== 1) throw notTabular(`Expected an operation that selects one root field, received ${roots.length}: ${roots.map((f) => f.name.value).join(', ')}.`);
  const rootNode = roots[0]!;
  const rootField = schema.getQueryType()?.getFields()[rootNode.name.value];
  if (!rootField) throw notTabular(`Expected a field of Query, received ${rootNode.name.value}.`);

  const steps: Step[] = [];
  const above: Column[] = [];
  let node: FieldNode = rootNode;
  let type: GraphQLOutputType = rootField.type;
  let rowSelection: SelectionSetNode | undefined;
  let rowType: GraphQLOutputType = type;
  let paging: Table['paging'];
  let totalCount: string | undefined;
  // Walk down until the list of rows (or a leaf object with no list below it).
  for (;;) {
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      steps.push({ key: keyOf(node), list: true });
      rowSelection = node.selectionSet;
      rowType = nullable.ofType;
      break;
    }
    const object = getNamedType(type);
    if (!isObjectType(object) || !node.selectionSet) throw notTabular(`Expected ${rootNode.name.value} to give objects or a list, received ${String(type)}.`);
    steps.push({ key: keyOf(node), list: false });
    const children = fieldsOf(node.selectionSet, fragments);
    const edges = children.find((f) => f.name.value === 'edges');
    const edgeNode = edges && fieldsOf(edges.selectionSet, fragments).find((f) => f.name.value === 'node');
    if (edges && edgeNode && isListType(getNullableType(fieldOf(object, 'edges').type))) {
      // A connection: rows are its nodes; paging when it is the root field and takes `after` from a variable.
      if (steps.length === 1) {
        paging = pagingOf(rootNode, children, fragments);
        totalCount = children.find((f) => f.name.value === 'totalCount') && keyOf(children.find((f) => f.name.value === 'totalCount')!);
      }
      steps.push({ key: keyOf(edges), list: true }, { key: keyOf(edgeNode), list: false });
      rowSelection = edgeNode.selectionSet;
      rowType = fieldOf(getNamedType(fieldOf(object, 'edges').type) as GraphQLObjectType, 'node').type;
      break;
    }
    const tabular = children.filter((f) => leadsToList(fieldOf(object, f.name.value).type));
    if (tabular.length > 1) throw notTabular(`Expected at most one list under ${keyOf(node)}, received ${tabular.length}: ${tabular.map(keyOf).join(', ')}.`);
    // The other fields here are columns repeated on every row.
    const level = steps.length - 1;
    for (const child of children) {
      if (child !== tabular[0]) above.push(...columnsOf(object, child, [keyOf(child)], level, fragments));
    }
    if (!tabular[0]) {
      // No list below: the object itself is the one row, its fields the columns already gathered.
      return { root: keyOf(rootNode), steps, columns: above.map((c) => ({ ...c, from: 'row' as const })) };
    }
    node = tabular[0];
    type = fieldOf(object, node.name.value).type;
  }
  const named = getNamedType(rowType);
  const rowColumns: Column[] = isObjectType(named) && rowSelection
    ? fieldsOf(rowSelection, fragments).flatMap((f) => columnsOf(named, f, [keyOf(f)], 'row', fragments))
    : [{ path: [], from: 'row', header: fieldLabel(steps.at(-1)!.key, undefined), kind: isLeafType(named) && isEnumType(named) ? 'enum' : 'text' }];
  return { root: keyOf(rootNode), steps, columns: [...above, ...rowColumns], ...(paging ? { paging } : {}), ...(totalCount ? { totalCount } : {}) };
}

function pagingOf(root: FieldNode, children: FieldNode[], fragments: Map<string, FragmentDefinitionNode>): Table['paging'] {
  const variableOf = (name: string) => {
    const value = root.arguments?.find((a) => a.name.value === name)?.value;
    return value?.kind === Kind.VARIABLE ? value.name.value : undefined;
  };
  const after = variableOf('after');
  const pageInfo = children.find((f) => f.name.value === 'pageInfo');
  const selected = new Map(pageInfo ? fieldsOf(pageInfo.selectionSet, fragments).map((f) => [f.name.value, keyOf(f)]) : []);
  const hasNextPage = selected.get('hasNextPage');
  const endCursor = selected.get('endCursor');
  if (!after || !pageInfo || !hasNextPage || !endCursor) return undefined;
  const first = variableOf('first');
  return { after, ...(first ? { first } : {}), pageInfo: keyOf(pageInfo), hasNextPage, endCursor };
}

function columnsOf(parent: GraphQLObjectType, node: FieldNode, path: string[], from: Column['from'], fragments: Map<string, FragmentDefinitionNode>): Column[] {
  if (node.name.value === '__typename') return [];
  const field = fieldOf(parent, node.name.value);
  const named = getNamedType(field.type);
  const header = (kind: Column['kind'], extra: Partial<Column> = {}): Column => ({
    path,
    from,
    header: fieldLabel(field.name, field.description),
    kind,
    ...extra,
  });
  if (isListType(getNullableType(field.type))) return [header('list')];
  if (isEnumType(named)) return [header('enum', { enumNames: new Map(named.getValues().flatMap((v) => { const zh = enumLabel(v.name, v.description); return zh ? [[v.name, zh] as const] : []; })) })];
  if (isLeafType(named)) return [header(named.name === 'Int' || named.name === 'Float' ? 'number' : 'text')];
  if (isObjectType(named) && node.selectionSet) {
    return fieldsOf(node.selectionSet, fragments).flatMap((child) =>
      columnsOf(named, child, [...path, keyOf(child)], from, fragments).map((c) => ({ ...c, header: `${fieldLabel(node.name.value, field.description)}${c.header}` })),
    );
  }
  return [];
}

/** The column headers: each field's Chinese name, then its path in the answer for those who read English. */
export function finalHeaders(columns: Column[]): string[] {
  return columns.map((c) => `${c.header}（${c.path.join('.') || 'value'}）`);
}

function leadsToList(type: GraphQLOutputType): boolean {
  return isListType(getNullableType(type)) || (isObjectType(getNamedType(type)) && 'edges' in (getNamedType(type) as GraphQLObjectType).getFields());
}

function fieldOf(type: GraphQLObjectType, name: string): GraphQLField<unknown, unknown> {
  const field = type.getFields()[name];
  if (!field) throw notTabular(`Expected a field of ${type.name}, received ${name}.`);
  return field;
}

const keyOf = (node: FieldNode) => node.alias?.value ?? node.name.value;

/** The fields of a selection, fragments spread in place (export does not tell types apart). */
function fieldsOf(selection: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>): FieldNode[] {
  return (selection?.selections ?? []).flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s];
    if (s.kind === Kind.INLINE_FRAGMENT) return fieldsOf(s.selectionSet, fragments);
    return fieldsOf(fragments.get(s.name.value)?.selectionSet, fragments);
  });
}
