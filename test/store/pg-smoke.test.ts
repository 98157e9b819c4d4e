import pg from 'pg';
import { expect, inject, it } from 'vitest';
it.skipIf(inject('pgSkip') !== '')('reaches the throw-away cluster', async () => {
  const c = new pg.Client({ connectionString: inject('pgUrl') });
  await c.connect();
  const r = await c.query('select version() v');
  await c.end();
  expect(r.rows[0].v).toMatch(/PostgreSQL 15/);
});
