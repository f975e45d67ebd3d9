/**
 * Shared plumbing of the parse benchmarks: each measured variant runs in its own child process
 * (so peak RSS is its own), reads the generated page from disk into memory, and is fed 64 KiB
 * chunks, as an HTTP body arrives. One warm-up run, then the median of the timed runs.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHUNK_BYTES = 64 * 1024;

export interface RunCount {
  /** Records of the page (hosts, QIDs). */
  records: number;
  /** Detections for HLD, CVE references for the KB. */
  items: number;
}

export interface VariantResult {
  variant: string;
  bytes: number;
  medianSeconds: number;
  count: RunCount;
  peakRssMb: number;
}

export async function* chunksOf(bytes: Buffer): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
    yield bytes.subarray(at, at + CHUNK_BYTES);
    // Yield to the event loop between chunks, as a socket would.
    if ((at / CHUNK_BYTES) % 64 === 0) await new Promise(resolve => setImmediate(resolve));
  }
}

export function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

/** Renders the page once per shape and seed; later runs reuse the file. */
export function pageFile(name: string, render: () => string[]): string {
  const file = path.join(os.tmpdir(), `exposure-graph-bench-${name}.xml`);
  if (!existsSync(file)) writeFileSync(file, render().join(''));
  return file;
}

/** Where a variant reads the page from: memory (as received) or disk (peak RSS without it). */
export type PageSource = 'memory' | 'disk';

export function sourceChunks(file: string, bytes: Buffer | null): AsyncIterable<Uint8Array> {
  return bytes === null ? createReadStream(file, { highWaterMark: CHUNK_BYTES }) : chunksOf(bytes);
}

/** Child side: runs one variant and prints its result as one JSON line. */
export async function runVariant(
  variant: string,
  file: string,
  iterations: number,
  source: PageSource,
  parse: (chunks: AsyncIterable<Uint8Array>) => Promise<RunCount>,
): Promise<void> {
  const bytes = source === 'memory' ? readFileSync(file) : null;
  await parse(sourceChunks(file, bytes));

  const seconds: number[] = [];
  let count: RunCount = { records: 0, items: 0 };
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    count = await parse(sourceChunks(file, bytes));
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }

  seconds.sort((a, b) => a - b);
  const result: VariantResult = {
    variant,
    bytes: statBytes(file),
    medianSeconds: seconds[Math.floor(seconds.length / 2)] ?? 0,
    count,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  console.log(JSON.stringify(result));
}

/** Parent side: one child process per variant, same script, `--child <variant>`. */
export function runChildren(
  script: string,
  variants: readonly string[],
  args: string[],
): VariantResult[] {
  return variants.map(variant => {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, script, '--child', variant, ...args],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`Variant ${variant} failed: ${child.stderr}`);
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    return JSON.parse(line) as VariantResult;
  });
}

function statBytes(file: string): number {
  return statSync(file).size;
}

export function machine(): string {
  const cpus = os.cpus();
  const memory = (os.totalmem() / 1024 ** 3).toFixed(0);
  return `${cpus.length} cores (${cpus[0]?.model ?? 'unknown'}), ${memory} GiB, Node ${process.version}`;
}

export function printTable(
  title: string,
  results: VariantResult[],
  itemLabel: string,
  recordLabel: string,
): void {
  console.log(`\n${title}\nMachine: ${machine()}\n`);
  console.log(
    `| variant | MB | median s | MB/s | ${recordLabel}/s | ${itemLabel}/s | peak RSS MB |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    const mb = r.bytes / 1e6;
    const s = r.medianSeconds;
    console.log(
      `| ${r.variant} | ${mb.toFixed(1)} | ${s.toFixed(2)} | ${(mb / s).toFixed(1)} | ` +
        `${Math.round(r.count.records / s).toLocaleString('en-US')} | ` +
        `${Math.round(r.count.items / s).toLocaleString('en-US')} | ${r.peakRssMb.toFixed(0)} |`,
    );
  }
  const first = results[0];
  if (first !== undefined) {
    console.log(
      `\n${first.count.records} ${recordLabel}, ${first.count.items} ${itemLabel} per run`,
    );
  }
}
