import { runSubgraph } from '@cq/service-kit/subgraph';
import { openDatabase } from '@cq/db';
import { createOrganisationsSubgraph } from './server.ts';

await runSubgraph('organisations', openDatabase, createOrganisationsSubgraph);
