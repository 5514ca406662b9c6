// What several of this subgraph's type resolvers share.
import type { Loaders } from '../loaders.ts';

/** The organisation another record points at, through the request's loader. */
export const organisation = async (loaders: Loaders, id: number) => (await loaders.organisation.load(id))!;
