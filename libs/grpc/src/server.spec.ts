import { setTimeout as sleep } from 'node:timers/promises';

import { createLogger, type Logger, silentLogger } from '@exposure-graph/logging';
import { metricsRegistry } from '@exposure-graph/metrics';
import { freePort } from '@exposure-graph/testing';
import { afterEach, describe, expect, it } from '@jest/globals';

import type { GrpcClientOptions } from './client';
import { GRPC_CODES, GrpcError } from './errors';
import {
  createKnowledgeBaseClient,
  type GetVulnerabilitiesResponse,
  type KnowledgeBaseClient,
  type KnowledgeBaseHandlers,
  knowledgeBaseService,
} from './knowledge-base';
import { type GrpcServer, type GrpcServerOptions, startGrpcServer } from './server';

const KB = 'exposuregraph.knowledge_base.v1.KnowledgeBase';
const METHOD = `/${KB}/GetVulnerabilities`;
const ANSWER: GetVulnerabilitiesResponse = { vulnerabilities: [], unknownQids: ['105943'] };

interface Deferred<T = void> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>(done => {
    resolve = done;
  });
  return { promise, resolve };
}

/** A logger whose JSON lines a test can read. */
function capturingLogger(onLine?: (line: Record<string, unknown>) => void) {
  const lines: Record<string, unknown>[] = [];
  const logger: Logger = createLogger({
    service: 'grpc-test',
    level: 'debug',
    destination: {
      write: (text: string) => {
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        onLine?.(line);
      },
    },
  });
  return { logger, lines };
}

/** Asking for it gets an answer at once: a first call that opens the connection. */
const WARM_UP = 'warm-up';

/** Never answers (but the warm-up): waits until the call is given up and reports why. */
function hangUntilAborted(aborted: Deferred<unknown>, started?: Deferred) {
  return async (request: { qids: string[] }, context: { signal: AbortSignal }) =>
    await new Promise<GetVulnerabilitiesResponse>((resolve, reject) => {
      if (request.qids.includes(WARM_UP)) {
        resolve(ANSWER);
        return;
      }
      started?.resolve();
      context.signal.addEventListener('abort', () => {
        aborted.resolve(context.signal.reason);
        reject(new Error('Aborted'));
      });
    });
}

const running: { server: GrpcServer; client: KnowledgeBaseClient }[] = [];

async function start(
  handler: KnowledgeBaseHandlers['getVulnerabilities'],
  options: {
    server?: Partial<GrpcServerOptions>;
    client?: Partial<GrpcClientOptions>;
  } = {},
) {
  const server = await startGrpcServer({
    host: '127.0.0.1',
    port: 0,
    logger: silentLogger(),
    services: [knowledgeBaseService({ getVulnerabilities: handler })],
    ...options.server,
  });
  const client = createKnowledgeBaseClient(server.address, {
    logger: silentLogger(),
    ...options.client,
  });
  running.push({ server, client });
  return { server, client };
}

afterEach(async () => {
  for (const { server, client } of running.splice(0)) {
    client.close();
    await server.stop();
  }
});

