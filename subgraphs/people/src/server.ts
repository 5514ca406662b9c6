// Builds the people subgraph without side effects; index.ts is what listens.
import { requestContext } from '@cq/service-kit';
import { subgraphServer } from '@cq/service-kit/subgraph';
import { journal, type Db } from '@cq/db';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

export const createPeopleSubgraph = (db: Db) => subgraphServer('people', resolvers, (identity) => requestContext(db, createLoaders, identity), journal);
