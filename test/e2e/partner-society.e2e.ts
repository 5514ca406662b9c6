// A partner learned society federates its own data onto our Person: its subgraph, outside the hub, composes with
// the hub's three subgraphs, and the gateway answers one query across all four.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Listening, loadConfig } from '@cq/service-kit';
import { startGateway } from '@cq/gateway';
import { composeSupergraph } from '../../schema/compose.ts';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { partnerSdl, startPartnerSubgraph } from '../partner/society.ts';
import { parse } from 'graphql';

let t: TestGraph;
let partner: Listening;
let gateway: Listening;

beforeAll(async () => {
  t = await startTestGraph();
  partner = await startPartnerSubgraph({ '50': [{ society: '重庆市机械工程学会', grade: '会士', since: '2019' }] });
  const supergraphSdl = composeSupergraph([{ name: 'society', url: partner.url, typeDefs: parse(partnerSdl) }]);
  gateway = await startGateway({
    host: '127.0.0.1',
    port: 0,
    supergraphSdl,
    auth: loadConfig().auth,
    limits: loadConfig().limits,
    production: false,
    subgraphUrls: { ...Object.fromEntries(Object.entries(t.graph.subgraphs).map(([name, s]) => [name, s.url])), society: partner.url } as never,
  });
});
afterAll(async () => {
  await gateway?.close();
  await partner?.close();
  await t?.close();
});

describe('A partner subgraph composed with the hub', () => {
  it('adds its fields to Person, answered through the gateway beside the hub’s own', async () => {
    const d = expectData(
      await t.query(
        `{ person(id: "50") { id nameZh fellowships { society grade since } societyLinks { societyMemberNo society { nameZh kind } } } }`,
        {},
        gateway.url,
      ),
    );
    expect(d.person).toMatchObject({
      id: '50',
      nameZh: expect.any(String),
      fellowships: [{ society: '重庆市机械工程学会', grade: '会士', since: '2019' }],
    });
    // The demo data links every fiftieth person to a learned society, as a partner would have.
    expect(d.person.societyLinks).toEqual([{ societyMemberNo: 'S00000050', society: { nameZh: expect.stringMatching(/学会$/), kind: 'LEARNED_SOCIETY' } }]);
  });

  it('fails composition when a partner redefines a hub field, so a partner cannot take over our data', () => {
    const hostile = parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Person @key(fields: "id") { id: ID! nameZh: Int! }`);
    expect(() => composeSupergraph([{ name: 'hostile', url: 'http://127.0.0.1:1/graphql', typeDefs: hostile }])).toThrow(/Composition failed/);
  });
});
