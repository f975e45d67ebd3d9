import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { EVENT_CATALOGUE } from './catalogue';
import { ALL_TOPICS } from './topics';

const eventsDoc = readFileSync(join(__dirname, '../../../docs/events.md'), 'utf8');

describe('event catalogue', () => {
  it('documents every event type with its version in docs/events.md', () => {
    for (const event of EVENT_CATALOGUE) {
      expect(eventsDoc).toContain(`### \`${event.type}\` v${event.version}`);
    }
  });

  it('publishes each event on a topic of the topic list', () => {
    for (const event of EVENT_CATALOGUE) {
      expect(ALL_TOPICS).toContain(event.topic);
    }
  });

  it('gives every event type exactly one definition per version', () => {
    const ids = EVENT_CATALOGUE.map(event => `${event.type}@${event.version}`);

    expect(new Set(ids).size).toBe(ids.length);
  });
});
