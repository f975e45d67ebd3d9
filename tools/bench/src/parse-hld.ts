/**
 * Host List Detection parse benchmark.
 *
 *   npx tsx tools/bench/src/parse-hld.ts [--hosts 1000] [--detections 50] [--iterations 3]
 *     [--variants saxes,fxp-per-host,saxes-from-disk]
 *
 * Generates a seeded page (1,000 hosts × 50 detections ≈ 85 MB by default), then measures, each
 * in a fresh process: `saxes` = the library's parseHostDetectionPage (streaming saxes engine,
 * the one in use), `fxp-per-host` = the candidate that splits HOST elements out of the stream
 * and parses each with the validated fast-xml-parser configuration, `saxes-from-disk` = the
 * library again, reading the page from disk, so that its peak RSS excludes the page itself.
 */
import { parseHostDetectionPage } from '@exposure-graph/qualys';

import { splitHostsWithFastXmlParser } from './parse-candidates';
import { renderHldPage } from './parse-fixtures';
import {
  argument,
  pageFile,
  type PageSource,
  printTable,
  runChildren,
  type RunCount,
  runVariant,
} from './parse-harness';

async function saxes(chunks: AsyncIterable<Uint8Array>): Promise<RunCount> {
  const count = { records: 0, items: 0 };
  for await (const item of parseHostDetectionPage(chunks)) {
    if (item.kind !== 'record') throw new Error('Generated page must not have rejections');
    count.records++;
    count.items += item.record.detections.length;
  }
  return count;
}

async function fxpPerHost(chunks: AsyncIterable<Uint8Array>): Promise<RunCount> {
  const count = { records: 0, items: 0 };
  for await (const host of splitHostsWithFastXmlParser(chunks)) {
    count.records++;
    count.items += host.detections.length;
  }
  return count;
}

const VARIANTS: Record<
  string,
  { source: PageSource; parse: (chunks: AsyncIterable<Uint8Array>) => Promise<RunCount> }
> = {
  saxes: { source: 'memory', parse: saxes },
  'fxp-per-host': { source: 'memory', parse: fxpPerHost },
  // Same engine streaming from disk: peak RSS without the page held in memory.
  'saxes-from-disk': { source: 'disk', parse: saxes },
};

async function main(): Promise<void> {
  const hosts = Number(argument('hosts', '1000'));
  const detections = Number(argument('detections', '50'));
  const iterations = Number(argument('iterations', '3'));
  const file = pageFile(`hld-${hosts}x${detections}`, () =>
    renderHldPage({ hosts, detectionsPerHost: detections }),
  );

  const child = argument('child', '');
  if (child !== '') {
    const variant = VARIANTS[child];
    if (variant === undefined) throw new Error(`Unknown variant ${child}`);
    await runVariant(child, file, iterations, variant.source, variant.parse);
    return;
  }

  const variants = argument('variants', Object.keys(VARIANTS).join(',')).split(',');
  const args = [
    '--hosts',
    `${hosts}`,
    '--detections',
    `${detections}`,
    '--iterations',
    `${iterations}`,
  ];
  const results = runChildren(__filename, variants, args);
  printTable(
    `Host List Detection page, ${hosts} hosts × ${detections} detections`,
    results,
    'detections',
    'hosts',
  );
}

main().catch(err => {
  console.error(err);
  process.exitCode = 1;
});
