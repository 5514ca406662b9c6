// The checks a partner's SDL passes before it is composed with the hub's (docs/partners.md, "What is refused").
// Composition alone would let a partner do things no partner may: take over a hub field with @override, have the
// gateway fetch hub data and hand it to the partner (@external, @requires, @provides, @fromContext), put its fields
// on the hub's interfaces (@interfaceObject), or redefine a hub enum, input or scalar that the hub's own subgraphs
// share. A partner may add new fields to a hub entity through one of the hub's keys, and new types and root fields
// of its own; nothing else of the hub's.
import { type ConstDirectiveNode, type DefinitionNode, type DocumentNode, type FieldDefinitionNode, getLocation, type InputValueDefinitionNode, Kind, type NameNode, parse, Source } from 'graphql';
import { partnerProblem } from './report.ts';

type TypeKind = 'object' | 'interface' | 'enum' | 'input' | 'scalar' | 'union';

/** What the hub defines, read from its subgraphs' SDL. */
export interface HubModel {
  kinds: Map<string, TypeKind>;
  /** Fields each object or interface type has in any hub subgraph. */
  fields: Map<string, Set<string>>;
  /** The hub's keys of each entity, normalised (`"id"`), and the fields they name. */
  keys: Map<string, { fieldSets: Set<string>; fields: Set<string> }>;
  /** Root fields by operation. */
  roots: Record<Operation, Set<string>>;
}

type Operation = 'query' | 'mutation' | 'subscription';
const DEFAULT_ROOTS: Record<Operation, string> = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };

const KIND_OF: Partial<Record<Kind, TypeKind>> = {
  [Kind.OBJECT_TYPE_DEFINITION]: 'object',
  [Kind.OBJECT_TYPE_EXTENSION]: 'object',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'interface',
  [Kind.INTERFACE_TYPE_EXTENSION]: 'interface',
  [Kind.ENUM_TYPE_DEFINITION]: 'enum',
  [Kind.ENUM_TYPE_EXTENSION]: 'enum',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'input',
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: 'input',
  [Kind.SCALAR_TYPE_DEFINITION]: 'scalar',
  [Kind.SCALAR_TYPE_EXTENSION]: 'scalar',
  [Kind.UNION_TYPE_DEFINITION]: 'union',
  [Kind.UNION_TYPE_EXTENSION]: 'union',
};

const KIND_NAMES: Record<TypeKind, [zh: string, en: string]> = {
  object: ['类型', 'type'],
  interface: ['接口', 'interface'],
  enum: ['枚举', 'enum'],
  input: ['输入类型', 'input'],
  scalar: ['标量', 'scalar'],
  union: ['联合类型', 'union'],
};

interface TypeNode {
  kind: Kind;
  name: NameNode;
  directives?: readonly ConstDirectiveNode[] | undefined;
  fields?: readonly (FieldDefinitionNode | InputValueDefinitionNode)[] | undefined;
  values?: readonly { name: NameNode; directives?: readonly ConstDirectiveNode[] | undefined }[] | undefined;
}

const typeNodes = (document: DocumentNode): TypeNode[] => document.definitions.filter((d: DefinitionNode) => KIND_OF[d.kind] !== undefined) as unknown as TypeNode[];

/** Root type names by operation, as the document's schema definition (if any) says. */
function rootTypes(document: DocumentNode): Record<Operation, string> {
  const roots = { ...DEFAULT_ROOTS };
  for (const d of document.definitions) {
    if (d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION) for (const op of d.operationTypes ?? []) roots[op.operation as Operation] = op.type.name.value;
  }
  return roots;
}

const argument = (directive: ConstDirectiveNode, name: string) => {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
};

/** `"id  org { id }"` → `id org { id }`; and the top-level fields it names. */
function keyFields(fields: string): { fieldSet: string; fields: string[] } {
  const fieldSet = fields.trim().replace(/\s+/g, ' ');
  try {
    const operation = parse(`{ ${fields} }`).definitions[0];
    const names = operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])) : [];
    return { fieldSet, fields: names };
  } catch {
    return { fieldSet, fields: [] };
  }
}

