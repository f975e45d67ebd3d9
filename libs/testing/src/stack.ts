import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export interface TestStack {
  kafkaBrokers: string[];
  mongoUri: string;
}

const WORKSPACE_ROOT = join(__dirname, '../../..');

let cached: TestStack | undefined;

/**
 * The real Kafka broker and MongoDB-wire database for integration tests. `npm test` starts
 * them and exports their addresses; a test run on its own starts them through tools/stack.
 */
export function ensureStack(): TestStack {
  if (cached) {
    return cached;
  }

  if (!process.env.KAFKA_BROKERS || !process.env.MONGODB_URI) {
    const stackScript = join(WORKSPACE_ROOT, 'tools/stack/stack');
    execFileSync('bash', [stackScript, 'up'], { stdio: 'ignore' });
    const printed = execFileSync('bash', [stackScript, 'env'], { encoding: 'utf8' });
    for (const line of printed.split('\n')) {
      const [name, ...value] = line.trim().split('=');
      if (name === 'KAFKA_BROKERS' || name === 'MONGODB_URI') {
        process.env[name] = value.join('=');
      }
    }
  }

  cached = {
    kafkaBrokers: (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean),
    mongoUri: process.env.MONGODB_URI ?? '',
  };
  return cached;
}

/** A name no other test suite uses, for databases, topic prefixes and consumer groups. */
export function uniqueName(purpose: string): string {
  return `t-${purpose}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
