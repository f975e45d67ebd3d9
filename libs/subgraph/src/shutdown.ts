import type { Logger } from '@exposure-graph/logging';

export interface ShutdownStep {
  name: string;
  close: () => Promise<void>;
}

export interface ShutdownOptions {
  logger: Logger;
  /** Hard deadline after which the process exits even if a step hangs. */
  timeoutMs?: number;
  exit?: (code: number) => void;
}

/**
 * Stops a service in the reverse order of start-up on SIGTERM or SIGINT: stop taking work,
 * finish what is in flight, then close connections. A second signal, or the deadline, exits at
 * once.
 */
export function installGracefulShutdown(
  steps: () => readonly ShutdownStep[],
  options: ShutdownOptions,
): () => Promise<void> {
  const log = options.logger.child({ component: 'shutdown' });
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping: Promise<void> | undefined;

  const shutdown = async (): Promise<void> => {
    stopping ??= runSteps([...steps()].reverse(), log);
    return await stopping;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'Second signal, exiting now');
      exit(1);
      return;
    }
    log.info({ signal }, 'Shutting down');
    const deadline = setTimeout(() => {
      log.error({ timeoutMs: options.timeoutMs ?? 15000 }, 'Shutdown deadline passed, exiting');
      exit(1);
    }, options.timeoutMs ?? 15000);
    deadline.unref();
    void shutdown().then(() => exit(0));
  };

  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return shutdown;
}

async function runSteps(steps: readonly ShutdownStep[], log: Logger): Promise<void> {
  for (const step of steps) {
    try {
      await step.close();
      log.info({ step: step.name }, 'Stopped');
    } catch (error) {
      log.error({ err: error, step: step.name }, 'Failed to stop cleanly');
    }
  }
}
