// The floor: the nested query's answer from one hand-written SQL statement, served as JSON over plain HTTP. What the
// graph costs above this is the price of GraphQL, federation and the gateway.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { queryRows, type Database } from '@cq/db';
import { sql } from 'drizzle-orm';

/** districts → their first 10 associations → member count and first 5 members, as of `asOf`. */
export const nestedSql = (asOf: string) => sql`
  select coalesce(json_agg(json_build_object('id', d.id, 'nameZh', d.name_zh, 'children', c.children) order by d.id), '[]') as answer
  from org.organisations d
  cross join lateral (
    select coalesce(json_agg(json_build_object('id', o.id, 'nameZh', o.name_zh, 'memberCount', mc.n, 'members', mm.members) order by o.id), '[]') as children
    from (
      select o.id, o.name_zh from org.organisations o
      where o.id in (select r.from_id from org.relationships r where r.to_id = d.id and r.kind in ('GUIDANCE', 'APPROVAL')
                     and r.valid_from <= ${asOf}::date and (r.valid_to is null or r.valid_to > ${asOf}::date))
      order by o.id limit 10
    ) o
    cross join lateral (select count(*)::int as n from people.memberships m where m.organisation_id = o.id
                        and m.valid_from <= ${asOf}::date and (m.valid_to is null or m.valid_to > ${asOf}::date)) mc
    cross join lateral (
      select coalesce(json_agg(json_build_object('id', x.person_id, 'nameZh', x.name_zh) order by x.id), '[]') as members
      from (select m.id, m.person_id, p.name_zh from people.memberships m join people.persons p on p.id = m.person_id
            where m.organisation_id = o.id and m.valid_from <= ${asOf}::date and (m.valid_to is null or m.valid_to > ${asOf}::date)
            order by m.id limit 5) x
    ) mm
  ) c
  where d.kind = 'DISTRICT_ASSOCIATION'`;

export async function startFloor(database: Database, asOf: string) {
  const server = http.createServer(async (_req, res) => {
    const [row] = await queryRows<{ answer: unknown }>(database.db, nestedSql(asOf));
    const body = JSON.stringify({ data: row!.answer });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
