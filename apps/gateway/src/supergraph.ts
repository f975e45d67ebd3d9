import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export const WORKSPACE_ROOT = join(__dirname, '../../..');
export const SUPERGRAPH_FILE = join(WORKSPACE_ROOT, 'apps/gateway/supergraph.graphql');
const SUBGRAPHS_FILE = join(WORKSPACE_ROOT, 'apps/gateway/subgraphs.json');

export interface SubgraphEntry {
  name: string;
  /** Schema file, relative to the workspace root. */
  schema: string;
  /** Default URL on a development machine; overridden per deployment by environment. */
  url: string;
}

export function readSubgraphList(): SubgraphEntry[] {
  const parsed = JSON.parse(readFileSync(SUBGRAPHS_FILE, 'utf8')) as { subgraphs: SubgraphEntry[] };
  return parsed.subgraphs;
}

/**
 * Composes the supergraph from the subgraph schema files in the repository, the same inputs
 * each subgraph serves, so composition errors surface at build time and not at start-up.
 */
export function composeSupergraph(subgraphs: readonly SubgraphEntry[]): string {
  const result = composeServices(
    subgraphs.map(subgraph => ({
      name: subgraph.name,
      url: subgraph.url,
      typeDefs: parse(readFileSync(join(WORKSPACE_ROOT, subgraph.schema), 'utf8')),
    })),
  );
  if (result.errors) {
    const messages = result.errors.map(error => error.message).join('\n');
    throw new Error(`Supergraph composition failed:\n${messages}`);
  }
  return result.supergraphSdl;
}
