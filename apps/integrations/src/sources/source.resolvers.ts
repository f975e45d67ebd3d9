import type { Source } from './source';
import { SourceError } from './source';
import type { SourceService } from './source-service';

export interface IntegrationsContext {
  sources: SourceService;
}

interface AddSourceArgs {
  input: { name: string; apiBaseUrl: string; enabled?: boolean | null };
}

export const sourceResolvers = {
  Query: {
    sources: async (_: unknown, __: unknown, context: IntegrationsContext) =>
      await context.sources.list(),
    source: async (_: unknown, args: { id: string }, context: IntegrationsContext) =>
      await context.sources.get(args.id),
  },
  Mutation: {
    addSource: async (_: unknown, args: AddSourceArgs, context: IntegrationsContext) => {
      try {
        const source = await context.sources.add({
          ...args.input,
          enabled: args.input.enabled ?? true,
        });
        return { source, error: null };
      } catch (error) {
        if (error instanceof SourceError) {
          return {
            source: null,
            error: { code: error.code, message: error.message, field: error.field },
          };
        }
        throw error;
      }
    },
  },
  Source: {
    __resolveReference: async (reference: { id: string }, context: IntegrationsContext) =>
      await context.sources.get(reference.id),
    createdAt: (source: Source) => source.createdAt.toISOString(),
    updatedAt: (source: Source) => source.updatedAt.toISOString(),
  },
};
