// The audit trail of every subgraph: one record per mutation field, naming who acted, in which role, on which
// organisation, and the outcome. A change that commits writes its record in the same transaction, so a record is
// never lost to a crash after the commit nor written for a change that rolled back; a refused field (nothing
// committed) gets its record once the response is known.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, OperationTypeNode, type GraphQLResolveInfo } from 'graphql';
import { actorOf, type Identity } from './auth.ts';
import { decodeResult, encodeResult, fingerprintOf, keyReused } from './idempotency.ts';
import { log } from './log.ts';

export interface AuditEntry {
  service: string;
  actor: string;
  role: string;
  actorOrganisationId: number | null;
  operation: string;
  targetOrganisationId: number | null;
  outcome: string;
}

/** Where a subgraph writes beside its changes, with the database handle it is given: the service's own or a transaction's. */
export interface Journal {
  appendAudit(db: unknown, entries: AuditEntry[]): Promise<void>;
  findIdempotentResult(db: unknown, key: IdempotentKey): Promise<{ fingerprint: string; result: unknown } | undefined>;
  saveIdempotentResult(db: unknown, row: IdempotentKey & { fingerprint: string; result: unknown }): Promise<void>;
}

interface IdempotentKey {
  service: string;
  actor: string;
  key: string;
  field: string;
}

interface Transactional {
  transaction<T>(run: (tx: unknown) => Promise<T>): Promise<T>;
}

/** One mutation field's audit: its target, set by the access check that guarded it, and whether it is written. */
interface FieldAudit {
  audit: { organisationId: number | null };
  written: boolean;
}

interface AuditedContext {
  identity: Identity;
  db: Transactional;
  audit: { organisationId: number | null };
  /** From the request's Idempotency-Key header (idempotency.ts). */
  idempotencyKey?: string;
  /** By response key (alias or field name): each field of a mutation has a record of its own. */
  auditedFields?: Map<string, FieldAudit>;
}

const entry = (service: string, identity: Identity, operation: string, target: number | null, outcome: string): AuditEntry => ({
  service,
  actor: actorOf(identity),
  role: identity.role,
  actorOrganisationId: identity.organisationId,
  operation,
  targetOrganisationId: target,
  outcome,
});

type Resolver = (parent: unknown, args: unknown, ctx: AuditedContext, info: GraphQLResolveInfo) => unknown;

/**
 * Gives each mutation field a context of its own: its own audit target, and a database whose transactions append
 * the field's OK record before they commit and, when the request has an idempotency key, keep the field's result
 * with the change, or return the result kept by the first request with that key instead of changing anything.
 */
export function journaledMutations(service: string, resolvers: Record<string, unknown>, journal: Journal): Record<string, unknown> {
  const mutation = resolvers.Mutation as Record<string, Resolver> | undefined;
  if (!mutation) return resolvers;
  const wrap = (field: string, resolve: Resolver): Resolver => (parent, args, ctx, info) => {
    const own: FieldAudit = { audit: { organisationId: null }, written: false };
    const responseKey = String(info.path.key);
    (ctx.auditedFields ??= new Map()).set(responseKey, own);
    const fingerprint = fingerprintOf(field, args);
    let transactions = 0;
    const record = (tx: unknown, outcome: string) => (own.written ? undefined : journal.appendAudit(tx, [entry(service, ctx.identity, field, own.audit.organisationId, outcome)]));
    const db = new Proxy(ctx.db, {
      get(target, property) {
        if (property === 'transaction') {
          return async <T>(run: (tx: unknown) => Promise<T>) => {
            const key = ctx.idempotencyKey === undefined ? undefined : { service, actor: actorOf(ctx.identity), key: ctx.idempotencyKey, field: `${responseKey}#${transactions}` };
            transactions += 1;
            const attempt = () =>
              target.transaction(async (tx) => {
                const prior = key && (await journal.findIdempotentResult(tx, key));
                if (prior) {
                  if (prior.fingerprint !== fingerprint) throw keyReused(key.key, field);
                  await record(tx, 'REPLAYED');
                  return decodeResult(prior.result) as T;
                }
                const value = await run(tx);
                await record(tx, 'OK');
                if (key) await journal.saveIdempotentResult(tx, { ...key, fingerprint, result: encodeResult(value) });
                return value;
              });
            let result: T;
            try {
              result = await attempt();
            } catch (error) {
              // A concurrent request with the same key may have committed first: this one's change then failed
              // (on the key, or on the first one's change), and the answer is the first one's result.
              if (!key || !(await journal.findIdempotentResult(target, key))) throw error;
              result = await attempt();
            }
            own.written = true;
            return result;
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    return resolve(parent, args, { ...ctx, db, audit: own.audit }, info);
  };
  return { ...resolvers, Mutation: Object.fromEntries(Object.entries(mutation).map(([field, resolve]) => [field, wrap(field, resolve)])) };
}

/** After the response: a record for each mutation field whose change did not commit (refused, or failed). */
export function auditPlugin(service: string, journal: Journal): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, response }) {
          const ctx = contextValue as Partial<AuditedContext>;
          if (operation?.operation !== OperationTypeNode.MUTATION || !ctx.identity) return;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const entries = operation.selectionSet.selections.flatMap((s) => {
            if (s.kind !== Kind.FIELD) return [];
            const key = s.alias?.value ?? s.name.value;
            const field = ctx.auditedFields?.get(key);
            if (field?.written) return [];
            const error = errors.find((e) => e.path?.[0] === key) ?? (errors.length && !errors[0]!.path ? errors[0] : undefined);
            const outcome = !error ? 'OK' : typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
            return [entry(service, ctx.identity!, s.name.value, field?.audit.organisationId ?? null, outcome)];
          });
          try {
            await journal.appendAudit(ctx.db, entries);
          } catch (error) {
            log.error({ err: error, entries }, 'could not append to the audit trail');
          }
        },
      };
    },
  };
}
