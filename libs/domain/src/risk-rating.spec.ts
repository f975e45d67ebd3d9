import { describe, expect, it } from '@jest/globals';

import { DOMAIN_ERROR_CODES } from './errors';
import { riskRating } from './risk-rating';

describe('riskRating', () => {
  it.each([
    [0, 'none'],
    [1, 'low'],
    [39, 'low'],
    [40, 'medium'],
    [69, 'medium'],
    [70, 'high'],
    [89, 'high'],
    [90, 'critical'],
    [100, 'critical'],
  ])('rates %d %s', (score, rating) => {
    expect(riskRating(score)).toBe(rating);
  });

  it('rates a fractional score by the band minimum it reaches', () => {
    expect(riskRating(0.5)).toBe('low');
    expect(riskRating(39.9)).toBe('low');
    expect(riskRating(89.9)).toBe('high');
  });

  it.each([-1, 100.1, Number.NaN])('rejects %p', score => {
    expect(() => riskRating(score)).toThrow(
      expect.objectContaining({ code: DOMAIN_ERROR_CODES.outOfRange, field: 'risk score' }),
    );
  });
});
