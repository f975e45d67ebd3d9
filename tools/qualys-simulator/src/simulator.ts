import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { resolve } from 'node:path';

import { type Logger, silentLogger } from '@exposure-graph/logging';

import { type ApiKey } from './apis';
import { Estate, type EstateOptions } from './generator/estate';
import { DEFAULT_USERS, type SimulatorUser, TokenIssuer } from './http/auth';
import { FaultInjector } from './http/faults';
import { handleRequest, type HandlerState } from './http/handlers';
import {
  type ApiLimit,
  DEFAULT_API_LIMIT,
  LimitTracker,
  PcrsRateLimiter,
  SimulatorStats,
} from './http/limits';
import { RecordedSource } from './recorded/recorded-source';
import { ScanRegistry, type ScanTimings } from './scans';
import { GeneratedSource } from './sources/generated-source';
import { type DataSource, DEFAULT_TRUNCATION, type TruncationDefaults } from './sources/source';

/** The bundled recorded folder: the shared Qualys samples beside the repository. */
export const DEFAULT_RECORDED_DIR = resolve(__dirname, '../../../../shared/samples/qualys');

export interface PcrsOptions {
  /** Path prefix of the gateway routes on the main server (default '': `/auth`, `/pcrs/...`). */
  basePath?: string;
  /** Also listen for PCRS on this port (0 = a free one); `pcrsUrl` then points at it. */
  port?: number;
  /** Lifetime of issued tokens in seconds (default 4 hours; 0 = expired at once). */
  tokenLifetimeSec?: number;
  /** Calls per window per PCRS API before HTTP 429 (default 25 per 60 s). */
  rateLimit?: number;
  windowSec?: number;
}

export interface SimulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Serve this folder of recorded responses (default when `generate` is absent: the samples). */
  recordedDir?: string;
  /** Serve a generated estate: its options, or an estate built beforehand. */
  generate?: EstateOptions | Estate;
  /** Accounts (default qualys/qualys and the expired account expired/expired). */
  users?: readonly SimulatorUser[];
  /** Rate and concurrency limits: a default for every API, and per API. */
  limits?: { default?: Partial<ApiLimit>; perApi?: Partial<Record<ApiKey, Partial<ApiLimit>>> };
  /** Records per page when a call gives no truncation_limit (per API). */
  truncation?: TruncationDefaults;
  /**
   * Scheme, host and port written into truncation WARNING URLs. Default: the simulator's own
   * address. Set a foreign one (e.g. http://qualys_vmdr:8090) to make clients rebase.
   */
  nextPageBaseUrl?: string;
  pcrs?: PcrsOptions;
  scanTimings?: Partial<ScanTimings>;
  logger?: Logger;
}

/** A running simulator, its controls and its counters. */
export interface Simulator {
  /** Base URL of the classic APIs, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Base URL of the PCRS gateway (token at `${pcrsUrl}/auth`). */
  readonly pcrsUrl: string;
  readonly faults: FaultInjector;
  readonly stats: SimulatorStats;
  readonly limits: LimitTracker;
  readonly tokens: TokenIssuer;
  readonly scans: ScanRegistry;
  /** The generated estate being served; undefined in recorded mode. */
  readonly estate: Estate | undefined;
  readonly source: DataSource;
  /** Serve another recorded folder from the next call on. */
  useRecorded(dir: string): RecordedSource;
  /** Serve a (new) generated estate from the next call on. */
  useGenerated(estate: EstateOptions | Estate): Estate;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolveUrl(`http://${hostname}:${address.port}`);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise(resolveClose => {
    server.close(() => resolveClose());
    server.closeAllConnections();
  });
}

function makeSource(options: SimulatorOptions): DataSource {
  if (options.generate) {
    const estate =
      options.generate instanceof Estate ? options.generate : new Estate(options.generate);
    return new GeneratedSource(estate);
  }
  return RecordedSource.load(options.recordedDir ?? DEFAULT_RECORDED_DIR);
}

/** Starts the simulator on a real HTTP port and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const stats = new SimulatorStats();
  const pcrsOptions = options.pcrs ?? {};
  const scans = new ScanRegistry({
    runningAfterMs: 200,
    finishedAfterMs: 1000,
    ...options.scanTimings,
  });
  let ownUrl = '';
  const state: HandlerState = {
    source: makeSource(options),
    context: { scans, truncation: { ...DEFAULT_TRUNCATION, ...options.truncation } },
    users: options.users ?? DEFAULT_USERS,
    limits: new LimitTracker(
      stats,
      { ...DEFAULT_API_LIMIT, ...options.limits?.default },
      options.limits?.perApi,
    ),
    pcrsLimiter: new PcrsRateLimiter(pcrsOptions.rateLimit ?? 25, pcrsOptions.windowSec ?? 60),
    faults: new FaultInjector(),
    stats,
    tokens: new TokenIssuer(pcrsOptions.tokenLifetimeSec ?? 4 * 3600),
    nextPageBase: () => options.nextPageBaseUrl ?? ownUrl,
    pcrsBasePath: (pcrsOptions.basePath ?? '').replace(/\/$/, ''),
    logger: options.logger ?? silentLogger(),
  };
  const server = createServer((req, res) => void handleRequest(state, req, res));
  ownUrl = await listen(server, options.port ?? 0, host);
  const pcrsServer =
    pcrsOptions.port === undefined
      ? undefined
      : createServer((req, res) => void handleRequest(state, req, res, true));
  const pcrsUrl = pcrsServer
    ? await listen(pcrsServer, pcrsOptions.port ?? 0, host)
    : `${ownUrl}${state.pcrsBasePath}`;
  state.logger.info(
    { url: ownUrl, pcrsUrl, source: state.source.kind },
    'Qualys simulator listening',
  );

  return {
    url: ownUrl,
    pcrsUrl: pcrsServer ? `${pcrsUrl}${state.pcrsBasePath}` : pcrsUrl,
    faults: state.faults,
    stats,
    limits: state.limits,
    tokens: state.tokens,
    scans,
    get estate() {
      return state.source instanceof GeneratedSource ? state.source.estate : undefined;
    },
    get source() {
      return state.source;
    },
    useRecorded(dir: string) {
      const source = RecordedSource.load(dir);
      state.source = source;
      return source;
    },
    useGenerated(estate: EstateOptions | Estate) {
      const source = new GeneratedSource(estate instanceof Estate ? estate : new Estate(estate));
      state.source = source;
      return source.estate;
    },
    async stop() {
      await Promise.all([close(server), pcrsServer ? close(pcrsServer) : Promise.resolve()]);
    },
  };
}
