// What the explorer (the web app in explorer/, served by this gateway at /) needs besides /graphql and /export:
// who a token says its bearer is, demo sign-in while the development secret is in use, and introspection for
// signed-in staff when it is off for everyone else.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ApolloServerPlugin } from '@apollo/server';
import { type Identity, signUserToken } from '@cq/service-kit';
import express, { type RequestHandler } from 'express';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate } from 'graphql';
import type { GatewayContext } from './gateway.ts';

/** The explorer's built files (npm install builds them; `npm run build -w explorer` again after a change). */
export const explorerDist = fileURLToPath(new URL('../../explorer/dist/', import.meta.url));

/** A role to sign in as from the explorer's sign-in page, in development only. */
export interface DemoSignIn {
  labelZh: string;
  labelEn: string;
  identity: Identity;
}

/** The roles that may read the schema through GraphiQL where introspection is off (production). */
const STAFF: ReadonlySet<Identity['role']> = new Set(['MUNICIPAL_STAFF', 'DISTRICT_STAFF', 'SECRETARIAT']);

/**
 * Introspection is on in development for everyone; in production only for staff signed in, so that GraphiQL works
 * for them while the schema stays unlisted to anyone else (field suggestions stay off for everyone: limits.ts).
 */
export function introspectionForStaff(production: boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, contextValue }) {
          if (!production || STAFF.has(contextValue.identity.role)) return;
          if (validate(schema, document, [NoSchemaIntrospectionCustomRule]).length === 0) return;
          throw new GraphQLError('只有已登录的工作人员可以查看接口结构 · Expected a staff token to read the schema (introspection); received a request without one.', {
            extensions: { code: 'INTROSPECTION_DISABLED', http: { status: 400 } },
          });
        },
      };
    },
  };
}

export function explorerRoutes(options: { authSecret: string; demoSignIn: readonly DemoSignIn[] | undefined; whoAmI: (authorization: string | undefined) => Promise<Identity> }): Record<string, RequestHandler> {
  return {
    // Who the caller's token says they are (the anonymous caller without one); 401 for a token that does not verify.
    '/auth/whoami': async (req, res) => {
      try {
        res.set('Cache-Control', 'no-store').json(await options.whoAmI(req.header('authorization')));
      } catch (error) {
        const e = error as { message: string; extensions?: { code?: string } };
        res.status(401).json({ errors: [{ message: e.message, extensions: { code: e.extensions?.code ?? 'UNAUTHENTICATED' } }] });
      }
    },
    // Demo roles with fresh tokens: only when started with the development secret (npm start), never in production.
    '/auth/demo': async (_req, res) => {
      if (!options.demoSignIn) {
        res.status(404).json({ errors: [{ message: '演示登录仅在开发环境提供 · Expected a development start (npm start) for demo sign-in; this gateway runs with real secrets.', extensions: { code: 'NOT_FOUND' } }] });
        return;
      }
      const roles = await Promise.all(options.demoSignIn.map(async (d) => ({ ...d, token: await signUserToken(d.identity, options.authSecret) })));
      res.set('Cache-Control', 'no-store').json({ roles });
    },
  };
}

/** Serves the explorer's files at /, or a page saying how to build them. */
export function explorerAssets(): RequestHandler {
  if (!existsSync(explorerDist)) {
    return (req, res, next) => {
      if (req.method !== 'GET' || req.path !== '/') return next();
      res
        .status(503)
        .type('html')
        .send('<!doctype html><meta charset="utf-8"><title>重庆科协组织图谱</title><p>浏览器应用尚未构建：请运行 <code>npm run build -w explorer</code>。</p><p>The explorer is not built yet: run <code>npm run build -w explorer</code>.</p>');
    };
  }
  // Hashed asset names never change content: cache them for a year; index.html always fresh.
  return express.static(explorerDist, {
    index: 'index.html',
    setHeaders: (res, path) => res.setHeader('Cache-Control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
  });
}
