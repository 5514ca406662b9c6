import { tryParseId } from '@cq/domain';
import { readPage, toConnection } from '@cq/service-kit';
import { personal } from '../access.ts';
import type { PersonResolvers } from '../generated/resolvers.ts';

export const Person: PersonResolvers = {
  __resolveReference: (ref, { loaders }) => {
    const id = tryParseId(ref.id);
    return id === null ? null : loaders.person.load(id);
  },
  nameZh: (p, _, ctx) => personal(ctx, p.id, 'PROFILE', () => p.nameZh),
  titles: (p, _, ctx) => personal(ctx, p.id, 'PROFILE', () => p.titles),
  professionalFields: (p, _, ctx) => personal(ctx, p.id, 'PROFILE', () => p.professionalFields),
  category: (p, _, ctx) => personal(ctx, p.id, 'FULL', () => p.category),
  employerEnterpriseId: (p, _, ctx) => personal(ctx, p.id, 'FULL', () => (p.employerEnterpriseId === null ? null : String(p.employerEnterpriseId))),
  contact: (p, _, ctx) => personal(ctx, p.id, 'FULL', () => ({ email: p.email, phone: p.phone })),
  memberships: (person, { first, after }, ctx) =>
    personal(ctx, person.id, 'FULL', async () => {
      const page = readPage({ first, after });
      const rows = await ctx.loaders.memberships(page).load(person.id);
      return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => ctx.loaders.membershipCount.load(person.id) };
    }),
  posts: (person, { asOf, history }, ctx) =>
    personal(ctx, person.id, 'FULL', () => ctx.loaders.postsOfPerson({ asOf: history ? null : (asOf ?? ctx.today), roles: null }).load(person.id)),
  memberOf: (person, { asOf }, ctx) =>
    personal(ctx, person.id, 'PROFILE', async () => (await ctx.loaders.memberOf(asOf ?? ctx.today).load(person.id)).map((id) => ({ id }))),
  // A partner society always reads its own links to a person, whatever their status; staff read all of them.
  societyLinks: async (person, _, ctx) => {
    const { identity, loaders } = ctx;
    if (identity.role === 'SOCIETY') return (await loaders.linksOfPerson.load(person.id)).filter((l) => l.societyId === identity.organisationId);
    return personal(ctx, person.id, 'FULL', () => loaders.linksOfPerson.load(person.id));
  },
  linkedToCallingSociety: async (person, _, { identity, loaders }) => identity.role === 'SOCIETY' && (await loaders.visibility.load(person.id)) === 'PROFILE',
};
