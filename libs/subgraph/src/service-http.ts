import { createServer, type Server } from 'node:http';

import type { Logger } from '@exposure-graph/logging';
import { collectProcessMetrics, metricsRegistry } from '@exposure-graph/metrics';
import express, { type Express } from 'express';

/** A dependency the service cannot work without, checked by the readiness route. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<boolean>;
}

export interface ServiceHttpOptions {
  logger: Logger;
  readiness: readonly ReadinessCheck[];
}

/**
 * The routes every service answers: `/health` says the process is alive, `/ready` says its
 * dependencies answer (so an orchestrator sends traffic only then), `/metrics` is Prometheus.
 */
export function createServiceApp(options: ServiceHttpOptions): Express {
  collectProcessMetrics();
  const app = express();
  app.disable('x-powered-by');

  app.get('/health', (_request, response) => {
    response.json({ status: 'ok', pid: process.pid });
  });

  app.get('/ready', async (_request, response) => {
    const results = await runChecks(options.readiness);
    const ready = Object.values(results).every(Boolean);
    response
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not-ready', checks: results });
  });

  app.get('/metrics', async (_request, response) => {
    response.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });

  return app;
}

async function runChecks(checks: readonly ReadinessCheck[]): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    checks.map(async ({ name, check }) => [name, await check().catch(() => false)] as const),
  );
  return Object.fromEntries(entries);
}

/** An HTTP server for the app, not yet listening, so plugins can hook its shutdown. */
export function createHttpServer(app: Express): Server {
  return createServer(app);
}

/** Starts listening and resolves once bound (port 0 picks a free port). */
export async function listen(server: Server, host: string, port: number): Promise<Server> {
  return await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export function serverUrl(server: Server, path = ''): string {
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('Server is not listening on a TCP port');
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}${path}`;
}

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.close(error => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
