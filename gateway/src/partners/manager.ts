// Keeps the supergraph the gateway serves: the hub and the partners accepted at start, then whatever a reload
// (POST /partners/reload, SIGHUP, or the poll finding a changed file) composes without refusing any partner. A
// reload that refuses a partner changes nothing: the gateway goes on serving what it served.
import type { SupergraphManager } from '@apollo/gateway';
import { ANONYMOUS, type Config, log, SUBGRAPHS } from '@cq/service-kit';
import { composeWithPartners } from './compose.ts';
import { loadPartner, partnersFingerprint, readPartnersFile } from './file.ts';
import type { PartnerReport } from './report.ts';
import type { PartnerSigner } from './token.ts';

export interface PartnerStatus {
  /** The partners file, or null when the gateway serves the hub alone. */
  file: string | null;
  /** The attempt whose supergraph is served. */
  served: PartnerReport | null;
  /** The latest attempt, applied or not. */
  lastAttempt: PartnerReport | null;
}

export interface PartnerSupergraph {
  /** For ApolloGateway's `supergraphSdl`. */
  manager: SupergraphManager;
  /** Once the gateway listens: composes the partners whose SDL is fetched from them (they verify our token first). */
  listening: () => Promise<void>;
  /** Recomposes from the files; applied only when no partner is refused. */
  reload: (reason?: string) => Promise<{ applied: boolean; report: PartnerReport }>;
  status: () => PartnerStatus;
}

/** A subgraph that is not one of the hub's three is a partner's: it gets a partner token, never the internal one. */
export const isPartner = (name: string) => !(SUBGRAPHS as readonly string[]).includes(name);

export function partnerSupergraph(options: { partners: Config['partners'] | undefined; production: boolean; hubSupergraph: string; signer: PartnerSigner }): PartnerSupergraph {
  const file = options.partners?.file;
  let update: ((supergraphSdl: string) => void) | undefined;
  let served: PartnerReport | null = null;
  let lastAttempt: PartnerReport | null = null;
  let seen: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Reads, checks and composes; `deferIntrospection` leaves out the partners to introspect (before we listen). */
  async function attempt(deferIntrospection = false): Promise<{ supergraphSdl: string; report: PartnerReport }> {
    const path = file!;
    seen = await partnersFingerprint(path);
    const read = await readPartnersFile(path);
    const entries = read.entries.filter((e) => !(deferIntrospection && e.introspect && !options.production));
    const loaded = await Promise.all(
      entries.map((entry) => loadPartner(path, entry, { production: options.production, sign: (name) => options.signer.sign(ANONYMOUS, name) })),
    );
    const { supergraphSdl, report } = composeWithPartners(loaded, read.refused.map((r) => ({ name: r.name, accepted: false, problems: r.problems })), read.problems);
    lastAttempt = report;
    return { supergraphSdl: supergraphSdl ?? options.hubSupergraph, report };
  }

  const logReport = (message: string, report: PartnerReport) => (report.ok ? log.info({ service: 'gateway', partners: report }, message) : log.warn({ service: 'gateway', partners: report }, message));

  /** At start: the hub and whichever partners pass, whatever the others do; never fails the gateway. */
  async function startAttempt(deferIntrospection: boolean): Promise<{ supergraphSdl: string; report: PartnerReport }> {
    try {
      const result = await attempt(deferIntrospection);
      logReport(result.report.ok ? 'partners composed' : 'partners refused at start; serving the hub and the partners accepted', result.report);
      return result;
    } catch (error) {
      const report: PartnerReport = { ok: false, partners: [], problems: [`合作方组合出错 (composing the partners failed): ${error instanceof Error ? error.message : String(error)}`], composedAt: new Date().toISOString() };
      lastAttempt = report;
      log.error({ service: 'gateway', err: error, partners: report }, 'partners could not be composed; serving the hub alone');
      return { supergraphSdl: options.hubSupergraph, report };
    }
  }

  const apply = (supergraphSdl: string, report: PartnerReport): boolean => {
    try {
      update!(supergraphSdl);
      served = report;
      return true;
    } catch (error) {
      report.ok = false;
      report.problems = [...(report.problems ?? []), `网关无法加载组合结果 (the gateway could not load the composed supergraph): ${error instanceof Error ? error.message : String(error)}`];
      return false;
    }
  };

  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  const poll = async () => {
    if (polling || !file) return;
    polling = true;
    try {
      if ((await partnersFingerprint(file)) !== seen) await reload('poll');
    } catch (error) {
      log.error({ service: 'gateway', err: error }, 'partners poll failed');
    } finally {
      polling = false;
    }
  };

  function reload(reason = 'reload'): Promise<{ applied: boolean; report: PartnerReport }> {
    return serially(async () => {
      if (!file || !update) throw new Error('Expected PARTNERS_FILE to be set and the gateway started before a partners reload.');
      const { supergraphSdl, report } = await attempt();
      const applied = report.ok && apply(supergraphSdl, report);
      logReport(applied ? `partners ${reason}: applied` : `partners ${reason}: refused; still serving the previous supergraph`, report);
      return { applied, report };
    });
  }

  return {
    manager: {
      async initialize({ update: u }) {
        update = u;
        if (!file) return { supergraphSdl: options.hubSupergraph };
        const { supergraphSdl, report } = await serially(() => startAttempt(true));
        served = report;
        const pollSeconds = options.partners?.pollSeconds ?? 0;
        if (pollSeconds > 0) timer = setInterval(() => void poll(), pollSeconds * 1000).unref();
        return { supergraphSdl, cleanup: async () => clearInterval(timer) };
      },
    },
    listening: async () => {
      if (!file || options.production) return;
      const { entries } = await readPartnersFile(file);
      if (!entries.some((e) => e.introspect)) return;
      await serially(async () => {
        const { supergraphSdl, report } = await startAttempt(false);
        if (!apply(supergraphSdl, report)) logReport('partners to introspect could not be applied', report);
      });
    },
    reload,
    status: () => ({ file: file ?? null, served, lastAttempt }),
  };
}
