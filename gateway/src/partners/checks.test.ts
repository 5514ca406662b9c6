// The checks a partner's SDL passes before composition, against the hub's real SDL (schema/*.graphql).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hubServices } from '../../../schema/compose.ts';
import { checkPartnerSdl, hubModel } from './checks.ts';
import { composeWithPartners } from './compose.ts';

const hub = hubModel(hubServices().map((s) => s.typeDefs));
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@override", "@external", "@requires", "@provides", "@interfaceObject", "@inaccessible"])';
const check = (sdl: string) => checkPartnerSdl('cqmes', `${LINK}\n${sdl}`, 'cqmes.graphql', hub);
const example = readFileSync(new URL('../../../examples/partner-society/schema.graphql', import.meta.url), 'utf8');

describe('A partner SDL', () => {
  it('passes when it adds fields to a hub entity through the hub key, and types and root fields of its own', () => {
    expect(checkPartnerSdl('cqmes', example, 'schema.graphql', hub)).toEqual([]);
    expect(check('type Organisation @key(fields: "id") { id: ID! fellowsCount: Int! }\ntype Query { societyNews: [String!]! }\ntype Fellowship { grade: String! }')).toEqual([]);
  });

  it('is refused when it redefines a hub field, naming the partner, the field and where, in Chinese and English', () => {
    expect(check('type Person @key(fields: "id") {\n  id: ID!\n  nameZh: String\n}')).toEqual([
      '合作方 cqmes：字段 Person.nameZh 属于本平台，不能重新定义 (partner cqmes: field Person.nameZh belongs to the hub and may not be redefined) — cqmes.graphql:4:3',
    ]);
  });

  it('is refused for @override, however the import names it', () => {
    expect(check('type Person @key(fields: "id") { id: ID! fellowships: [String!] @override(from: "people") }').join('\n')).toMatch(/Person\.fellowships.*@override/);
    const renamed = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", { name: "@override", as: "@take" }])\ntype Person @key(fields: "id") { id: ID! x: Int @take(from: "people") }';
    expect(checkPartnerSdl('cqmes', renamed, 'r.graphql', hub).join('\n')).toMatch(/@override/);
    const namespaced = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype Person @key(fields: "id") { id: ID! x: Int @federation__override(from: "people") }';
    expect(checkPartnerSdl('cqmes', namespaced, 'n.graphql', hub).join('\n')).toMatch(/@override/);
  });

  it('is refused for @requires of the hub’s contact details, and for @external and @provides: the gateway hands no hub data to a partner', () => {
    const problems = check('type Person @key(fields: "id") { id: ID! contact: ContactDetails @external emailDomain: String @requires(fields: "contact { email }") }\ntype ContactDetails { email: String @external }');
    const text = problems.join('\n');
    expect(text).toContain('Person.emailDomain');
    expect(text).toMatch(/@requires: a partner may not have the gateway fetch hub data/);
    expect(text).toMatch(/on Person\.contact: may not use @external/);
    expect(text).toContain('field Person.contact belongs to the hub');
    expect(text).toContain('type ContactDetails belongs to the hub');
    expect(check('type Query { boss: Person @provides(fields: "id") }\ntype Person @key(fields: "id") { id: ID! }').join('\n')).toMatch(/@provides/);
  });

  it('is refused for @interfaceObject, a hub enum, input or scalar, a hub type without @key, a key that is not the hub’s, and the hub’s root fields', () => {
    expect(check('type Node @key(fields: "id") @interfaceObject { id: ID! x: Int }').join('\n')).toMatch(/@interfaceObject/);
    expect(check('enum PersonCategory { A }').join('\n')).toContain('enum PersonCategory belongs to the hub');
    expect(check('input PersonFilter { a: Int }').join('\n')).toContain('input PersonFilter belongs to the hub');
    expect(check('scalar Date').join('\n')).toContain('scalar Date belongs to the hub');
    expect(check('type Person { id: ID! extra: Int }').join('\n')).toContain('type Person belongs to the hub and may not be redefined; to add fields to it, declare type Person @key(fields: "id")');
    expect(check('type Person @key(fields: "nameZh") { nameZh: String extra: Int }').join('\n')).toMatch(/@key\(fields: "nameZh"\) on Person is not one of the hub's keys[\s\S]*field Person\.nameZh belongs to the hub/);
    expect(check('type Query { person(id: ID!): String }').join('\n')).toContain('root field Query.person belongs to the hub');
    expect(check('type Person @key(fields: "id") @inaccessible { id: ID! }').join('\n')).toContain("may not put @inaccessible on the hub's type Person");
    expect(check('type Person @key(fields: "id") { id: ID! @inaccessible }').join('\n')).toContain("may not put @inaccessible on the hub's field Person.id");
  });

  it('is refused without a Federation 2 link, or when it does not parse', () => {
    expect(checkPartnerSdl('cqmes', 'type Query { a: Int }', 'x.graphql', hub).join('\n')).toContain('must link Federation 2');
    expect(checkPartnerSdl('cqmes', 'type {', 'x.graphql', hub).join('\n')).toContain('does not parse');
  });
});

describe('Composition with partners', () => {
  it('leaves out the partner that breaks composition and keeps the others', () => {
    const sdl = (field: string) => `${LINK}\ntype Person @key(fields: "id") { id: ID! ${field}: String }`;
    const loaded = [
      { name: 'first', url: 'http://127.0.0.1:1/graphql', source: 'first.graphql', sdl: sdl('motto'), problems: [] },
      { name: 'second', url: 'http://127.0.0.1:2/graphql', source: 'second.graphql', sdl: sdl('motto'), problems: [] },
      { name: 'third', url: 'http://127.0.0.1:3/graphql', source: 'third.graphql', sdl: sdl('homepage'), problems: [] },
    ];
    const { supergraphSdl, report } = composeWithPartners(loaded);
    expect(report.ok).toBe(false);
    expect(report.partners.map((p) => [p.name, p.accepted])).toEqual([
      ['first', true],
      ['second', false],
      ['third', true],
    ]);
    expect(report.partners[1]!.problems.join('\n')).toMatch(/^合作方 second：与本平台组合失败 \(partner second: composition failed\) — .*motto/);
    expect(supergraphSdl).toContain('motto');
    expect(supergraphSdl).toContain('homepage');
    expect(supergraphSdl).toContain('THIRD @join__graph(name: "third", url: "http://127.0.0.1:3/graphql")');
  });
});
