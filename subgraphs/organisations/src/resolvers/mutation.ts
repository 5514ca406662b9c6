// Every mutation first checks that the caller may make it (access.ts), then hands off to a command.
import { found, parseId } from '@cq/domain';
import { actorOf } from '@cq/service-kit';
import * as applications from '../commands/applications.ts';
import * as groupMembership from '../commands/group-membership.ts';
import * as sanctions from '../commands/sanctions.ts';
import * as structure from '../commands/structure.ts';
import { requireEditor } from '../access.ts';
import type { Context } from '../context.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';

const districtAssociationOf = async (ctx: Context, code: string) => found(await ctx.loaders.districtAssociation.load(code), 'District', code).id;
const id = (value: string, argument: string) => parseId(value, argument);
// The association an application or a sanction is about: what their audit records name, not the deciding body.
// An unknown id leaves the deciding body as the target; the command then answers NOT_FOUND.
const applicant = async (ctx: Context, applicationId: string) => (await ctx.loaders.application.load(id(applicationId, 'applicationId')))?.organisationId;
const groupApplicant = async (ctx: Context, applicationId: string) => (await ctx.loaders.groupMemberApplication.load(id(applicationId, 'applicationId')))?.organisationId;
// R3.liaison: the guidance link of a district association (or learned society) to the municipal association is the
// municipal association's to change, not the district's own.
const structuralGuard = (kind: string, fromId: number, toId: number) => (kind === 'GUIDANCE' ? toId : fromId);
const sanctioned = async (ctx: Context, sanctionId: string) => (await ctx.loaders.sanction.load(id(sanctionId, 'sanctionId')))?.organisationId;

export const Mutation: MutationResolvers = {
  async registerEnterprise(_, { input }, ctx) {
    await requireEditor(ctx, await districtAssociationOf(ctx, input.districtCode), 'register an enterprise in this district');
    return applications.registerEnterprise(ctx.db, input);
  },
  async applyForAssociation(_, { input }, ctx) {
    await requireEditor(ctx, id(input.appliedToId, 'appliedToId'), 'record an application to this association');
    return applications.applyForAssociation(ctx.db, input, ctx.today, actorOf(ctx.identity));
  },
  async approveApplication(_, { input }, ctx) {
    await requireEditor(ctx, id(input.by, 'by'), 'reply for this association', await applicant(ctx, input.applicationId));
    return applications.approveApplication(ctx.db, input, actorOf(ctx.identity));
  },
  async rejectApplication(_, { input }, ctx) {
    await requireEditor(ctx, id(input.by, 'by'), 'reply for this association', await applicant(ctx, input.applicationId));
    return applications.rejectApplication(ctx.db, input, actorOf(ctx.identity));
  },
  async recordScienceWorkerCount(_, { input }, ctx) {
    const enterprise = found(await ctx.loaders.enterprise.load(id(input.enterpriseId, 'enterpriseId')), 'Enterprise', input.enterpriseId);
    await requireEditor(ctx, await districtAssociationOf(ctx, enterprise.districtCode), "record this enterprise's science and technology workers");
    return applications.recordScienceWorkerCount(ctx.db, input);
  },
  async applyForGroupMembership(_, { input }, ctx) {
    await requireEditor(ctx, id(input.organisationId, 'organisationId'), 'apply for this association');
    return groupMembership.applyForGroupMembership(ctx.db, input, actorOf(ctx.identity));
  },
  async decideGroupMembership(_, { input }, ctx) {
    await requireEditor(ctx, id(input.by, 'by'), 'decide for this association', await groupApplicant(ctx, input.applicationId));
    return groupMembership.decideGroupMembership(ctx.db, input, actorOf(ctx.identity));
  },
  async transferAffiliation(_, { input }, ctx) {
    await requireEditor(ctx, id(input.organisationId, 'organisationId'), 'transfer this association');
    return structure.transferAffiliation(ctx.db, input, actorOf(ctx.identity));
  },
  async addRelationship(_, { input }, ctx) {
    await requireEditor(ctx, structuralGuard(input.kind, id(input.fromId, 'fromId'), id(input.toId, 'toId')), 'change the relationships of this organisation', id(input.fromId, 'fromId'));
    return structure.addRelationship(ctx.db, input, actorOf(ctx.identity));
  },
  async endRelationship(_, { input }, ctx) {
    const relationship = found(await ctx.loaders.relationship.load(id(input.relationshipId, 'relationshipId')), 'Relationship', input.relationshipId);
    await requireEditor(ctx, structuralGuard(relationship.kind, relationship.fromId, relationship.toId), 'change the relationships of this organisation', relationship.fromId);
    return structure.endRelationship(ctx.db, input, actorOf(ctx.identity));
  },
  async orderRectification(_, { input }, ctx) {
    await requireEditor(ctx, id(input.by, 'by'), 'act for this association', id(input.organisationId, 'organisationId'));
    return sanctions.orderRectification(ctx.db, input, actorOf(ctx.identity), ctx.today);
  },
  async completeRectification(_, { input }, ctx) {
    await requireEditor(ctx, id(input.by, 'by'), 'act for this association', await sanctioned(ctx, input.sanctionId));
    return sanctions.completeRectification(ctx.db, input, actorOf(ctx.identity), ctx.today);
  },
  async issueWarning(_, { input }, ctx) {
    await requireEditor(ctx, id(input.by, 'by'), 'act for this association', id(input.organisationId, 'organisationId'));
    return sanctions.issueWarning(ctx.db, input, actorOf(ctx.identity), ctx.today);
  },
  async revokeAssociation(_, { input }, ctx) {
    await requireEditor(ctx, id(input.by, 'by'), 'act for this association', id(input.organisationId, 'organisationId'));
    return sanctions.revokeAssociation(ctx.db, input, actorOf(ctx.identity), ctx.today);
  },
  async applyToDeregister(_, { input }, ctx) {
    await requireEditor(ctx, id(input.organisationId, 'organisationId'), 'apply for this association');
    return sanctions.applyToDeregister(ctx.db, input, actorOf(ctx.identity));
  },
  async deregisterAssociation(_, { input }, ctx) {
    await requireEditor(ctx, id(input.by, 'by'), 'act for this association', id(input.organisationId, 'organisationId'));
    return sanctions.deregisterAssociation(ctx.db, input, actorOf(ctx.identity), ctx.today);
  },
  async setApprovalMode(_, { districtCode, mode, from }, ctx) {
    await requireEditor(ctx, await districtAssociationOf(ctx, districtCode), "set this district's approval mode");
    return structure.setApprovalMode(ctx.db, districtCode, mode, from, ctx.today, actorOf(ctx.identity));
  },
};
