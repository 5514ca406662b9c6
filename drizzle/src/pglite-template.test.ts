import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, openDatabase, queryRows } from './client.ts';
import { templatePath } from './pglite-template.ts';

const scratch = mkdtempSync(join(tmpdir(), 'cq-template-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('The embedded database template', () => {
  it('is another template once a migration changes, so a stale one is never loaded', () => {
    const copy = join(scratch, 'migrations');
    cpSync(migrationsFolder, copy, { recursive: true });
    expect(templatePath(copy)).toBe(templatePath(migrationsFolder));
    writeFileSync(join(copy, '0099_next.sql'), 'select 1;');
    expect(templatePath(copy)).not.toBe(templatePath(migrationsFolder));
  });

  // Up to a minute: after a change of the migrations, the first open builds the template (initdb, every migration).
  it('gives a new embedded database every migration, then keeps what it holds on the next open', { timeout: 60_000 }, async () => {
    const dataDir = join(scratch, 'pglite');
    const first = await openDatabase({ dataDir });
    await first.migrate();
    const journal = (await import('../migrations/meta/_journal.json', { with: { type: 'json' } })).default as { entries: unknown[] };
    const applied = await queryRows<{ n: number }>(first.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(applied[0]!.n).toBe(journal.entries.length);
    await first.db.execute(sql`insert into org.districts (code, name_zh, name_en, kind, approval_mode) values ('T1', '测试区', 'Test', 'DISTRICT', 'APPROVAL')`);
    await first.close();
    const again = await openDatabase({ dataDir });
    expect(await queryRows(again.db, sql`select name_zh from org.districts where code = 'T1'`)).toEqual([{ name_zh: '测试区' }]);
    await again.close();
  });
});
