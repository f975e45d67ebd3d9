import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A secret as stored: AES-256-GCM ciphertext with its IV and tag, and the key that sealed it. */
export interface SealedSecret {
  keyId: string;
  iv: string;
  tag: string;
  data: string;
}

export interface CredentialKey {
  id: string;
  key: Buffer;
}

export interface CredentialCipher {
  readonly currentKeyId: string;
  seal(plaintext: string): SealedSecret;
  open(secret: SealedSecret): string;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

/**
 * Seals credentials with the first (current) key and opens them with whichever configured key
 * sealed them, so keys can be rotated: add a new key in front, restart, and the service
 * re-seals stored secrets with it (docs/integrations.md, "Key rotation").
 */
export function createCredentialCipher(keys: readonly CredentialKey[]): CredentialCipher {
  const [current] = keys;
  if (!current) {
    throw new Error('At least one credential key is required');
  }
  const byId = new Map(keys.map(entry => [entry.id, entry.key]));

  return {
    currentKeyId: current.id,
    seal: plaintext => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, current.key, iv);
      // The key id is authenticated too, so a secret cannot be relabelled to another key.
      cipher.setAAD(Buffer.from(current.id, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        keyId: current.id,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
    },
    open: secret => {
      const key = byId.get(secret.keyId);
      if (!key) {
        throw new Error(
          `Credentials were sealed with key "${secret.keyId}", which is not configured`,
        );
      }
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(secret.iv, 'base64'));
      decipher.setAAD(Buffer.from(secret.keyId, 'utf8'));
      decipher.setAuthTag(Buffer.from(secret.tag, 'base64'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(secret.data, 'base64')),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    },
  };
}

/**
 * Parses `CREDENTIALS_KEYS`: comma-separated `id:base64key` entries, current key first, each key
 * 32 random bytes (e.g. `openssl rand -base64 32`).
 */
export function parseCredentialKeys(value: string): CredentialKey[] {
  return value
    .split(',')
    .map(entry => entry.trim())
    .filter(entry => entry.length > 0)
    .map(entry => {
      const separator = entry.indexOf(':');
      const id = entry.slice(0, separator);
      const key = Buffer.from(entry.slice(separator + 1), 'base64');
      if (separator <= 0 || key.length !== 32) {
        throw new Error(
          `Credential key "${id || entry.slice(0, 8)}" must be id:<32 bytes in base64>`,
        );
      }
      return { id, key };
    });
}
