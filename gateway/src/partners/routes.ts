// The gateway's partner endpoints (docs/partners.md):
//   GET  /partners                what is served and the last attempt (municipal staff)
//   POST /partners/reload         recompose from the partners file: 200 with the report when applied, 422
//                                 PARTNER_COMPOSITION_FAILED with the report when a partner is refused (municipal staff)
//   GET  /.well-known/jwks.json   the public key set partners verify our identity tokens with (anyone)
import type { Identity } from '@cq/service-kit';
import type { RequestHandler, Response } from 'express';
import type { PartnerSupergraph } from './manager.ts';
import type { PartnerSigner } from './token.ts';

const refuse = (res: Response, status: number, code: string, message: string) => res.status(status).set('Cache-Control', 'no-store').json({ errors: [{ message, extensions: { code } }] });

export function partnerRoutes(partners: PartnerSupergraph, signer: PartnerSigner, identityOf: (authorization: string | undefined) => Promise<Identity>): Record<string, RequestHandler> {
  return {
    '/partners': async (req, res) => {
      let identity: Identity;
      try {
        identity = await identityOf(req.header('authorization'));
      } catch (error) {
        refuse(res, 401, 'UNAUTHENTICATED', (error as Error).message);
        return;
      }
      if (identity.role === 'ANONYMOUS') {
        refuse(res, 401, 'UNAUTHENTICATED', '需要市科协工作人员的令牌 · Expected a municipal staff token (Authorization: Bearer <token>) for the partners; received none.');
        return;
      }
      if (identity.role !== 'MUNICIPAL_STAFF') {
        refuse(res, 403, 'FORBIDDEN', `只有市科协工作人员可以查看或重新组合合作方 · Expected a municipal staff token for the partners; received one of role ${identity.role}.`);
        return;
      }
      if (req.method === 'GET' && req.path === '/') {
        res.set('Cache-Control', 'no-store').json(partners.status());
        return;
      }
      if (req.method === 'POST' && req.path === '/reload') {
        if (!partners.status().file) {
          refuse(res, 404, 'NOT_FOUND', '本网关未配置合作方文件 · Expected PARTNERS_FILE to be set for a partners reload; this gateway serves the hub alone.');
          return;
        }
        const { applied, report } = await partners.reload('reload');
        if (applied) {
          res.set('Cache-Control', 'no-store').json(report);
          return;
        }
        res
          .status(422)
          .set('Cache-Control', 'no-store')
          .json({
            code: 'PARTNER_COMPOSITION_FAILED',
            message: '合作方未通过检查或组合，网关继续提供原来的图 · A partner was refused; the gateway goes on serving the supergraph it served. See the report.',
            report,
          });
        return;
      }
      refuse(res, 404, 'NOT_FOUND', 'Expected GET /partners or POST /partners/reload.');
    },
    '/.well-known/jwks.json': (req, res, next) => {
      if (req.method !== 'GET' || req.path !== '/') return next();
      res.set('Cache-Control', 'public, max-age=60').json(signer.jwks);
    },
  };
}
