import { writeFileSync } from 'node:fs';

import { composeSupergraph, readSubgraphList, SUPERGRAPH_FILE } from './supergraph';

// Writes apps/gateway/supergraph.graphql; run after changing any subgraph schema.
writeFileSync(SUPERGRAPH_FILE, composeSupergraph(readSubgraphList()));
process.stdout.write(`Supergraph written to ${SUPERGRAPH_FILE}\n`);
