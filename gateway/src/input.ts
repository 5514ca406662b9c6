// What no string input may hold, checked once at the gateway for every operation: a NUL character (PostgreSQL cannot
// store one; it would otherwise surface as a database failure) and more characters than any field of ours takes.
// Field-specific rules (names trimmed and non-blank, their own maxima) are the commands'; see docs/errors.md.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

/** The longest string any input may be: well above the longest field (a document list, a title), far below a body. */
export const MAX_STRING_LENGTH = 10_000;

interface Problem {
  where: string;
  what: 'NUL' | 'LENGTH';
  length: number;
}

function inValue(value: unknown, where: string): Problem | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { where, what: 'NUL', length: value.length };
    if (value.length > MAX_STRING_LENGTH) return { where, what: 'LENGTH', length: value.length };
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = inValue(item, `${where}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = inValue(item, `${where}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

function inDocument(document: DocumentNode): Problem | undefined {
  let found: Problem | undefined;
  visit(document, {
    [Kind.STRING]: (node) => {
      const line = node.loc ? `a string literal at line ${node.loc.startToken.line}` : 'a string literal';
      found ??= inValue(node.value, line);
    },
  });
  return found;
}

export function inputGuard(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const problem = inValue(request.variables ?? {}, '$variables') ?? inDocument(document);
          if (!problem) return;
          const where = problem.where.replace(/^\$variables\./, '$');
          throw new GraphQLError(
            problem.what === 'NUL'
              ? `Expected text without NUL characters (U+0000), received one in ${where}.`
              : `Expected text of at most ${MAX_STRING_LENGTH} characters, received ${problem.length} in ${where}.`,
            { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 }, argument: where, ...(problem.what === 'LENGTH' ? { max: MAX_STRING_LENGTH, received: problem.length } : {}) } },
          );
        },
      };
    },
  };
}
