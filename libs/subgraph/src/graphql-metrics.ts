import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { counter, histogram } from '@exposure-graph/metrics';

const requestDuration = histogram({
  name: 'graphql_request_duration_seconds',
  help: 'GraphQL operations served, by graph, operation type and outcome',
  labelNames: ['graph', 'operation', 'outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

const requestErrors = counter({
  name: 'graphql_errors_total',
  help: 'GraphQL errors returned, by graph and code',
  labelNames: ['graph', 'code'],
});

/** Times each operation and counts its errors by `extensions.code`. */
export function graphqlMetricsPlugin<Context extends BaseContext>(
  graph: string,
): ApolloServerPlugin<Context> {
  return {
    requestDidStart: async () => {
      const stopTimer = requestDuration.startTimer({ graph });
      return await Promise.resolve({
        willSendResponse: async ({ operation, errors }) => {
          for (const error of errors ?? []) {
            const code = error.extensions?.code;
            requestErrors.inc({ graph, code: typeof code === 'string' ? code : 'INTERNAL' });
          }
          stopTimer({
            // The operation type, not the client-chosen name: names would grow the series
            // without bound.
            operation: operation?.operation ?? 'unparsed',
            outcome: errors?.length ? 'error' : 'ok',
          });
          return await Promise.resolve();
        },
      });
    },
  };
}
