import { runSubgraph } from '@cq/service-kit/subgraph';
import { openDatabase } from '@cq/db';
import { createPeopleSubgraph } from './server.ts';

await runSubgraph('people', openDatabase, createPeopleSubgraph);
