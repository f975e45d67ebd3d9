import type { Logger } from '@exposure-graph/logging';
import { backOff } from 'exponential-backoff';
import { type Db, MongoClient } from 'mongodb';

import { routeDriverLogs } from './driver-logs';

export interface MongoConnectionOptions {
  uri: string;
  database: string;
  /** Shown in server logs and `currentOp`, so a DBA can tell the services apart. */
  appName: string;
  logger: Logger;
  /** Attempts before start-up gives up; the store may still be booting in development. */
  connectAttempts?: number;
}

export interface MongoConnection {
  client: MongoClient;
  db: Db;
  ping: () => Promise<boolean>;
  close: () => Promise<void>;
}

/** Connects with jittered retries and proves the server answers before returning. */
export async function connectMongo(options: MongoConnectionOptions): Promise<MongoConnection> {
  const log = options.logger.child({ component: 'mongo' });
  const client = new MongoClient(options.uri, {
    appName: options.appName,
    serverSelectionTimeoutMS: 5000,
    ...routeDriverLogs(log),
  });

  await backOff(
    async () => {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
    },
    {
      numOfAttempts: options.connectAttempts ?? 8,
      startingDelay: 250,
      maxDelay: 5000,
      jitter: 'full',
      retry: (error: unknown, attempt: number) => {
        log.warn({ err: error, attempt }, 'MongoDB not reachable yet, retrying');
        return true;
      },
    },
  );

  const db = client.db(options.database);
  log.info({ database: options.database }, 'Connected to MongoDB');
  return {
    client,
    db,
    ping: async () => {
      try {
        await db.command({ ping: 1 });
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      await client.close();
    },
  };
}
