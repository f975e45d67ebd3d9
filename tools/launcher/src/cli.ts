import { join } from 'node:path';

import { developmentCredentialsKeys } from './dev-secrets';
import { loadEnvironment } from './environment';
import { launchSystem, WORKSPACE_ROOT } from './launcher';
import { DEFAULT_PORTS, systemServices } from './services';

/**
 * `npm start`: runs every service against the stack that tools/scripts/start.sh brought up,
 * prints where the gateway listens, and stops everything cleanly on Ctrl-C.
 */
async function main(): Promise<void> {
  const env = sharedEnvironment();
  const logDir = join(WORKSPACE_ROOT, '.stack/logs/services');

  console.log('Starting services (logs in .stack/logs/services/)...');
  const system = await launchSystem({
    services: systemServices({
      ports: DEFAULT_PORTS,
      databasePrefix: 'exposure_',
      credentialsKeys: developmentCredentialsKeys(
        join(WORKSPACE_ROOT, '.stack/dev/credentials-keys'),
      ),
    }),
    env,
    logDir,
  });

  const gatewayUrl = `http://127.0.0.1:${DEFAULT_PORTS.gateway}/graphql`;
  console.log(`\nExposure Graph is running.\n  Gateway: ${gatewayUrl}\n`);
  console.log('Try:');
  console.log(
    `  curl -s ${gatewayUrl} -H 'content-type: application/json' \\\n` +
      `    -d '{"query":"{ sources { id name apiBaseUrl enabled } }"}'\n`,
  );
  console.log('Press Ctrl-C to stop.');

  await waitForSignal();
  console.log('\nStopping services...');
  await system.stop();
}

function sharedEnvironment(): Record<string, string> {
  const config = loadEnvironment();
  return {
    KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
    MONGODB_URI: config.MONGODB_URI,
    LOG_LEVEL: config.LOG_LEVEL,
  };
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
