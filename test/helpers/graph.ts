// The whole graph for an end-to-end test: a fresh database with the `tiny` demo data, the three subgraphs and the
// gateway on free ports, and helpers to query it and count the SQL statements a request causes.
import { sqlStatements } from '@cq/db';
import { SCALES, seed, type ScaleName } from '@cq/db/seed';
import { startGraph, type RunningGraph } from '@cq/gateway';
import { openTestDatabase, type TestDatabase } from './database.ts';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestGraph {
  url: string;
  graph: RunningGraph;
  database: TestDatabase;
  query<T = any>(query: string, variables?: Record<string, unknown>, url?: string): Promise<GraphQLResponse<T>>;
  /** Runs `request` and returns its result with the number of SQL statements it caused. */
  countStatements<T>(request: () => Promise<T>): Promise<{ result: T; statements: number }>;
  close(): Promise<void>;
}

export async function startTestGraph(scale: ScaleName = 'tiny'): Promise<TestGraph> {
  const database = await openTestDatabase();
  await database.migrate();
  await seed(database.db, SCALES[scale]);
  const graph = await startGraph({
    host: '127.0.0.1',
    ports: { gateway: 0, organisations: 0, people: 0, activities: 0 },
    databases: { organisations: database, people: database, activities: database },
  });

  async function query<T>(query: string, variables?: Record<string, unknown>, url = graph.url): Promise<GraphQLResponse<T>> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GraphQLResponse<T>;
    return { ...body, status: res.status };
  }

  return {
    url: graph.url,
    graph,
    database,
    query,
    async countStatements(request) {
      const before = sqlStatements.count;
      const result = await request();
      return { result, statements: sqlStatements.count - before };
    },
    async close() {
      await graph.close();
      await database.close();
    },
  };
}

/** Fails with the query's errors in the message, so a broken test says what the server said. */
export function expectData<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`Expected data without errors, received ${JSON.stringify(response, null, 2)}`);
  }
  return response.data;
}
