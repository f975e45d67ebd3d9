import { describe, expect, it } from '@jest/globals';

import { DEFAULT_ENGINE_CONFIG, parseEngineConfig, parseRuleOrder } from './engine-config';
import { CMDB_ERROR_CODES } from './errors';

describe('parseEngineConfig', () => {
  it('fills everything from the defaults when given nothing', () => {
    expect(parseEngineConfig(undefined)).toEqual(DEFAULT_ENGINE_CONFIG);
    expect(DEFAULT_ENGINE_CONFIG.ruleOrder).toEqual([
      'source-host',
      'agent-id',
      'asset-id',
      'cloud-instance',
      'fqdn',
      'netbios-ip',
      'ip-network',
    ]);
  });

  it('keeps what the configuration sets and defaults the rest', () => {
    const config = parseEngineConfig({
      conflictPolicy: 'unmatched',
      precedence: { attributes: { os: [{ sourceId: 'src-eu' }, { integration: 'host-list' }] } },
    });

    expect(config.conflictPolicy).toBe('unmatched');
    expect(config.ruleOrder).toEqual(DEFAULT_ENGINE_CONFIG.ruleOrder);
    expect(config.precedence).toEqual({
      default: DEFAULT_ENGINE_CONFIG.precedence.default,
      attributes: { os: [{ sourceId: 'src-eu' }, { integration: 'host-list' }] },
    });
  });

  it('reports every problem at once', () => {
    const parse = () =>
      parseEngineConfig({
        ruleOrder: ['fqdn', 'agent-id', 'fqdn', 'serial-number'],
        precedence: { default: [{}], attributes: { owner: [] } },
      });

    expect(parse).toThrow(expect.objectContaining({ code: CMDB_ERROR_CODES.invalidConfig }));
    let problems: readonly string[] = [];
    try {
      parse();
    } catch (error) {
      problems = (error as { problems: readonly string[] }).problems;
    }
    // The wording of zod's own messages is its business; the paths and ours are the contract.
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^ruleOrder\.3: /);
    expect(problems[1]).toBe('precedence.default.0: must name an integration, a sourceId or both');
    expect(problems[2]).toMatch(/^precedence\.attributes: .*owner/);
  });

  it('refuses a rule order that does not start with source-host or repeats a rule', () => {
    expect(() => parseEngineConfig({ ruleOrder: ['fqdn', 'agent-id', 'fqdn'] })).toThrow(
      'Invalid CMDB engine configuration: ruleOrder: must start with source-host; ' +
        'ruleOrder: names fqdn twice',
    );
  });
});

describe('parseRuleOrder', () => {
  it('reads rule names separated by commas', () => {
    expect(parseRuleOrder(' source-host, fqdn ,agent-id,')).toEqual([
      'source-host',
      'fqdn',
      'agent-id',
    ]);
  });
});
