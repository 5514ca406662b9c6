// The kit itself: the frame, and fixtures made through the commands.
import { queryRows } from '@cq/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKit, type Kit } from '../kit/index.ts';

let kit: Kit;
beforeAll(async () => {
  kit = await openKit();
});
afterAll(() => kit?.close());

describe('The rules test kit', () => {
  it('holds the municipal association and one district association per district, and builds an approved association under one', async () => {
    const id = await kit.association({ districtCode: '500106' });
    const [row] = await queryRows<{ status: string; level: string; path: number[] }>(
      kit.db,
      sql`select o.status, o.level, p.path from org.organisations o join hierarchy.paths p on p.organisation_id = o.id where o.id = ${id}`,
    );
    expect(row).toEqual({ status: 'ACTIVE', level: 'DISTRICT', path: [kit.municipalId, kit.districtId('500106'), id] });
    const person = await kit.person();
    const membership = await kit.member(person, id);
    expect(membership).toBeGreaterThan(0);
  });
});
