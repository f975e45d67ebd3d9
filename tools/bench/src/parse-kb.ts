/**
 * Knowledge Base parse benchmark.
 *
 *   npx tsx tools/bench/src/parse-kb.ts [--vulns 5000] [--iterations 3]
 *
 * Generates a seeded KB page (5,000 QIDs ≈ 40 MB with CVE lists, CVSS v2/v3 blocks,
 * correlation, long CDATA texts) and measures parseKnowledgeBasePage in a fresh process.
 */
import { parseKnowledgeBasePage } from '@exposure-graph/qualys';

import { renderKbPage } from './parse-fixtures';
import {
  argument,
  pageFile,
  printTable,
  runChildren,
  type RunCount,
  runVariant,
} from './parse-harness';

async function parseKb(chunks: AsyncIterable<Uint8Array>): Promise<RunCount> {
  const count = { records: 0, items: 0 };
  for await (const item of parseKnowledgeBasePage(chunks)) {
    if (item.kind !== 'record') throw new Error('Generated page must not have rejections');
    count.records++;
    count.items += item.record.cves.length;
  }
  return count;
}

async function main(): Promise<void> {
  const vulns = Number(argument('vulns', '5000'));
  const iterations = Number(argument('iterations', '3'));
  const file = pageFile(`kb-${vulns}`, () => renderKbPage({ vulns }));

  if (argument('child', '') !== '') {
    await runVariant('saxes', file, iterations, 'memory', parseKb);
    return;
  }

  const results = runChildren(
    __filename,
    ['saxes'],
    ['--vulns', `${vulns}`, '--iterations', `${iterations}`],
  );
  printTable(`Knowledge Base page, ${vulns} QIDs`, results, 'CVE refs', 'QIDs');
}

main().catch(err => {
  console.error(err);
  process.exitCode = 1;
});
