import { createLogger } from '@exposure-graph/logging';
import { installGracefulShutdown } from '@exposure-graph/subgraph';

import { loadEnvironment, SERVICE_NAME } from './environment';
import { startIntegrationsService } from './service';

async function main(): Promise<void> {
  const config = loadEnvironment();
  const logger = createLogger({ service: SERVICE_NAME, level: config.LOG_LEVEL });
  const service = await startIntegrationsService(config, logger);
  installGracefulShutdown(() => service.shutdownSteps, { logger });
}

main().catch((error: unknown) => {
  createLogger({ service: SERVICE_NAME }).fatal({ err: error }, 'Service failed to start');
  process.exit(1);
});
