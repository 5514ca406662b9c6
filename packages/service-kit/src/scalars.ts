// The scalars every subgraph shares.
import { GraphQLScalarType, Kind } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ErrorCode, show, userError } from '@cq/domain';

function parseDate(value: unknown): string {
  try {
    return LocalDateResolver.parseValue(value);
  } catch {
    throw userError(ErrorCode.INVALID_DATE, `Expected a calendar date written YYYY-MM-DD, received ${show(value)}.`, { received: value });
  }
}

/** `Date` in every subgraph: a calendar date (YYYY-MM-DD) with no time and no zone. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD, in China Standard Time.',
  serialize: (value) => LocalDateResolver.serialize(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : ast.kind),
});
