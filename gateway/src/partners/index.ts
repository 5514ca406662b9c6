// Partner societies' own subgraphs beside the hub's (docs/partners.md): the partners file, the checks before
// composing, the supergraph kept while a reload is refused, and a token of each partner's own.
import { type Config, type Identity, log } from '@cq/service-kit';
import { isPartner, partnerSupergraph } from './manager.ts';
import { partnerRoutes } from './routes.ts';
import { partnerSigner } from './token.ts';

export type { PartnerReport } from './report.ts';
export type { PartnerStatus } from './manager.ts';
export { isPartner };

export async function partnersOf(options: { partners: Config['partners'] | undefined; production: boolean; hubSupergraph: string }) {
  if (options.production && options.partners?.file && !options.partners.signingKeyFile) {
    // Each start (and each replica) would sign with a key of its own; partners follow, but a key file is steadier.
    log.warn({ service: 'gateway' }, 'PARTNERS_FILE without PARTNER_SIGNING_KEY_FILE in production: partner tokens are signed with a key generated at this start');
  }
  const signer = await partnerSigner(options.partners?.signingKeyFile);
  const supergraph = partnerSupergraph({ ...options, signer });
  return {
    /** For ApolloGateway's `supergraphSdl`. */
    manager: supergraph.manager,
    /** Signs the identity a partner's subgraph receives. */
    sign: signer.sign,
    listening: supergraph.listening,
    reload: supergraph.reload,
    routes: (identityOf: (authorization: string | undefined) => Promise<Identity>) => partnerRoutes(supergraph, signer, identityOf),
  };
}