describe('startGrpcServer deadlines', () => {
  it('surfaces a call that outlives its deadline as DEADLINE_EXCEEDED and aborts the handler', async () => {
    const aborted = deferred<unknown>();
    const { client } = await start(hangUntilAborted(aborted));
    await client.getVulnerabilities({ qids: [WARM_UP] });

    const failure = client.getVulnerabilities({ qids: ['105943'] }, { deadlineMs: 300 });

    await expect(failure).rejects.toBeInstanceOf(GrpcError);
    await expect(failure).rejects.toMatchObject({ code: 'DEADLINE_EXCEEDED', retriable: true });
    expect(await aborted.promise).toMatchObject({ code: 'DEADLINE_EXCEEDED' });
  });

  it('hands the handler the deadline of the caller', async () => {
    const deadlines: (Date | null)[] = [];
    const { client } = await start((_request, context) => {
      deadlines.push(context.deadline);
      return ANSWER;
    });

    await client.getVulnerabilities({ qids: ['105943'] });

    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]).toBeInstanceOf(Date);
  });

  it('refuses a client or a call without a positive, finite deadline', async () => {
    const { server, client } = await start(() => ANSWER);

    expect(() =>
      createKnowledgeBaseClient(server.address, { logger: silentLogger(), deadlineMs: Infinity }),
    ).toThrow('deadlineMs must be a positive, finite number of milliseconds');
    await expect(
      client.getVulnerabilities({ qids: ['105943'] }, { deadlineMs: 0 }),
    ).rejects.toThrow('deadlineMs must be a positive, finite number of milliseconds');
  });

  it('cancels a call whose signal aborts', async () => {
    const aborted = deferred<unknown>();
    const started = deferred();
    const { client } = await start(hangUntilAborted(aborted, started));
    const controller = new AbortController();

    const failure = client.getVulnerabilities({ qids: ['105943'] }, { signal: controller.signal });
    await started.promise;
    controller.abort();

    await expect(failure).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await aborted.promise).toMatchObject({ code: 'CANCELLED' });
  });

  it('rejects calls made after close with CANCELLED', async () => {
    const { client } = await start(() => ANSWER);

    client.close();

    await expect(client.getVulnerabilities({ qids: ['105943'] })).rejects.toMatchObject({
      code: 'CANCELLED',
      message: 'The exposuregraph.knowledge_base.v1.KnowledgeBase client is closed',
    });
  });
});

describe('startGrpcServer errors', () => {
  it('answers INTERNAL without the text of an unexpected error', async () => {
    const { client } = await start(() => {
      throw new Error('connect ECONNREFUSED mongodb://kb:secret@10.0.0.9:27017');
    });

    await expect(client.getVulnerabilities({ qids: ['105943'] })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: `Internal error in ${METHOD}`,
    });
  });

  it('answers UNAVAILABLE for a domain error marked retriable', async () => {
    class StoreUnavailableError extends Error {
      readonly retriable = true;
    }
    const { client } = await start(
      () => {
        throw new StoreUnavailableError('The vulnerability store does not answer');
      },
      { client: { retry: { maxAttempts: 1 } } },
    );

    await expect(client.getVulnerabilities({ qids: ['105943'] })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'The vulnerability store does not answer',
    });
  });

  it('applies the error mapper of the service', async () => {
    class QidUnknownError extends Error {}
    const { client } = await start(
      () => {
        throw new QidUnknownError('QID 105943 is not in the catalogue');
      },
      {
        server: {
          mapError: error =>
            error instanceof QidUnknownError
              ? new GrpcError(GRPC_CODES.notFound, error.message)
              : undefined,
        },
      },
    );

    await expect(client.getVulnerabilities({ qids: ['105943'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'QID 105943 is not in the catalogue',
    });
  });

  it('logs a failed call once with its method, code and duration', async () => {
    const { logger, lines } = capturingLogger();
    const { client } = await start(
      () => {
        throw new GrpcError(GRPC_CODES.notFound, 'QID 105943 is not in the catalogue');
      },
      { server: { logger } },
    );

    await expect(client.getVulnerabilities({ qids: ['105943'] })).rejects.toThrow(GrpcError);

    const failures = lines.filter(line => line.msg === 'gRPC call failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      level: 'warn',
      method: METHOD,
      code: 'NOT_FOUND',
      reason: 'QID 105943 is not in the catalogue',
      durationMs: expect.any(Number),
    });
  });

  it('counts each call in the histogram of its method and code', async () => {
    const { client } = await start(request => {
      if (request.qids.includes('0')) {
        throw new GrpcError(GRPC_CODES.invalidArgument, 'QID 0 does not exist');
      }
      return ANSWER;
    });
    const count = async (code: string) => {
      const text = await metricsRegistry.getSingleMetricAsString('grpc_server_handling_seconds');
      const series = `grpc_server_handling_seconds_count{service="${KB}",method="GetVulnerabilities",code="${code}"}`;
      const line = text.split('\n').find(candidate => candidate.startsWith(`${series} `));
      return line ? Number(line.slice(series.length + 1)) : 0;
    };
    const okBefore = await count('OK');
    const invalidBefore = await count('INVALID_ARGUMENT');

    await client.getVulnerabilities({ qids: ['105943'] });
    await client.getVulnerabilities({ qids: ['105943'] });
    await expect(client.getVulnerabilities({ qids: ['0'] })).rejects.toThrow(GrpcError);

    expect((await count('OK')) - okBefore).toBe(2);
    expect((await count('INVALID_ARGUMENT')) - invalidBefore).toBe(1);
  });
});

