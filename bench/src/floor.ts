// The floor: each query's answer from SQL alone, served as JSON over plain HTTP: the nested query's from one
// hand-written statement (the same bytes as the gateway's answer), the others' from the data functions behind them.
// What the graph costs above this is the price of GraphQL, federation and the gateway.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { queryRows, type Database } from '@cq/db';
import { sql } from 'drizzle-orm';
import type { BenchQuery } from './queries.ts';

/**
 * districts → their first 10 associations (GUIDANCE or APPROVAL in force on `asOf`, by id) → member count and first
 * 5 members (memberships in force, by membership id), as municipal staff see it. It builds the gateway's answer
 * itself, edges, string ids and key order included, so that both send the same bytes and the bench can check they
 * agree.
 */
export const floorSql = (asOf: string) => sql`
  select json_build_object('data', json_build_object('organisations', json_build_object('edges',
    coalesce(json_agg(json_build_object('node', json_build_object(
      'id', d.id::text, 'nameZh', d.name_zh, 'children', json_build_object('edges', c.edges))) order by d.id), '[]'::json)))) as answer
  from (select id, name_zh from org.organisations where kind = 'DISTRICT_ASSOCIATION' order by id limit 41) d
  cross join lateral (
    select coalesce(json_agg(json_build_object('node', json_build_object(
      'id', o.id::text, 'nameZh', o.name_zh, 'memberCount', mc.n, 'members', json_build_object('edges', mm.edges))) order by o.id), '[]'::json) as edges
    from (
      select o.id, o.name_zh from org.organisations o
      where o.id in (select r.from_id from org.relationships r
                     where r.to_id = d.id and r.kind in ('GUIDANCE', 'APPROVAL')
                       and r.valid_from <= ${asOf}::date and (r.valid_to is null or r.valid_to > ${asOf}::date))
      order by o.id limit 10
    ) o
    cross join lateral (
      select count(*)::int as n from people.memberships m
      where m.organisation_id = o.id and m.valid_from <= ${asOf}::date and (m.valid_to is null or m.valid_to > ${asOf}::date)
    ) mc
    cross join lateral (
      select coalesce(json_agg(json_build_object('node', json_build_object('person',
        json_build_object('id', x.person_id::text, 'nameZh', x.name_zh))) order by x.id), '[]'::json) as edges
      from (
        select m.id, m.person_id, p.name_zh from people.memberships m join people.persons p on p.id = m.person_id
        where m.organisation_id = o.id and m.valid_from <= ${asOf}::date and (m.valid_to is null or m.valid_to > ${asOf}::date)
        order by m.id limit 5
      ) x
    ) mm
  ) c`;

export interface Floor {
  /** The floor of one query: POST or GET `<url><query id>` */
  url: string;
  close(): Promise<void>;
}

/**
 * Answers `/<query id>` with that query's floor: the nested query's answer from floorSql, every other query's from the
 * data functions behind it (BenchQuery.rawSql) as JSON, whatever the request's body. `/ready` answers 200.
 */
export async function startFloor(database: Database, asOf: string, queries: BenchQuery[], port = 0): Promise<Floor> {
  const answers = new Map<string, () => Promise<unknown>>(
    queries.flatMap((q) => (q.floor ? [[q.id, async () => (await queryRows<{ answer: unknown }>(database.db, floorSql(asOf)))[0]!.answer] as const] : q.rawSql ? [[q.id, q.rawSql] as const] : [])),
  );
  const server = http.createServer((req, res) => {
    // Drain the request body so that the connection can be kept alive.
    req.resume();
    const id = (req.url ?? '/').slice(1);
    if (id === 'ready') return void res.writeHead(200).end();
    const answer = answers.get(id);
    if (!answer) return void res.writeHead(404, { 'content-type': 'text/plain' }).end(`No floor for ${id}`);
    answer().then(
      (result) => {
        const body = JSON.stringify(result);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      (error: unknown) => {
        // A 500 shows up in the bench's error count; an unhandled rejection would end the process mid-run.
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error instanceof Error ? error.message : String(error));
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
