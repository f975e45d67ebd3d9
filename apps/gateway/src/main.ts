import { createLogger } from '@exposure-graph/logging';
import { installGracefulShutdown } from '@exposure-graph/subgraph';

import { loadEnvironment, SERVICE_NAME } from './environment';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  const config = loadEnvironment();
  const logger = createLogger({ service: SERVICE_NAME, level: config.LOG_LEVEL });
  const gateway = await startGateway(config, logger);
  installGracefulShutdown(() => gateway.shutdownSteps, { logger });
}

main().catch((error: unknown) => {
  createLogger({ service: SERVICE_NAME }).fatal({ err: error }, 'Gateway failed to start');
  process.exit(1);
});
