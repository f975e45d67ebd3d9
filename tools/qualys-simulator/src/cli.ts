import { createLogger } from '@exposure-graph/logging';
import { Command, InvalidArgumentError } from 'commander';

import { type SimulatorUser } from './http/auth';
import { type SimulatorOptions, startSimulator } from './simulator';

function integer(value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new InvalidArgumentError('Expected a non-negative integer');
  }
  return Number(value);
}

function fraction(value: string): number {
  const number = Number(value);
  if (Number.isNaN(number) || number < 0 || number > 1) {
    throw new InvalidArgumentError('Expected a number between 0 and 1');
  }
  return number;
}

function users(value: string, expired: boolean): SimulatorUser[] {
  return value.split(',').map(pair => {
    const colon = pair.indexOf(':');
    if (colon <= 0) {
      throw new InvalidArgumentError(`Expected user:password, got ${pair}`);
    }
    return { username: pair.slice(0, colon), password: pair.slice(colon + 1), expired };
  });
}

interface CliOptions {
  port: number;
  host: string;
  recorded?: string;
  generate?: boolean;
  hosts: number;
  detections: number;
  qids: number;
  seed: number;
  policies: number;
  controls: number;
  deployment: number;
  overlap: number;
  startTime?: string;
  users?: SimulatorUser[];
  expiredUsers?: SimulatorUser[];
  nextPageBase?: string;
  pcrsPort?: number;
  pcrsBasePath?: string;
  tokenLifetime?: number;
  rateLimit?: number;
  rateWindow?: number;
  concurrency?: number;
  hldPageSize?: number;
  kbPageSize?: number;
  logLevel: string;
}

const program = new Command()
  .name('qualys-simulator')
  .description('Qualys look-alike HTTP server (recorded responses or a generated estate)')
  .option('--port <port>', 'port to listen on (0 = free port)', integer, 8090)
  .option('--host <host>', 'interface to bind', '127.0.0.1')
  .option(
    '--recorded <dir>',
    'serve this folder of recorded responses (default: the shared samples)',
  )
  .option('--generate', 'serve a generated estate instead of recorded responses')
  .option('--hosts <n>', 'generated hosts', integer, 100)
  .option('--detections <n>', 'detections per host', integer, 20)
  .option('--qids <n>', 'QIDs in the Knowledge Base', integer, 1000)
  .option('--seed <n>', 'generator seed', integer, 1)
  .option('--policies <n>', 'compliance policies', integer, 3)
  .option('--controls <n>', 'compliance controls', integer, 40)
  .option('--deployment <n>', 'deployment number (same machines, other host ids)', integer, 0)
  .option('--overlap <ratio>', 'machines shared with the previous deployment', fraction, 0.5)
  .option('--start-time <iso>', 'estate clock at start (ISO instant)')
  .option('--users <list>', 'accounts as user:pass[,user:pass]', (v: string) => users(v, false))
  .option('--expired-users <list>', 'expired accounts as user:pass[,...]', (v: string) =>
    users(v, true),
  )
  .option('--next-page-base <url>', 'scheme://host:port written in truncation WARNING URLs')
  .option('--pcrs-port <port>', 'also serve PCRS on this port', integer)
  .option('--pcrs-base-path <path>', 'path prefix of the PCRS gateway routes')
  .option('--token-lifetime <seconds>', 'PCRS token lifetime', integer)
  .option('--rate-limit <n>', 'calls per window per API', integer)
  .option('--rate-window <seconds>', 'rate window length', integer)
  .option('--concurrency <n>', 'concurrent calls per API', integer)
  .option('--hld-page-size <n>', 'default truncation_limit of Host List Detection', integer)
  .option('--kb-page-size <n>', 'Knowledge Base page size (0 = no truncation)', integer)
  .option('--log-level <level>', 'pino log level', 'info');

async function main(): Promise<void> {
  const cli = program.parse().opts<CliOptions>();
  const logger = createLogger({ service: 'qualys-simulator', level: cli.logLevel });
  const accounts = [
    ...(cli.users ?? [{ username: 'qualys', password: 'qualys' }]),
    ...(cli.expiredUsers ?? []),
  ];
  const options: SimulatorOptions = {
    port: cli.port,
    host: cli.host,
    recordedDir: cli.recorded,
    generate: cli.generate
      ? {
          hosts: cli.hosts,
          detectionsPerHost: cli.detections,
          qids: cli.qids,
          seed: cli.seed,
          policies: cli.policies,
          controls: cli.controls,
          deployment: cli.deployment,
          overlap: cli.overlap,
          startTime: cli.startTime,
        }
      : undefined,
    users: cli.users || cli.expiredUsers ? accounts : undefined,
    limits: {
      default: {
        ...(cli.rateLimit === undefined ? {} : { rateLimit: cli.rateLimit }),
        ...(cli.rateWindow === undefined ? {} : { windowSec: cli.rateWindow }),
        ...(cli.concurrency === undefined ? {} : { concurrency: cli.concurrency }),
      },
    },
    truncation: {
      ...(cli.hldPageSize === undefined ? {} : { 'host-detection': cli.hldPageSize }),
      ...(cli.kbPageSize === undefined ? {} : { kb: cli.kbPageSize }),
    },
    nextPageBaseUrl: cli.nextPageBase,
    pcrs: { port: cli.pcrsPort, basePath: cli.pcrsBasePath, tokenLifetimeSec: cli.tokenLifetime },
    logger,
  };
  const simulator = await startSimulator(options);
  console.log(`Qualys simulator listening on ${simulator.url} (PCRS gateway ${simulator.pcrsUrl})`);
  const stop = (): void => {
    void simulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
