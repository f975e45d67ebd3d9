import { readFileSync } from 'node:fs';

import { describe, expect, it } from '@jest/globals';

import { composeSupergraph, readSubgraphList, SUPERGRAPH_FILE } from './supergraph';

describe('supergraph.graphql', () => {
  it('matches a fresh composition of the subgraph schemas (run `npm run compose` if not)', () => {
    const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');

    expect(committed).toBe(composeSupergraph(readSubgraphList()));
  });

  it('names every subgraph of subgraphs.json', () => {
    const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');

    for (const subgraph of readSubgraphList()) {
      expect(committed).toContain(`name: "${subgraph.name}", url: "${subgraph.url}"`);
    }
  });
});