describe('client retries', () => {
  it('retries UNAVAILABLE and returns the answer of the next attempt', async () => {
    let calls = 0;
    const { client } = await start(() => {
      calls += 1;
      if (calls === 1) {
        throw new GrpcError(GRPC_CODES.unavailable, 'Catalogue is warming up');
      }
      return ANSWER;
    });

    expect(await client.getVulnerabilities({ qids: ['105943'] })).toStrictEqual(ANSWER);
    expect(calls).toBe(2);
  });

  it('gives up after the configured attempts with the last UNAVAILABLE', async () => {
    let calls = 0;
    const { client } = await start(
      () => {
        calls += 1;
        throw new GrpcError(GRPC_CODES.unavailable, `Catalogue is warming up (${calls})`);
      },
      { client: { retry: { maxAttempts: 3, baseDelayMs: 10 } } },
    );

    await expect(client.getVulnerabilities({ qids: ['105943'] })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'Catalogue is warming up (3)',
    });
    expect(calls).toBe(3);
  });

  it('never retries another code', async () => {
    let calls = 0;
    const { client } = await start(() => {
      calls += 1;
      throw new GrpcError(GRPC_CODES.notFound, 'QID 105943 is not in the catalogue');
    });

    await expect(client.getVulnerabilities({ qids: ['105943'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(calls).toBe(1);
  });

  it('reaches a server that starts after the first attempt failed', async () => {
    const port = await freePort();
    let late: Promise<GrpcServer> | undefined;
    const startLate = () =>
      startGrpcServer({
        host: '127.0.0.1',
        port,
        logger: silentLogger(),
        services: [knowledgeBaseService({ getVulnerabilities: () => ANSWER })],
      });
    const { logger } = capturingLogger(line => {
      if (line.msg === 'gRPC call unavailable, retrying') {
        late ??= startLate();
      }
    });
    const client = createKnowledgeBaseClient(`127.0.0.1:${port}`, {
      logger,
      retry: { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 400 },
    });

    try {
      expect(await client.getVulnerabilities({ qids: ['105943'] })).toStrictEqual(ANSWER);
      expect(late).toBeDefined();
    } finally {
      client.close();
      await (await late)?.stop();
    }
  });
});

describe('GrpcServer.stop', () => {
  it('lets an in-flight call finish before the server stops', async () => {
    const started = deferred();
    const release = deferred();
    const { server, client } = await start(async () => {
      started.resolve();
      await release.promise;
      return ANSWER;
    });
    const call = client.getVulnerabilities({ qids: ['105943'] });
    await started.promise;

    let stopped = false;
    const stopping = server.stop().then(() => {
      stopped = true;
    });
    // Time enough for a stop that did not wait to have completed.
    await sleep(100);
    const stoppedBeforeRelease = stopped;
    release.resolve();

    expect(stoppedBeforeRelease).toBe(false);
    expect(await call).toStrictEqual(ANSWER);
    await stopping;
    expect(stopped).toBe(true);
  });

  it('cancels a call still running at the shutdown deadline', async () => {
    const aborted = deferred<unknown>();
    const started = deferred();
    const { server, client } = await start(hangUntilAborted(aborted, started), {
      server: { shutdownTimeoutMs: 50 },
      client: { retry: { maxAttempts: 1 } },
    });
    const call = client.getVulnerabilities({ qids: ['105943'] });
    await started.promise;

    await server.stop();

    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await aborted.promise).toMatchObject({ code: 'CANCELLED' });
  });
});
