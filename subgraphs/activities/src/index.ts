import { runSubgraph } from '@cq/service-kit/subgraph';
import { openDatabase } from '@cq/db';
import { createActivitiesSubgraph } from './server.ts';

await runSubgraph('activities', openDatabase, createActivitiesSubgraph);
