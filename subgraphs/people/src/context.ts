import type { RequestContext } from '@cq/service-kit';
import type { Db } from '@cq/db';
import type { Loaders } from './loaders.ts';

export type Context = RequestContext<Db, Loaders>;