export function hubModel(documents: DocumentNode[]): HubModel {
  const model: HubModel = { kinds: new Map(), fields: new Map(), keys: new Map(), roots: { query: new Set(), mutation: new Set(), subscription: new Set() } };
  for (const document of documents) {
    const roots = rootTypes(document);
    for (const node of typeNodes(document)) {
      const name = node.name.value;
      const operation = (Object.keys(roots) as Operation[]).find((op) => roots[op] === name);
      if (operation) {
        for (const field of node.fields ?? []) model.roots[operation].add(field.name.value);
        continue;
      }
      model.kinds.set(name, KIND_OF[node.kind]!);
      const fields = model.fields.get(name) ?? new Set<string>();
      for (const field of node.fields ?? []) fields.add(field.name.value);
      model.fields.set(name, fields);
      for (const directive of node.directives ?? []) {
        const fieldsArgument = directive.name.value === 'key' ? argument(directive, 'fields') : undefined;
        if (fieldsArgument === undefined) continue;
        const key = keyFields(fieldsArgument);
        const keys = model.keys.get(name) ?? { fieldSets: new Set<string>(), fields: new Set<string>() };
        keys.fieldSets.add(key.fieldSet);
        for (const f of key.fields) keys.fields.add(f);
        model.keys.set(name, keys);
      }
    }
  }
  return model;
}

/** The directives a partner may not use anywhere, by their federation name. */
const FORBIDDEN: Record<string, [zh: string, en: string]> = {
  override: ['不得用 @override 接管本平台的字段', 'may not take over a field with @override'],
  ...Object.fromEntries(
    ['external', 'requires', 'provides', 'context', 'fromContext'].map((d) => [
      d,
      [`不得使用 @${d}：合作方不能让网关读取本平台的数据再交给它`, `may not use @${d}: a partner may not have the gateway fetch hub data and hand it over`],
    ]),
  ),
  interfaceObject: ['不得使用 @interfaceObject：合作方不能为本平台的接口及其类型添加字段', "may not use @interfaceObject: a partner may not add fields to the hub's interfaces and the types implementing them"],
};

/** Directives a partner may put on a hub entity it extends and on the key fields it repeats. */
const ON_HUB_TYPE = new Set(['key', 'shareable']);
const ON_HUB_KEY_FIELD = new Set(['shareable']);

const FEDERATION_LINK = /^https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+$/;

/** Maps the names a partner's SDL uses for federation's directives (imports may rename them) to federation's own. */
function federationNames(document: DocumentNode): ((name: string) => string) | undefined {
  for (const d of document.definitions) {
    if (d.kind !== Kind.SCHEMA_DEFINITION && d.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of d.directives ?? []) {
      if (link.name.value !== 'link' || !FEDERATION_LINK.test(argument(link, 'url') ?? '')) continue;
      const prefix = `${(argument(link, 'as') ?? 'federation').replace(/^@/, '')}__`;
      const renamed = new Map<string, string>();
      const imports = link.arguments?.find((a) => a.name.value === 'import')?.value;
      for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
        if (item.kind === Kind.STRING) renamed.set(item.value.replace(/^@/, ''), item.value.replace(/^@/, ''));
        if (item.kind === Kind.OBJECT) {
          const field = (n: string) => {
            const v = item.fields.find((f) => f.name.value === n)?.value;
            return v?.kind === Kind.STRING ? v.value.replace(/^@/, '') : undefined;
          };
          const original = field('name');
          if (original) renamed.set(field('as') ?? original, original);
        }
      }
      return (name) => renamed.get(name) ?? (name.startsWith(prefix) ? name.slice(prefix.length) : name);
    }
  }
  return undefined;
}

/**
 * The problems of one partner's SDL against the hub, each naming the partner, what and where (file:line:column);
 * none when the partner may be composed.
 */
