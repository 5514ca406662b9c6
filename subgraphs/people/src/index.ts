import { runSubgraph } from '@cq/common/subgraph';
import { openDatabase } from '@cq/db';
import { createPeopleSubgraph } from './server.ts';

await runSubgraph('people', openDatabase, createPeopleSubgraph);
