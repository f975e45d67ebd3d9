import { join } from 'node:path';

import { developmentCredentialsKeys } from './dev-secrets';
import { loadEnvironment } from './environment';
import { launchSystem, type RunningSystem, WORKSPACE_ROOT } from './launcher';
import { systemServices } from './services';

/**
 * `npm start`: runs every service against the stack that tools/scripts/start.sh brought up,
 * prints where the gateway listens, and stops everything cleanly on Ctrl-C.
 */
async function main(): Promise<void> {
  const config = loadEnvironment();
  const ports = {
    gateway: config.GATEWAY_PORT,
    integrations: config.INTEGRATIONS_PORT,
    integrationsGrpc: config.INTEGRATIONS_GRPC_PORT,
  };
  const stopRequested = waitForSignal();

  console.log('Starting services (logs in .stack/logs/services/)...');
  const system = await launchSystem({
    services: systemServices({
      ports,
      databasePrefix: 'exposure_',
      credentialsKeys: developmentCredentialsKeys(
        join(WORKSPACE_ROOT, '.stack/dev/credentials-keys'),
      ),
    }),
    env: {
      KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
      MONGODB_URI: config.MONGODB_URI,
      LOG_LEVEL: config.LOG_LEVEL,
      // A local installation: introspection and the GraphQL sandbox page are on.
      GRAPHQL_DEVELOPMENT: 'true',
    },
    logDir: join(WORKSPACE_ROOT, '.stack/logs/services'),
    onUnexpectedExit: (name, code, logTail) => {
      console.error(`\n${name} exited unexpectedly (code ${code}). Last log lines:\n${logTail}`);
      process.kill(process.pid, 'SIGTERM');
    },
  });

  printWelcome(`http://127.0.0.1:${ports.gateway}/graphql`);
  await stopRequested;
  await stopSystem(system);
}

function printWelcome(gatewayUrl: string): void {
  console.log(`\nExposure Graph is running.\n  Gateway: ${gatewayUrl}\n`);
  console.log('Try:');
  console.log(
    `  curl -s ${gatewayUrl} -H 'content-type: application/json' \\\n` +
      `    -d '{"query":"{ sources { id name apiBaseUrl enabled } }"}'\n`,
  );
  console.log('Press Ctrl-C to stop.');
}

async function stopSystem(system: RunningSystem): Promise<void> {
  console.log('\nStopping services...');
  const exitCodes = await system.stop();
  const unclean = Object.entries(exitCodes).filter(([, code]) => code !== 0);
  for (const [name, code] of unclean) {
    console.error(`${name} stopped with exit code ${code}`);
  }
}

async function waitForSignal(): Promise<void> {
  await new Promise<void>(resolve => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
