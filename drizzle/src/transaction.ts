// One transaction per command, and the database's own refusals turned into typed errors.

interface Transactional<TTx> {
  transaction<T>(run: (tx: TTx) => Promise<T>): Promise<T>;
}

export interface DatabaseRefusal {
  /** SQLSTATE, e.g. 23505 (unique) or 23P01 (exclusion) */
  code: string;
  constraint: string | undefined;
}

function refusalOf(error: unknown): DatabaseRefusal | null {
  // Each driver wraps the server's error differently; walk the causes to the one carrying the SQLSTATE.
  type DriverError = { code?: unknown; constraint?: string; constraint_name?: string; cause?: unknown };
  for (let e = error as DriverError | undefined; e; e = e.cause as DriverError | undefined) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return { code: e.code, constraint: e.constraint ?? e.constraint_name ?? undefined };
    }
  }
  return null;
}

/**
 * Runs a command in one transaction: everything it wrote commits together or not at all. A constraint that a
 * concurrent writer made the database enforce becomes the typed error `translate` gives for it.
 */
export async function inTransaction<TTx, T>(
  db: Transactional<TTx>,
  command: (tx: TTx) => Promise<T>,
  translate: (refusal: DatabaseRefusal) => Error | undefined = () => undefined,
): Promise<T> {
  try {
    return await db.transaction(command);
  } catch (error) {
    const refusal = refusalOf(error);
    throw (refusal && translate(refusal)) ?? error;
  }
}
