import { describe, expect, it } from '@jest/globals';

import { parseDetectionStatus, viStateOf } from './vi-state';

describe('viStateOf', () => {
  it.each([
    ['New', 'open'],
    ['Active', 'open'],
    ['Re-Opened', 'open'],
    ['Fixed', 'closed'],
  ])('maps %s to %s', (status, state) => {
    expect(viStateOf(status)).toBe(state);
  });

  it('tolerates other spellings of the same status', () => {
    expect(viStateOf('Reopened')).toBe('open');
    expect(viStateOf('RE-OPENED')).toBe('open');
    expect(viStateOf(' fixed ')).toBe('closed');
  });

  it.each(['Closed', 'Ignored', '', null, undefined])('returns null for %p', status => {
    expect(viStateOf(status)).toBeNull();
  });
});

describe('parseDetectionStatus', () => {
  it('returns the API spelling', () => {
    expect(parseDetectionStatus('reopened')).toBe('Re-Opened');
    expect(parseDetectionStatus('ACTIVE')).toBe('Active');
  });

  it('returns null for an unknown status', () => {
    expect(parseDetectionStatus('Pending')).toBeNull();
  });
});
