import { readPage, toConnection, tryParseId } from '@cq/common';
import type { OrganisationResolvers } from '../generated/resolvers.ts';

export const Organisation: OrganisationResolvers = {
  __resolveReference: (ref, { loaders }) => {
    const id = tryParseId(ref.id);
    return id === null ? null : loaders.organisation.load(id);
  },
  district: (o, _, { loaders }) => (o.districtCode ? loaders.district.load(o.districtCode) : null),
  enterprise: (o, _, { loaders }) => (o.enterpriseId ? loaders.enterprise.load(o.enterpriseId) : null),
  async children(o, { kinds, asOf, first, after }, { loaders, today }) {
    const page = readPage({ first, after });
    const args = { kinds: [...(kinds ?? [])].sort(), asOf: asOf ?? today };
    const rows = await loaders.children({ ...args, page }).load(o.id);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => loaders.childCount(args).load(o.id) };
  },
};
