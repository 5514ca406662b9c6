import { DateScalar } from '@cq/service-kit';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers.ts';
import { Application } from './application.ts';
import { AuditRecord } from './audit-record.ts';
import { District } from './district.ts';
import { Enterprise, EnterpriseConsent, EnterpriseDistrictPeriod } from './enterprise.ts';
import { GroupMemberApplication } from './group-member-application.ts';
import { Mutation } from './mutation.ts';
import { Organisation } from './organisation.ts';
import { ListCount, OrganisationChangeCount, OrganisationCount, ScienceWorkerGroup } from './organisation-count.ts';
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
  OrganisationCount,
  OrganisationChangeCount,
  ScienceWorkerGroup,
  ListCount,
  Enterprise,
  EnterpriseDistrictPeriod,
  EnterpriseConsent,
  District,
  Relationship,
  Application,
  GroupMemberApplication,
  Sanction,
  AuditRecord,
};
