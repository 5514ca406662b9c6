// What several of this subgraph's type resolvers share.
import type { Loaders } from '../loaders.ts';

/** The person another record points at, through the request's loader. */
export const person = async (loaders: Loaders, id: number) => (await loaders.person.load(id))!;
