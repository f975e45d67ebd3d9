import { describe, expect, it } from '@jest/globals';

import { resolveQualysSource } from './config';

describe('resolveQualysSource', () => {
  it('fills the documented defaults', () => {
    const source = resolveQualysSource({
      name: 'eu-1',
      baseUrl: 'https://qualysapi.qualys.eu/',
      credentials: { username: 'user', password: 'secret' },
    });

    expect(source).toMatchObject({
      baseUrl: 'https://qualysapi.qualys.eu',
      requestedWith: 'exposure-graph',
      recordCap: null,
      apiVersions: {
        knowledgeBase: '2.0',
        qvs: '2.0',
        hostList: '2.0',
        hostDetection: '2.0',
        compliance: '2.0',
        scan: '2.0',
        pcrs: '1.0',
      },
      limits: { defaultConcurrency: 2, maxRateWaitMs: 900_000 },
    });
  });

  it('names the faulty fields without showing their values', () => {
    const resolve = () =>
      resolveQualysSource({
        name: 'eu-1',
        baseUrl: 'https://user:hunter2@qualysapi.qualys.eu',
        credentials: { username: 'user', password: '' },
      });

    expect(resolve).toThrow(
      'Invalid Qualys source configuration: baseUrl: must not carry credentials; credentials.password:',
    );
    expect(resolve).not.toThrow(/hunter2/);
  });
});
