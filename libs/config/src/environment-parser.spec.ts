import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';

import { envBoolean, kafkaEnvironment, mongoEnvironment, port } from './common-schemas';
import { ConfigError, parseEnvironment } from './environment-parser';

const shape = { ...kafkaEnvironment, ...mongoEnvironment, PORT: port, DEBUG_SQL: envBoolean };

describe('parseEnvironment', () => {
  it('returns typed values from a valid environment', () => {
    const config = parseEnvironment('demo', shape, {
      KAFKA_BROKERS: ' 127.0.0.1:9092 , 127.0.0.2:9092 ',
      MONGODB_URI: 'mongodb://127.0.0.1:27017',
      PORT: '4001',
      DEBUG_SQL: '1',
    });

    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.2:9092']);
    expect(config.PORT).toBe(4001);
    expect(config.DEBUG_SQL).toBe(true);
    expect(config.KAFKA_TOPIC_PREFIX).toBe('');
  });

  it('reports every bad variable by name in one error', () => {
    const parse = () =>
      parseEnvironment('demo', shape, {
        MONGODB_URI: 'postgres://nope',
        PORT: '70000',
        DEBUG_SQL: 'yes',
      });

    expect(parse).toThrow(ConfigError);
    try {
      parse();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(4);
      expect(problems).toContain('KAFKA_BROKERS is required');
      expect(problems.join('\n')).toMatch(/MONGODB_URI: must be a mongodb/);
      expect(problems.join('\n')).toMatch(/PORT: .*65535/);
      expect(problems.join('\n')).toMatch(/DEBUG_SQL: must be one of true, false, 1, 0/);
      expect((error as ConfigError).message).toMatch(/^Invalid configuration for demo:/);
    }
  });

  it('accepts any zod shape', () => {
    const config = parseEnvironment('demo', { NAME: z.string().default('x') }, {});

    expect(config.NAME).toBe('x');
  });
});
