// A per-caller rate limit at the gateway: a caller is its bearer token (hashed, never stored), or its address when
// it sends none. Past the limit the answer is 429 with Retry-After, in GraphQL's error shape.
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

export function perCallerRateLimit(perMinute: number): RequestHandler | undefined {
  if (perMinute <= 0) return undefined;
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const authorization = req.headers.authorization;
      return authorization ? `token:${createHash('sha256').update(authorization).digest('hex')}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (req, res) => {
      const resetTime = (req as typeof req & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
      res
        .status(429)
        .set('Retry-After', String(seconds))
        .json({
          errors: [
            {
              message: `请求过于频繁，请 ${seconds} 秒后重试 · Expected at most ${perMinute} requests a minute from one caller; retry in ${seconds} s.`,
              extensions: { code: 'RATE_LIMITED', limit: perMinute, retryAfterSeconds: seconds },
            },
          ],
        });
    },
  });
}
