import { DateScalar } from '@cq/service-kit';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers.ts';
import { Application } from './application.ts';
import { AuditRecord } from './audit-record.ts';
import { District } from './district.ts';
import { Enterprise } from './enterprise.ts';
import { Mutation } from './mutation.ts';
import { Organisation } from './organisation.ts';
import { Query } from './query.ts';
import { Relationship } from './relationship.ts';
import { Sanction } from './sanction.ts';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
  Query,
  Mutation,
  Organisation,
  Enterprise,
  District,
  Relationship,
  Application,
  Sanction,
  AuditRecord,
};
