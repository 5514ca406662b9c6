// Talking to the gateway. The explorer sends only registered operations (gateway/operations/*.graphql, built into
// manifest.json), by their exact text, so it works where the gateway accepts nothing else.
import { useCallback, useEffect, useState } from 'react';
import manifest from '../../gateway/operations/manifest.json';
import type { Session } from './session.ts';

export interface ApiError {
  message: string;
  path?: (string | number)[];
  /** `rows`: a refused member list's rows and what is wrong with each (docs/societies.md). */
  extensions?: { code?: string; rows?: { row: number; problem: string }[] };
}

export interface Answer<T> {
  data: T | null;
  errors: ApiError[];
}

const operations = new Map(manifest.operations.map((o) => [o.name, o.body]));

export async function run<T>(operationName: string, variables: Record<string, unknown>, session: Session): Promise<Answer<T>> {
  const query = operations.get(operationName);
  if (!query) throw new Error(`Expected a registered operation, received ${operationName}`);
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session.token ? { authorization: `Bearer ${session.token}` } : {}) },
    body: JSON.stringify({ query, operationName, variables }),
  });
  const body = (await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }))) as { data?: T; errors?: ApiError[] };
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

export interface Loaded<T> extends Answer<T> {
  loading: boolean;
  /** Runs the operation again with the same variables (after a change the page made). */
  reload(): void;
}

/** Runs an operation whenever its variables change; the last answer stays on screen while the next one loads. */
export function useOperation<T>(operationName: string, variables: Record<string, unknown> | null, session: Session): Loaded<T> {
  const [state, setState] = useState<Answer<T> & { loading: boolean }>({ data: null, errors: [], loading: variables !== null });
  const [round, setRound] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (variables === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    run<T>(operationName, variables, session).then(
      (answer) => current && setState({ ...answer, loading: false }),
      (error: unknown) => current && setState({ data: null, errors: [{ message: error instanceof Error ? error.message : String(error) }], loading: false }),
    );
    return () => {
      current = false;
    };
    // The variables are compared by value (key), not by identity.
  }, [operationName, key, session.token, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}

/** The errors of an answer that concern one field path (a section of a page), e.g. ['organisation', 'members']. */
export function errorsAt(errors: ApiError[], ...path: string[]): ApiError[] {
  return errors.filter((e) => path.every((segment, i) => e.path?.[i] === segment));
}

/** Downloads an export (docs/exports.md) with the caller's token and saves it under the name the gateway gives. */
export async function download(operation: string, variables: Record<string, unknown>, format: 'csv' | 'xlsx', session: Session): Promise<void> {
  const res = await fetch('/export', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session.token ? { authorization: `Bearer ${session.token}` } : {}) },
    body: JSON.stringify({ operation, variables, format }),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { errors?: ApiError[] } | null;
    throw new Error(body?.errors?.[0]?.message ?? `HTTP ${res.status}`);
  }
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await res.blob());
  link.download = name ? decodeURIComponent(name) : `${operation}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** The report of an uploaded member list (POST /societies/match, docs/societies.md). */
export interface MatchReport {
  societyId: string;
  dryRun: boolean;
  matched: number;
  alreadyLinked: number;
  ambiguous: number;
  unmatched: number;
  conflicts: number;
  rows: { row: number; societyMemberNo: string; outcome: string; linkId: string | null; problem: string | null }[];
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Sends a society's member list (a CSV or XLSX file, as it is) to the gateway's upload endpoint with the caller's
 * token; the gateway runs the registered matchSocietyMembers on it. A refusal comes back as errors, with the rows of
 * the sheet that are wrong in `extensions.rows`.
 */
export async function uploadMemberList(file: Blob & { name?: string }, params: { societyId: string; validFrom: string; dryRun: boolean }, session: Session): Promise<{ report: MatchReport | null; errors: ApiError[] }> {
  const query = new URLSearchParams({ societyId: params.societyId, validFrom: params.validFrom, ...(params.dryRun ? { dryRun: 'true' } : {}) });
  const type = file.type || (/\.xlsx$/i.test(file.name ?? '') ? XLSX_TYPE : 'text/csv');
  const res = await fetch(`/societies/match?${query}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(session.token ? { authorization: `Bearer ${session.token}` } : {}) },
    body: file,
  });
  const body = (await res.json().catch(() => null)) as (MatchReport & { errors?: ApiError[] }) | null;
  if (!res.ok || !body || body.errors) return { report: null, errors: body?.errors ?? [{ message: `HTTP ${res.status}` }] };
  return { report: body, errors: [] };
}
