import { describe, expect, it } from '@jest/globals';

import { mergeResolvers } from './merge-resolvers';

describe('mergeResolvers', () => {
  it('merges the fields of each type from every module', () => {
    const sources = { Query: { sources: 'a' }, Source: { createdAt: 'b' } };
    const runs = { Query: { integrationRuns: 'c' }, IntegrationRun: { counters: 'd' } };

    expect(mergeResolvers(sources, runs)).toEqual({
      Query: { sources: 'a', integrationRuns: 'c' },
      Source: { createdAt: 'b' },
      IntegrationRun: { counters: 'd' },
    });
  });

  it('refuses a field resolved by two modules', () => {
    expect(() => mergeResolvers({ Query: { sources: 'a' } }, { Query: { sources: 'b' } })).toThrow(
      'Resolver Query.sources is defined twice',
    );
  });
});
