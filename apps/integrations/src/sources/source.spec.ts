import { describe, expect, it } from '@jest/globals';

import { newSourceSchema } from './source';

const valid = {
  name: 'EU platform',
  apiBaseUrl: 'https://qualysapi.qualys.eu',
  username: 'api_user',
  password: 'secret',
};

function firstProblem(input: object): string | undefined {
  const result = newSourceSchema.safeParse({ ...valid, ...input });
  return result.success ? undefined : result.error.issues.map(issue => issue.message).join('; ');
}

describe('newSourceSchema', () => {
  it('accepts a platform URL and drops its trailing slash, with every integration by default', () => {
    const parsed = newSourceSchema.parse({
      ...valid,
      apiBaseUrl: 'https://qualysapi.qg2.apps.qualys.com/',
    });

    expect(parsed.apiBaseUrl).toBe('https://qualysapi.qg2.apps.qualys.com');
    expect(parsed.integrations).toEqual([
      'knowledge-base',
      'knowledge-base-backfill',
      'host-list',
      'host-detection',
      'qvs',
      'pc-policies',
      'pc-controls',
      'pcrs',
    ]);
    expect(parsed.pcrsGatewayUrl).toBeNull();
  });

  it('accepts the loopback simulator address', () => {
    expect(firstProblem({ apiBaseUrl: 'http://127.0.0.1:8090' })).toBeUndefined();
  });

  it('refuses credentials, queries and fragments inside the URL', () => {
    expect(firstProblem({ apiBaseUrl: 'https://user:pass@qualysapi.qualys.com' })).toBe(
      'must not contain credentials; give them as username and password',
    );
    expect(firstProblem({ apiBaseUrl: 'https://qualysapi.qualys.com/?x=1' })).toBe(
      'must not have a query or fragment',
    );
    expect(firstProblem({ apiBaseUrl: 'https://qualysapi.qualys.com/#frag' })).toBe(
      'must not have a query or fragment',
    );
  });

  it('refuses link-local addresses such as a cloud metadata endpoint', () => {
    expect(firstProblem({ apiBaseUrl: 'http://169.254.169.254/latest' })).toBe(
      'must not be link-local',
    );
  });

  it('refuses other schemes and names with control characters', () => {
    expect(firstProblem({ apiBaseUrl: 'javascript:alert(1)' })).toBe('must be an http(s) URL');
    expect(firstProblem({ name: 'EU\nplatform' })).toBe('must not contain control characters');
    expect(firstProblem({ name: 'EU\u0000' })).toBe('must not contain control characters');
  });

  it('refuses an unknown integration', () => {
    expect(firstProblem({ integrations: ['knowledge-base', 'nessus'] })).toBe(
      'unknown integration',
    );
  });
});