export function checkPartnerSdl(partner: string, sdl: string, source: string, hub: HubModel): string[] {
  let document: DocumentNode;
  const text = new Source(sdl, source);
  try {
    document = parse(text);
  } catch (error) {
    return [partnerProblem(partner, 'SDL 无法解析', `the SDL does not parse: ${error instanceof Error ? error.message : String(error)}`)];
  }
  const at = (node: { loc?: { start: number } | undefined }) => {
    if (!node.loc) return source;
    const { line, column } = getLocation(text, node.loc.start);
    return `${source}:${line}:${column}`;
  };
  const federation = federationNames(document);
  if (!federation) {
    return [
      partnerProblem(
        partner,
        'SDL 须以 extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) 声明联邦 2',
        'the SDL must link Federation 2: extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])',
      ),
    ];
  }
  const problems: string[] = [];
  const directivesOf = (node: { directives?: readonly ConstDirectiveNode[] | undefined }) => (node.directives ?? []).map((d) => ({ node: d, name: federation(d.name.value) }));

  // Anywhere: the directives no partner may use.
  const forbidden = (node: { directives?: readonly ConstDirectiveNode[] | undefined }, coordinate: string) => {
    for (const { node: d, name } of directivesOf(node)) {
      const why = FORBIDDEN[name];
      if (why) problems.push(partnerProblem(partner, `${coordinate} 上：${why[0]}`, `on ${coordinate}: ${why[1]}`, at(d)));
    }
  };
  for (const node of typeNodes(document)) {
    const type = node.name.value;
    forbidden(node, type);
    for (const field of node.fields ?? []) {
      forbidden(field, `${type}.${field.name.value}`);
      for (const arg of 'arguments' in field ? (field.arguments ?? []) : []) forbidden(arg, `${type}.${field.name.value}(${arg.name.value}:)`);
    }
    for (const value of node.values ?? []) forbidden(value, `${type}.${value.name.value}`);
  }

  // The hub's types, and its root fields.
  const roots = rootTypes(document);
  const byName = new Map<string, TypeNode[]>();
  for (const node of typeNodes(document)) byName.set(node.name.value, [...(byName.get(node.name.value) ?? []), node]);
  for (const [type, nodes] of byName) {
    const operation = (Object.keys(roots) as Operation[]).find((op) => roots[op] === type);
    if (operation) {
      for (const field of nodes.flatMap((n) => n.fields ?? [])) {
        if (!hub.roots[operation].has(field.name.value)) continue;
        const coordinate = `${DEFAULT_ROOTS[operation]}.${field.name.value}`;
        problems.push(partnerProblem(partner, `根字段 ${coordinate} 属于本平台，不能重新定义`, `root field ${coordinate} belongs to the hub and may not be redefined`, at(field)));
      }
      continue;
    }
    const hubKind = hub.kinds.get(type);
    if (!hubKind) continue;
    const hubKeys = hub.keys.get(type);
    const keys = nodes.flatMap((n) => directivesOf(n).filter((d) => d.name === 'key'));
    if (hubKind !== 'object' || !hubKeys || keys.length === 0 || nodes.some((n) => KIND_OF[n.kind] !== 'object')) {
      const [zh, en] = KIND_NAMES[hubKind];
      const extend = hubKind === 'object' && hubKeys ? `type ${type} @key(fields: "${[...hubKeys.fieldSets][0]}")` : undefined;
      problems.push(
        partnerProblem(
          partner,
          `${zh} ${type} 属于本平台，不能重新定义${extend ? `；要为它添加字段，请用 ${extend}` : ''}`,
          `${en} ${type} belongs to the hub and may not be redefined${extend ? `; to add fields to it, declare ${extend}` : ''}`,
          at(nodes[0]!.name),
        ),
      );
      continue;
    }
    // A hub entity the partner extends: through one of the hub's keys, repeating only the key fields, adding fields.
    const allowed = new Set<string>();
    for (const { node: d } of keys) {
      const key = keyFields(argument(d, 'fields') ?? '');
      if (!hubKeys.fieldSets.has(key.fieldSet)) {
        const theirs = [...hubKeys.fieldSets].map((k) => `"${k}"`).join(', ');
        problems.push(partnerProblem(partner, `${type} 上的 @key(fields: "${key.fieldSet}") 不是本平台的键（本平台的键：${theirs}）`, `@key(fields: "${key.fieldSet}") on ${type} is not one of the hub's keys (${theirs})`, at(d)));
      } else {
        for (const f of key.fields) allowed.add(f);
      }
    }
    for (const node of nodes) {
      for (const { node: d, name } of directivesOf(node)) {
        if (!ON_HUB_TYPE.has(name) && !FORBIDDEN[name]) problems.push(partnerProblem(partner, `不得在本平台的类型 ${type} 上使用 @${d.name.value}`, `may not put @${d.name.value} on the hub's type ${type}`, at(d)));
      }
      for (const field of node.fields ?? []) {
        const coordinate = `${type}.${field.name.value}`;
        if (!hub.fields.get(type)?.has(field.name.value)) continue;
        if (!allowed.has(field.name.value)) {
          problems.push(partnerProblem(partner, `字段 ${coordinate} 属于本平台，不能重新定义`, `field ${coordinate} belongs to the hub and may not be redefined`, at(field)));
          continue;
        }
        for (const { node: d, name } of directivesOf(field)) {
          if (!ON_HUB_KEY_FIELD.has(name) && !FORBIDDEN[name]) problems.push(partnerProblem(partner, `不得在本平台的字段 ${coordinate} 上使用 @${d.name.value}`, `may not put @${d.name.value} on the hub's field ${coordinate}`, at(d)));
        }
      }
    }
  }
  return problems;
}
