import { DateScalar } from '@cq/service-kit';
import type { Resolvers } from '../generated/resolvers.ts';
import { Activity } from './activity.ts';
import { ActivityPeriodCount, AwardCount, EvaluationCount, FundingIncomeGroup, ListCount } from './activity-period-count.ts';
import { Award } from './award.ts';
import { Evaluation } from './evaluation.ts';
import { FinancialReport } from './financial-report.ts';
import { FundingRecord } from './funding-record.ts';
import { Mutation } from './mutation.ts';
import { Organisation } from './organisation.ts';
import { Participation } from './participation.ts';
import { Person } from './person.ts';
import { Query } from './query.ts';

export const resolvers: Resolvers = { Date: DateScalar, Query, Mutation, Activity, Organisation, Person, Participation, Award, Evaluation, FundingRecord, FinancialReport, ActivityPeriodCount, EvaluationCount, AwardCount, FundingIncomeGroup, ListCount };
