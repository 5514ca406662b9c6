import { DateScalar } from '@cq/common';
import type { Resolvers } from '../generated/resolvers.ts';
import { District, Enterprise } from './enterprise.ts';
import { Organisation } from './organisation.ts';
import { Query } from './query.ts';

export const resolvers: Resolvers = { Date: DateScalar, Query, Organisation, Enterprise, District };
