// The floor as a process of its own (processes.ts), on DATABASE_URL, listening on FLOOR_PORT.
import { todayInChina } from '@cq/domain';
import { openDatabase } from '@cq/db';
import { startFloor } from './floor.ts';
import { benchQueries } from './queries.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('Expected DATABASE_URL: the floor runs on the PostgreSQL database the services use.');
const database = await openDatabase({ url });
const asOf = todayInChina();
const floor = await startFloor(database, asOf, await benchQueries(database, asOf), Number(process.env.FLOOR_PORT ?? 0));
process.once('SIGTERM', () => void floor.close().then(() => database.close()).then(() => process.exit(0)));
