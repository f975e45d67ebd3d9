import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';

export interface GraphqlLimits {
  /** Deepest nesting of fields a query may have. */
  maxDepth: number;
  /** Aliases per query: a query of 2,000 aliases of one field is one way to stall a service. */
  maxAliases: number;
  /** Cost of a query, counting fields and depth (graphql-armor's cost model). */
  maxCost: number;
  /** Tokens in the query text, bounding parse time. */
  maxTokens: number;
  /** Development mode: introspection, the landing page and stack traces in errors. */
  development: boolean;
}

export const DEFAULT_GRAPHQL_LIMITS: GraphqlLimits = {
  maxDepth: 12,
  maxAliases: 15,
  maxCost: 5000,
  maxTokens: 2000,
  development: false,
};

type Protection<Context extends BaseContext> = Pick<
  ApolloServerOptions<Context>,
  | 'validationRules'
  | 'introspection'
  | 'includeStacktraceInErrorResponses'
  | 'allowBatchedHttpRequests'
> & { plugins: NonNullable<ApolloServerOptions<Context>['plugins']> };

/**
 * The same refusals at the gateway and at every subgraph: depth, aliases, cost and size of a
 * query are bounded, batching is off, and introspection, the landing page and stack traces
 * exist only in development mode.
 */
export function graphqlProtection<Context extends BaseContext>(
  limits: GraphqlLimits = DEFAULT_GRAPHQL_LIMITS,
): Protection<Context> {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    costLimit: { maxCost: limits.maxCost },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: !limits.development },
  });
  const protection = armor.protect();
  return {
    validationRules: protection.validationRules,
    plugins: [
      ...(protection.plugins as NonNullable<ApolloServerOptions<Context>['plugins']>),
      ...(limits.development ? [] : [ApolloServerPluginLandingPageDisabled()]),
    ],
    allowBatchedHttpRequests: false,
    introspection: limits.development,
    includeStacktraceInErrorResponses: limits.development,
  };
}

/** The limits from the validated `graphqlEnvironment` variables of libs/config. */
export function graphqlLimitsFrom(config: {
  GRAPHQL_MAX_DEPTH: number;
  GRAPHQL_MAX_ALIASES: number;
  GRAPHQL_MAX_COST: number;
  GRAPHQL_MAX_TOKENS: number;
  GRAPHQL_DEVELOPMENT: boolean;
}): GraphqlLimits {
  return {
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxCost: config.GRAPHQL_MAX_COST,
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    development: config.GRAPHQL_DEVELOPMENT,
  };
}
