// Generates each subgraph's resolver types from its SDL (GraphQL Code Generator, federation mode) into
// subgraphs/<name>/src/generated/resolvers.ts. `npm run generate` writes them; test/generated.test.ts fails when a
// committed file is stale.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { codegen } from '@graphql-codegen/core';
import * as typescript from '@graphql-codegen/typescript';
import * as typescriptResolvers from '@graphql-codegen/typescript-resolvers';
import { buildASTSchema, parse } from 'graphql';

/** GraphQL types mapped to what resolvers actually pass around: rows from each subgraph's data module. */
const MAPPERS: Record<string, Record<string, string>> = {
  organisations: {
    Organisation: '../data/organisations.ts#OrganisationRow',
    Enterprise: '../data/organisations.ts#EnterpriseRow',
    EnterpriseDistrictPeriod: '../data/life-cycle.ts#EnterpriseDistrictRow',
    ScienceWorkerCount: '../data/life-cycle.ts#ScienceWorkerCountRow',
    OrganisationCount: '../data/counts.ts#CountRow',
    OrganisationChangeCount: '../data/counts.ts#ChangeRow',
    ScienceWorkerGroup: '../data/counts.ts#ScienceWorkerRow',
    EnterpriseConsent: '../data/life-cycle.ts#EnterpriseConsentRow',
    District: '../data/organisations.ts#DistrictRow',
    OrganisationConnection: '@cq/service-kit#ConnectionModel<OrganisationRow>',
    Relationship: '../data/organisations.ts#RelationshipRow',
    HierarchyPath: '../data/hierarchy.ts#PathModel',
    Neighbourhood: '../data/hierarchy.ts#NeighbourhoodModel',
    OrganisationEvent: '../data/organisations.ts#EventRow',
    OrganisationEventConnection: '@cq/service-kit#ConnectionModel<EventRow>',
    Application: '../data/life-cycle.ts#ApplicationRow',
    GroupMemberApplication: '../data/life-cycle.ts#GroupMemberApplicationRow',
    ApplicationResult: '../data/life-cycle.ts#ApplicationResultModel',
    Sanction: '../data/life-cycle.ts#SanctionRow',
    SanctionConnection: '@cq/service-kit#ListConnectionModel<SanctionRow, ListCountRow>',
    ListCount: '@cq/db/hierarchy#ListCountRow',
    AuditRecord: '../data/audit.ts#AuditRow',
    AuditRecordConnection: '@cq/service-kit#Connection<AuditRow>',
  },
  people: {
    Person: '../data/people.ts#PersonRow',
    Membership: '../data/people.ts#MembershipRow',
    Organisation: '../data/people.ts#OrganisationRef',
    MemberCount: '../data/counts.ts#MemberCountRow',
    MembershipChangeCount: '../data/counts.ts#MembershipChangeRow',
    PersonConnection: '@cq/service-kit#ConnectionModel<PersonRow>',
    MembershipConnection: '@cq/service-kit#ConnectionModel<MembershipRow>',
    DuesPayment: '../data/people.ts#DuesPaymentRow',
    Congress: '../data/leadership.ts#CongressRow',
    CongressConnection: '@cq/service-kit#ListConnectionModel<CongressRow, ListCountRow>',
    CongressDue: '../data/leadership.ts#CongressDueRow',
    CongressDueConnection: '@cq/service-kit#ListConnectionModel<CongressDueRow, ListCountRow>',
    ListCount: '@cq/db/hierarchy#ListCountRow',
    Committee: '../data/leadership.ts#CommitteeRow',
    Post: '../data/leadership.ts#PostRow',
    Meeting: '../data/leadership.ts#MeetingRow',
    Resolution: '../data/leadership.ts#ResolutionRow',
    SocietyLink: '../data/societies.ts#SocietyLinkRow',
    SocietyLinkConnection: '@cq/service-kit#ConnectionModel<SocietyLinkRow>',
    SocietyLinkEvent: '../data/societies.ts#LinkEventRow',
    SocietyMatchRow: '../commands/societies.ts#MatchRow',
  },
  activities: {
    Activity: '../data/activities.ts#ActivityRow',
    Organisation: '../data/activities.ts#OrganisationRef',
    ActivityPeriodCount: '../data/counts.ts#ActivityCountRow',
    EvaluationCount: '../data/counts.ts#GradeCountRow',
    AwardCount: '../data/counts.ts#AwardCountRow',
    FundingIncomeGroup: '../data/counts.ts#FundingIncomeRow',
    ActivityConnection: '@cq/service-kit#ConnectionModel<ActivityRow>',
    UnevaluatedAssociationConnection: '@cq/service-kit#ListConnectionModel<OrganisationRef, ListCountRow>',
    ListCount: '@cq/db/hierarchy#ListCountRow',
    Person: '../data/activities.ts#PersonRef',
    Participation: '../data/activities.ts#ParticipationRow',
    Award: '../data/awards.ts#AwardRow',
    Evaluation: '../data/evaluations.ts#EvaluationRow',
    FundingRecord: '../data/funding.ts#FundingRow',
    FinancialReport: '../data/funding.ts#FinancialReportRow',
  },
};

export function generatedPath(name: string): URL {
  return new URL(`../subgraphs/${name}/src/generated/resolvers.ts`, import.meta.url);
}

export async function generateResolverTypes(name: string): Promise<string> {
  const sdl = readFileSync(new URL(`./${name}.graphql`, import.meta.url), 'utf8');
  const schemaAst = buildASTSchema(parse(sdl), { assumeValidSDL: true });
  const output = await codegen({
    filename: `${name}/resolvers.ts`,
    schema: parse(sdl),
    schemaAst,
    documents: [],
    plugins: [{ typescript: {} }, { typescriptResolvers: {} }],
    pluginMap: { typescript, typescriptResolvers },
    config: {
      federation: true,
      useIndexSignature: true,
      useTypeImports: true,
      enumsAsTypes: true,
      contextType: '../context.ts#Context',
      mappers: MAPPERS[name],
      scalars: { Date: 'string', ID: 'string', DateTime: 'Date | string', JSON: 'unknown' },
      resolverTypeWrapperSignature: 'T | Promise<T>',
    },
  });
  return `// Generated by schema/generate.ts from schema/${name}.graphql. Do not edit: run \`npm run generate\`.\n/* eslint-disable */\n${output}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const name of Object.keys(MAPPERS)) {
    const path = generatedPath(name);
    mkdirSync(new URL('.', path), { recursive: true });
    writeFileSync(path, await generateResolverTypes(name));
    console.log(`wrote ${path.pathname}`);
  }
}
