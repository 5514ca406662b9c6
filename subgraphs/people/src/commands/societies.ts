// Partner learned societies linking their members to persons here (Art. 6).
import { ErrorCode, found, parseId, userError } from '@cq/domain';
import type { Db } from '@cq/db';
import { insertEvent } from '../data/people.ts';
import * as data from '../data/societies.ts';
import type { EndSocietyLinkInput, SocietyLinkInput } from '../generated/resolvers.ts';
import { existingOrganisation, existingPerson, inTransaction, requireOrder } from './shared.ts';

export async function linkSocietyMember(db: Db, input: SocietyLinkInput, actor: string) {
  const memberNo = input.societyMemberNo.trim();
  if (!memberNo) throw userError(ErrorCode.INVALID_ARGUMENT, "Expected the society's member number, received an empty one.");
  return inTransaction(db, async (tx) => {
    const societyId = await existingOrganisation(tx, input.societyId, 'societyId');
    const person = await existingPerson(tx, input.personId);
    const byNumber = await data.openLinkByNumber(tx, societyId, memberNo);
    if (byNumber) {
      throw userError(ErrorCode.DUPLICATE, `Expected member number ${memberNo} to be unlinked, but link ${byNumber.id} ties it to person ${byNumber.personId}.`, { linkId: String(byNumber.id) });
    }
    const byPerson = await data.openLinkOfPerson(tx, societyId, person.id);
    if (byPerson) {
      throw userError(ErrorCode.DUPLICATE, `Expected person ${person.id} to have no open link with society ${societyId}, but link ${byPerson.id} (number ${byPerson.societyMemberNo}) holds.`, { linkId: String(byPerson.id) });
    }
    const link = await data.insertLink(tx, { societyId, personId: person.id, societyMemberNo: memberNo, validFrom: input.validFrom });
    await insertEvent(tx, { subjectType: 'SocietyLink', subjectId: link.id, organisationId: societyId, personId: person.id, kind: 'LINKED', actor, effectiveOn: input.validFrom, after: { societyMemberNo: memberNo } });
    return link;
  });
}

export async function endSocietyLink(db: Db, input: EndSocietyLinkInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const link = found(await data.lockLink(tx, parseId(input.linkId, 'linkId')), 'SocietyLink', input.linkId);
    if (link.validTo) throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected an open link, but link ${link.id} ended on ${link.validTo}.`);
    requireOrder(link.validFrom, input.on, 'the end of the link');
    const ended = await data.endLink(tx, link.id, input.on);
    await insertEvent(tx, { subjectType: 'SocietyLink', subjectId: link.id, organisationId: link.societyId, personId: link.personId, kind: 'UNLINKED', actor, effectiveOn: input.on, before: { validTo: null }, after: { validTo: input.on } });
    return ended;
  });
}
