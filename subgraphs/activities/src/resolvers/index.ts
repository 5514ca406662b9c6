import { DateScalar } from '@cq/service-kit';
import type { Resolvers } from '../generated/resolvers.ts';
import { Activity, Organisation, Person } from './entities.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';
import { Award, Evaluation, FinancialReport, FundingRecord, Participation } from './records.ts';

export const resolvers: Resolvers = { Date: DateScalar, Query, Mutation, Activity, Organisation, Person, Participation, Award, Evaluation, FundingRecord, FinancialReport };
