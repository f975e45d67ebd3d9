import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The development credential key of `npm start`: made once and kept in `.stack/dev/`, so that
 * credentials stored by one start can be opened by the next. Never used in production, where
 * CREDENTIALS_KEYS comes from a secret store.
 */
export function developmentCredentialsKeys(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `dev1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
