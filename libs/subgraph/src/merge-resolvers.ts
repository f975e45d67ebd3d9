type ResolverMap = Record<string, object>;

/**
 * Merges the resolver maps of a subgraph's domain modules, type by type. Two modules that
 * resolve the same field of the same type are a wiring mistake, reported at start-up.
 */
export function mergeResolvers(...maps: readonly ResolverMap[]): ResolverMap {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) {
      const target = (merged[typeName] ??= {});
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in target) {
          throw new Error(`Resolver ${typeName}.${field} is defined twice`);
        }
        target[field] = resolver;
      }
    }
  }
  return merged;
}
