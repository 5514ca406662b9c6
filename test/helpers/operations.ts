// The registered operations (gateway/operations/manifest.json) and sample variables for each, at the most it may ask
// for: every page at 100 rows, three hops, districts' ids. Shared by the tests that run every registered operation.
import { readFileSync } from 'node:fs';

export const manifest = JSON.parse(readFileSync(new URL('../../gateway/operations/manifest.json', import.meta.url), 'utf8')) as { operations: { name: string; body: string }[] };

export const sampleVariables: Record<string, Record<string, unknown>> = {
  DistrictOverview: { first: 41, children: 100 },
  MemberRollUp: { id: '1' },
  // A dry run: the registered mutation answers without linking anyone.
  MatchSocietyMembers: { input: { societyId: '50', validFrom: '2026-01-01', dryRun: true, members: [{ societyMemberNo: 'S-1', nameZh: '李伟', identityNumber: '11010519491231002X' }] } },
  ActivityRollUp: { id: '1' },
  OverdueCongresses: { first: 100 },
  OverdueAssociations: { first: 100, districtIds: ['7'], kinds: ['ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM'] },
  LateCongressReports: { first: 100 },
  OverdueRectifications: { first: 100 },
  UnevaluatedAssociations: { year: 2024, districtId: '1', first: 100 },
  DistrictListCounts: { year: 2024 },
  FundingIncome: { from: '2020-01-01', to: '2026-12-31', period: 'MONTH' },
  FindOrganisations: { first: 100, filter: { kinds: ['ENTERPRISE_ASSOCIATION'] } },
  OrganisationProfile: { id: '7' },
  OrganisationPage: { id: '7', asOf: '2025-06-30' },
  Districts: {},
  DistrictDashboard: { from: '2025-01-01', to: '2025-12-31', year: 2025 },
  Neighbourhood: { id: '7', hops: 3 },
  PathsBetween: { fromId: '7', toId: '8' },
  PersonMemberships: { id: '1' },
  AuditTrail: { first: 100 },
  AssociationsByDistrictAndKind: {},
  FoundingsAndClosures: { from: '2015-01-01', to: '2026-12-31', period: 'DAY' },
  ActivitiesByMonth: { from: '2020-01-01', to: '2026-12-31' },
  MembersByDistrictAndCategory: {},
  ScienceWorkersByDistrict: {},
  SocietyLinks: { id: '50', first: 100, includeEnded: true },
  SocietyLinksToConfirm: { id: '56', first: 100 },
};

/**
 * Registered mutations that change data: the manifest's build checks each against the schema, and a test of its
 * own runs it (test/e2e/explorer-societies.e2e.ts); the run of every registered operation leaves them out.
 */
export const CHANGES_DATA = new Set(['ConfirmSocietyLink', 'DeclineSocietyLink', 'EndSocietyLink']);
