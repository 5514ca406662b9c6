// Hub and partners in one supergraph: each partner's SDL is checked first (checks.ts), then those that pass are
// composed with the hub's subgraphs by the one composition function (schema/compose.ts). A partner that fails a
// check or composition is left out with its problems; the others still compose.
import { parse } from 'graphql';
import { compose, hubServices, type ServiceDefinition } from '../../../schema/compose.ts';
import { checkPartnerSdl, hubModel } from './checks.ts';
import type { LoadedPartner } from './file.ts';
import { partnerProblem, type PartnerReport, type PartnerResult } from './report.ts';

export interface Composition {
  /** Hub and accepted partners; undefined when no partner was accepted (the hub alone is then served). */
  supergraphSdl: string | undefined;
  report: PartnerReport;
}

const compositionProblems = (partner: string, errors: string[]) => errors.map((e) => partnerProblem(partner, '与本平台组合失败', 'composition failed', e));

export function composeWithPartners(loaded: LoadedPartner[], refused: PartnerResult[] = [], fileProblems: string[] = []): Composition {
  const hub = hubServices();
  const model = hubModel(hub.map((s) => s.typeDefs));
  const results = new Map<string, PartnerResult>();
  const candidates: ServiceDefinition[] = [];
  for (const partner of loaded) {
    const problems = [...partner.problems, ...(partner.sdl === undefined ? [] : checkPartnerSdl(partner.name, partner.sdl, partner.source, model))];
    results.set(partner.name, { name: partner.name, accepted: problems.length === 0, problems });
    if (problems.length === 0) candidates.push({ name: partner.name, url: partner.url, typeDefs: parse(partner.sdl!) });
  }

  let supergraphSdl: string | undefined;
  if (candidates.length > 0) {
    const all = compose(candidates, hub);
    if ('supergraphSdl' in all) {
      supergraphSdl = all.supergraphSdl;
    } else if (candidates.length === 1) {
      refuse(results.get(candidates[0]!.name)!, all.errors);
    } else {
      // Which partner breaks it: add them one at a time, keeping those that compose.
      const accepted: ServiceDefinition[] = [];
      for (const candidate of candidates) {
        const next = compose([...accepted, candidate], hub);
        if ('errors' in next) {
          refuse(results.get(candidate.name)!, next.errors);
        } else {
          accepted.push(candidate);
          supergraphSdl = next.supergraphSdl;
        }
      }
    }
  }
  const partners = [...results.values(), ...refused];
  return {
    supergraphSdl,
    report: {
      ok: fileProblems.length === 0 && partners.every((p) => p.accepted),
      partners,
      ...(fileProblems.length ? { problems: fileProblems } : {}),
      composedAt: new Date().toISOString(),
    },
  };
}

function refuse(result: PartnerResult, errors: string[]): void {
  result.accepted = false;
  result.problems.push(...compositionProblems(result.name, errors));
}
