// HTTP status codes as the GraphQL over HTTP specification asks: a request that fails before execution (it does not
// parse, does not validate, or its variables do not fit) is answered 400 under application/graphql-response+json,
// and 200 under the legacy application/json, whose clients read the errors from the body. Apollo Server answers 400
// under both; this restores 200 where the client accepts only application/json.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

const REQUEST_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

export function specStatusCodes(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ request }) {
      if ((request.http?.headers.get('accept') ?? '').includes('application/graphql-response+json')) return;
      return {
        async willSendResponse({ response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.length && errors.every((e) => REQUEST_ERRORS.has(String(e.extensions?.code)))) response.http.status = 200;
        },
      };
    },
  };
}
