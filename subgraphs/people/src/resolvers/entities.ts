import { readPage, toConnection, tryParseId } from '@cq/common';
import type { OrganisationResolvers, PersonResolvers } from '../generated/resolvers.ts';

/** The organisations subgraph owns organisations; here one is an id, and an id that parses to nothing matches nothing. */
const NO_SUCH_ID = 0;
const organisationId = (o: { id: string | number }) => tryParseId(o.id) ?? NO_SUCH_ID;
const sorted = <T extends string>(values: readonly T[] | null | undefined) => (values?.length ? [...values].sort() : null);

export const Person: PersonResolvers = {
  __resolveReference: (ref, { loaders }) => {
    const id = tryParseId(ref.id);
    return id === null ? null : loaders.person.load(id);
  },
  async memberships(person, { first, after }, { loaders }) {
    const page = readPage({ first, after });
    const rows = await loaders.memberships(page).load(person.id);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => loaders.membershipCount.load(person.id) };
  },
  posts: (person, { asOf, history }, { loaders, today }) => loaders.postsOfPerson({ asOf: history ? null : (asOf ?? today), roles: null }).load(person.id),
  societyLinks: (person, _, { loaders }) => loaders.linksOfPerson.load(person.id),
};

export const Organisation: OrganisationResolvers = {
  async members(o, { asOf, first, after }, { loaders, today }) {
    const page = readPage({ first, after });
    const id = organisationId(o);
    const day = asOf ?? today;
    const rows = await loaders.members({ asOf: day, page }).load(id);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => loaders.memberCount({ asOf: day, includeDescendants: false }).load(id) };
  },
  memberCount: (o, { asOf, includeDescendants }, { loaders, today }) =>
    loaders.memberCount({ asOf: asOf ?? today, includeDescendants: includeDescendants ?? false }).load(organisationId(o)),
  congresses: (o, _, { loaders }) => loaders.congressesOf.load(organisationId(o)),
  congressOverdue: (o, { asOf }, { loaders, today }) => loaders.congressOverdue(asOf ?? today).load(organisationId(o)),
  congressReportLate: (o, { asOf }, { loaders, today }) => loaders.congressReportLate(asOf ?? today).load(organisationId(o)),
  committees: (o, _, { loaders }) => loaders.committeesOf.load(organisationId(o)),
  currentCommittee: (o, { asOf }, { loaders, today }) => loaders.currentCommittee(asOf ?? today).load(organisationId(o)),
  posts: (o, { asOf, roles, history }, { loaders, today }) =>
    loaders.postsOfOrganisation({ asOf: history ? null : (asOf ?? today), roles: sorted(roles) }).load(organisationId(o)),
  async linkedMembers(o, { first, after, includeEnded }, { loaders }) {
    const page = readPage({ first, after });
    const id = organisationId(o);
    const ended = includeEnded ?? false;
    const rows = await loaders.linksOfSociety({ includeEnded: ended, page }).load(id);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => loaders.linkCount(ended).load(id) };
  },
};
