import { Writable } from 'node:stream';

import { describe, expect, it } from '@jest/globals';

import { createLogger } from './logger';

function captureLines(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(line => line.length > 0)
      .map(line => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('createLogger', () => {
  it('writes one JSON line per event with service, level name and ISO time', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ service: 'knowledge-base', destination: stream });

    logger.child({ component: 'kb-import' }).info({ runId: 'r1', page: 2 }, 'Page stored');

    const [line] = lines();
    expect(line).toMatchObject({
      service: 'knowledge-base',
      component: 'kb-import',
      level: 'info',
      runId: 'r1',
      page: 2,
      msg: 'Page stored',
    });
    expect(String(line?.time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('censors credentials and authorization headers', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ service: 'integrations', destination: stream });

    logger.info(
      {
        source: { name: 'EU', password: 'hunter2' },
        request: { headers: { authorization: 'Basic dXNlcjpodW50ZXIy' } },
      },
      'Calling Qualys',
    );

    const text = JSON.stringify(lines());
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('dXNlcjpodW50ZXIy');
    expect(text).toContain('[redacted]');
  });
});
