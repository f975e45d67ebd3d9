import type { IntegrationKind } from '@exposure-graph/events';

import type { RunRequester } from '../runs/run-requests';
import type { Source } from './source';
import { SourceError } from './source';
import type { SourceService } from './source-service';

export interface IntegrationsContext {
  sources: SourceService;
  runs: RunRequester;
}

interface AddSourceArgs {
  input: {
    name: string;
    apiBaseUrl: string;
    pcrsGatewayUrl?: string | null;
    username: string;
    password: string;
    enabled?: boolean | null;
    integrations?: string[] | null;
  };
}

interface RunIntegrationArgs {
  sourceId: string;
  integration: string;
  window?: { from?: string | null; to?: string | null } | null;
}

/** Expected refusals become a `MutationError` in the payload; anything else is a GraphQL error. */
async function asPayload<T extends object>(
  action: () => Promise<T>,
  empty: { [K in keyof T]: null },
): Promise<T & { error: unknown }> {
  try {
    return { ...(await action()), error: null };
  } catch (error) {
    if (error instanceof SourceError) {
      return {
        ...empty,
        error: { code: error.code, message: error.message, field: error.field },
      } as T & {
        error: unknown;
      };
    }
    throw error;
  }
}

export const sourceResolvers = {
  Query: {
    sources: async (_: unknown, __: unknown, context: IntegrationsContext) =>
      await context.sources.list(),
    source: async (_: unknown, args: { id: string }, context: IntegrationsContext) =>
      await context.sources.get(args.id),
  },
  Mutation: {
    addSource: async (_: unknown, { input }: AddSourceArgs, context: IntegrationsContext) =>
      await asPayload(
        async () => ({
          source: await context.sources.add({
            ...input,
            enabled: input.enabled ?? true,
            integrations: (input.integrations ?? undefined) as IntegrationKind[] | undefined,
          }),
        }),
        { source: null },
      ),
    runIntegration: async (_: unknown, args: RunIntegrationArgs, context: IntegrationsContext) =>
      await asPayload(
        async () => {
          const request = await context.runs.request({
            sourceId: args.sourceId,
            integration: args.integration as IntegrationKind,
            trigger: 'manual',
            window: args.window
              ? { from: args.window.from ?? null, to: args.window.to ?? null }
              : null,
          });
          return { runId: request.runId };
        },
        { runId: null },
      ),
  },
  Source: {
    __resolveReference: async (reference: { id: string }, context: IntegrationsContext) =>
      await context.sources.get(reference.id),
    createdAt: (source: Source) => source.createdAt.toISOString(),
    updatedAt: (source: Source) => source.updatedAt.toISOString(),
  },
};
