import { DateScalar } from '@cq/service-kit';
import type { Resolvers } from '../generated/resolvers.ts';
import { Organisation, Person } from './entities.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';
import { Committee, Congress, DuesPayment, Meeting, Membership, Post, Resolution, SocietyLink } from './records.ts';

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query,
  Mutation,
  Person,
  Organisation,
  Membership,
  DuesPayment,
  Congress,
  Committee,
  Post,
  Meeting,
  Resolution,
  SocietyLink,
};
