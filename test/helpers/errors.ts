// The error reference (docs/errors.md) is the contract for `extensions.code`: these read the codes it lists.
import { readFileSync } from 'node:fs';

let codes: Set<string> | undefined;

/** Every code in the first column of docs/errors.md's table. */
export function documentedErrorCodes(): Set<string> {
  codes ??= new Set(
    readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!)),
  );
  return codes;
}

/** Throws when an answer carries a code the reference does not list, so every test that reads errors checks it. */
export function expectDocumentedCodes(body: unknown): void {
  const errors = (body as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors ?? [];
  for (const error of errors) {
    const code = error.extensions?.code;
    if (typeof code === 'string' && !documentedErrorCodes().has(code)) {
      throw new Error(`The services sent the error code ${code}, which docs/errors.md does not list: ${JSON.stringify(error)}`);
    }
  }
}
