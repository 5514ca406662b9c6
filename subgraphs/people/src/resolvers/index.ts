import { DateScalar } from '@cq/service-kit';
import { ListCount, MemberCount, MembershipChangeCount } from './member-count.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { Committee } from './committee.ts';
import { Congress, CongressDue } from './congress.ts';
import { DuesPayment } from './dues-payment.ts';
import { Meeting } from './meeting.ts';
import { Membership } from './membership.ts';
import { Mutation } from './mutation.ts';
import { Organisation } from './organisation.ts';
import { Person } from './person.ts';
import { Post } from './post.ts';
import { Query } from './query.ts';
import { Resolution } from './resolution.ts';
import { SocietyLink, SocietyLinkEvent } from './society-link.ts';

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query,
  Mutation,
  Person,
  Organisation,
  Membership,
  DuesPayment,
  Congress,
  CongressDue,
  Committee,
  Post,
  Meeting,
  Resolution,
  SocietyLink,
  SocietyLinkEvent,
  MemberCount,
  MembershipChangeCount,
  ListCount,
};
