import { randomBytes } from 'node:crypto';

import { describe, expect, it } from '@jest/globals';

import { createCredentialCipher, parseCredentialKeys } from './credential-cipher';

const oldKey = { id: 'k2025', key: randomBytes(32) };
const newKey = { id: 'k2026', key: randomBytes(32) };

describe('credential cipher', () => {
  it('seals with the current key and opens what it sealed', () => {
    const cipher = createCredentialCipher([newKey, oldKey]);

    const sealed = cipher.seal('{"username":"qualys","password":"s3cret!"}');

    expect(sealed.keyId).toBe('k2026');
    expect(sealed.data).not.toContain('s3cret');
    expect(Buffer.from(sealed.data, 'base64').toString('utf8')).not.toContain('s3cret');
    expect(cipher.open(sealed)).toBe('{"username":"qualys","password":"s3cret!"}');
  });

  it('opens secrets sealed with an older configured key, after a rotation', () => {
    const sealedBefore = createCredentialCipher([oldKey]).seal('old secret');

    const rotated = createCredentialCipher([newKey, oldKey]);

    expect(rotated.open(sealedBefore)).toBe('old secret');
  });

  it('refuses a secret whose key is not configured, naming the key', () => {
    const sealed = createCredentialCipher([oldKey]).seal('x');

    expect(() => createCredentialCipher([newKey]).open(sealed)).toThrow(
      'Credentials were sealed with key "k2025", which is not configured',
    );
  });

  it('refuses a tampered secret or one relabelled to another key', () => {
    const cipher = createCredentialCipher([newKey, { id: 'k2025', key: newKey.key }]);
    const sealed = cipher.seal('secret');
    const flipped = Buffer.from(sealed.data, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;

    expect(() => cipher.open({ ...sealed, data: flipped.toString('base64') })).toThrow();
    expect(() => cipher.open({ ...sealed, keyId: 'k2025' })).toThrow();
  });

  it('parses the key list and refuses keys of the wrong size', () => {
    const value = `k2026:${newKey.key.toString('base64')}, k2025:${oldKey.key.toString('base64')}`;

    expect(parseCredentialKeys(value).map(key => key.id)).toEqual(['k2026', 'k2025']);
    expect(() => parseCredentialKeys('short:AAAA')).toThrow(
      'Credential key "short" must be id:<32 bytes in base64>',
    );
  });
});
