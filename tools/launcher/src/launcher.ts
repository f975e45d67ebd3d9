import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { inheritedEnvironment } from './environment';
import type { ServiceDefinition } from './services';

export const WORKSPACE_ROOT = join(__dirname, '../../..');

export interface LaunchOptions {
  services: readonly ServiceDefinition[];
  /** Environment shared by every service (brokers, database URI, log level). */
  env: Record<string, string>;
  /** Each service writes its JSON log lines to `<logDir>/<name>.log`. */
  logDir: string;
  readyTimeoutMs?: number;
  /** Called when a service exits on its own after the system started. */
  onUnexpectedExit?: (name: string, code: number | null, logTail: string) => void;
}

export interface RunningProcess {
  definition: ServiceDefinition;
  child: ChildProcess;
  logFile: string;
}

export interface RunningSystem {
  processes: RunningProcess[];
  /** Stops every service, last started first, and returns each one's exit code. */
  stop: () => Promise<Record<string, number | null>>;
}

/**
 * Starts each service as its own process, as in production, and waits for its readiness
 * route before starting the next one. If one fails, the ones already started are stopped.
 */
export async function launchSystem(options: LaunchOptions): Promise<RunningSystem> {
  mkdirSync(options.logDir, { recursive: true });
  const processes: RunningProcess[] = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    return await stopAll([...processes].reverse());
  };
  // If the launcher itself goes away, its services must not outlive it.
  process.once('exit', () => {
    for (const { child } of processes) {
      child.kill('SIGKILL');
    }
  });

  try {
    for (const definition of options.services) {
      const running = spawnService(definition, options);
      processes.push(running);
      await waitUntilReady(running, options.readyTimeoutMs ?? 60000);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  for (const running of processes) {
    running.child.once('exit', code => {
      if (!stopping) {
        options.onUnexpectedExit?.(running.definition.name, code, tail(running));
      }
    });
  }
  return { processes, stop };
}

function spawnService(definition: ServiceDefinition, options: LaunchOptions): RunningProcess {
  const logFile = join(options.logDir, `${definition.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  // tsx as a loader of this very Node binary: one process per service, signals go straight to it.
  const child = spawn(process.execPath, ['--import', 'tsx', definition.entry], {
    cwd: WORKSPACE_ROOT,
    env: { ...inheritedEnvironment(), ...options.env, ...definition.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own: Ctrl-C reaches only the launcher, which then stops each service once.
    detached: true,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return { definition, child, logFile };
}

async function waitUntilReady(running: RunningProcess, timeoutMs: number): Promise<void> {
  const url = `http://127.0.0.1:${running.definition.port}/ready`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) {
      throw new Error(
        `${running.definition.name} exited with code ${running.child.exitCode}:\n${tail(running)}`,
      );
    }
    if (await answersReady(url, running.child.pid)) {
      return;
    }
    await sleep(250);
  }
  throw new Error(`${running.definition.name} not ready after ${timeoutMs} ms:\n${tail(running)}`);
}

/**
 * Ready only if this very child answers: another program already listening on the port would
 * otherwise pass for the service (its /health names its pid).
 */
async function answersReady(readyUrl: string, pid: number | undefined): Promise<boolean> {
  try {
    const health = await fetch(readyUrl.replace(/\/ready$/, '/health'), {
      signal: AbortSignal.timeout(2000),
    });
    const body = (await health.json()) as { pid?: number };
    if (body.pid !== pid) {
      return false;
    }
    const ready = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) });
    return ready.ok;
  } catch {
    return false;
  }
}

function tail(running: RunningProcess, lines = 15): string {
  try {
    return readFileSync(running.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function stopAll(
  processes: readonly RunningProcess[],
): Promise<Record<string, number | null>> {
  const exitCodes: Record<string, number | null> = {};
  for (const { child, definition } of processes) {
    if (child.exitCode === null && child.signalCode === null) {
      await terminate(child);
    }
    exitCodes[definition.name] = child.exitCode;
  }
  return exitCodes;
}

/** SIGTERM lets the service drain; SIGKILL only if it has not exited after 20 s. */
async function terminate(child: ChildProcess): Promise<void> {
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  const stopped = await Promise.race([
    exited.then(() => true),
    sleep(20000, false, { ref: false }),
  ]);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
}
