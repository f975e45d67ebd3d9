import { describe, expect, it } from '@jest/globals';

import { DOMAIN_ERROR_CODES, DomainValueError } from './errors';
import { computeRisk, type RiskInputs, type RiskResult } from './risk';

const NO_SIGNALS = {
  kev: false,
  activeAttacks: false,
  malware: false,
  weaponizedExploit: false,
  publicExploit: false,
};

function effectsTotal(result: RiskResult): number {
  return result.factors.reduce((total, factor) => total + factor.effect, 0);
}

function expectRejected(inputs: RiskInputs, code: string, field: string): void {
  let caught: unknown;
  try {
    computeRisk(inputs);
  } catch (error) {
    caught = error;
  }

  expect(caught).toBeInstanceOf(DomainValueError);
  expect(caught).toMatchObject({ code, field, retriable: false });
}

// Every expected value below is the hand calculation of docs/risk.md, "Worked examples".
describe('computeRisk worked examples', () => {
  it('scores example 1 (everything known) 100 critical from QDS 95 on criticality 4', () => {
    const result = computeRisk({
      severity: 5,
      cvss: { score: 7.8, version: 'v3' },
      maxQvs: 93,
      qds: 95,
      signals: { kev: true, weaponizedExploit: true, publicExploit: true },
      assetCriticality: 4,
    });

    expect(result).toEqual({
      formulaVersion: 1,
      score: 100,
      rating: 'critical',
      basis: 'qds',
      threat: 95,
      inputs: {
        severity: 5,
        cvss: { score: 7.8, version: 'v3' },
        maxQvs: 93,
        qds: 95,
        signals: { ...NO_SIGNALS, kev: true, weaponizedExploit: true, publicExploit: true },
        assetCriticality: 4,
        assetCriticalityDefaulted: false,
      },
      factors: [
        { factor: 'qds', value: 95, rule: 'base', weight: 95, effect: 95 },
        { factor: 'kev', value: true, rule: 'threat-floor', weight: 90, effect: 0 },
        { factor: 'weaponizedExploit', value: true, rule: 'threat-floor', weight: 75, effect: 0 },
        { factor: 'publicExploit', value: true, rule: 'threat-floor', weight: 50, effect: 0 },
        { factor: 'assetCriticality', value: 4, rule: 'criticality', weight: 110, effect: 5 },
        { factor: 'kev', value: true, rule: 'exploited-floor', weight: 70, effect: 0 },
      ],
    });
  });

  it('scores example 2 (QDS 35 with CVSS 7.7) 35 low: QDS overrides a higher CVSS', () => {
    const result = computeRisk({ severity: 3, cvss: { score: 7.7, version: 'v3' }, qds: 35 });

    expect(result).toMatchObject({ score: 35, rating: 'low', basis: 'qds', threat: 35 });
    expect(result.factors).toEqual([
      { factor: 'qds', value: 35, rule: 'base', weight: 35, effect: 35 },
      { factor: 'assetCriticality', value: 3, rule: 'criticality', weight: 100, effect: 0 },
    ]);
    expect(result.inputs.assetCriticalityDefaulted).toBe(true);
  });

  it('scores example 3 (no CVSS) 78 high from the highest QVS', () => {
    const result = computeRisk({ severity: 4, maxQvs: 78, signals: { publicExploit: true } });

    expect(result).toMatchObject({ score: 78, rating: 'high', basis: 'qvs', threat: 78 });
    expect(result.inputs.cvss).toBeNull();
    expect(result.factors).toEqual([
      { factor: 'qvs', value: 78, rule: 'base', weight: 78, effect: 78 },
      { factor: 'publicExploit', value: true, rule: 'threat-floor', weight: 50, effect: 0 },
      { factor: 'assetCriticality', value: 3, rule: 'criticality', weight: 100, effect: 0 },
    ]);
  });

  it('scores example 4 (no QDS, no QVS) 65 medium from CVSS v3 8.1 on criticality 2', () => {
    const result = computeRisk({
      severity: 4,
      cvss: { score: 8.1, version: 'v3' },
      assetCriticality: 2,
    });

    expect(result).toMatchObject({ score: 65, rating: 'medium', basis: 'cvss', threat: 81 });
    expect(result.factors).toEqual([
      { factor: 'cvss', value: 8.1, rule: 'base', weight: 81, effect: 81 },
      { factor: 'assetCriticality', value: 2, rule: 'criticality', weight: 80, effect: -16 },
    ]);
  });

  it('scores example 5 (KEV-listed, CVSS v2 5.0) 90 critical', () => {
    const result = computeRisk({
      severity: 3,
      cvss: { score: 5, version: 'v2' },
      signals: { kev: true, publicExploit: true },
      assetCriticality: 3,
    });

    expect(result).toMatchObject({ score: 90, rating: 'critical', basis: 'cvss', threat: 90 });
    expect(result.factors).toEqual([
      { factor: 'cvss', value: 5, rule: 'base', weight: 50, effect: 50 },
      { factor: 'kev', value: true, rule: 'threat-floor', weight: 90, effect: 40 },
      { factor: 'publicExploit', value: true, rule: 'threat-floor', weight: 50, effect: 0 },
      { factor: 'assetCriticality', value: 3, rule: 'criticality', weight: 100, effect: 0 },
      { factor: 'kev', value: true, rule: 'exploited-floor', weight: 70, effect: 0 },
    ]);
    expect(result.inputs.assetCriticalityDefaulted).toBe(false);
  });

  it('scores example 6 (KEV on criticality 1) 70 high through the exploited floor', () => {
    const result = computeRisk({
      severity: 3,
      cvss: { score: 5, version: 'v2' },
      signals: { kev: true, publicExploit: true },
      assetCriticality: 1,
    });

    expect(result).toMatchObject({ score: 70, rating: 'high', threat: 90 });
    expect(result.factors).toEqual([
      { factor: 'cvss', value: 5, rule: 'base', weight: 50, effect: 50 },
      { factor: 'kev', value: true, rule: 'threat-floor', weight: 90, effect: 40 },
      { factor: 'publicExploit', value: true, rule: 'threat-floor', weight: 50, effect: 0 },
      { factor: 'assetCriticality', value: 1, rule: 'criticality', weight: 60, effect: -36 },
      { factor: 'kev', value: true, rule: 'exploited-floor', weight: 70, effect: 16 },
    ]);
  });

  it('scores example 7 (QDS 72) 43 medium on criticality 1 and 86 high on criticality 5', () => {
    const finding = {
      severity: 5,
      cvss: { score: 9.8, version: 'v3' },
      qds: 72,
      signals: { publicExploit: true },
    } as const;

    const lab = computeRisk({ ...finding, assetCriticality: 1 });
    const crownJewel = computeRisk({ ...finding, assetCriticality: 5 });

    expect(lab).toMatchObject({ score: 43, rating: 'medium', threat: 72 });
    expect(lab.factors.at(-1)).toEqual({
      factor: 'assetCriticality',
      value: 1,
      rule: 'criticality',
      weight: 60,
      effect: -29,
    });
    expect(crownJewel).toMatchObject({ score: 86, rating: 'high', threat: 72 });
    expect(crownJewel.factors.at(-1)).toEqual({
      factor: 'assetCriticality',
      value: 5,
      rule: 'criticality',
      weight: 120,
      effect: 14,
    });
  });

  it('scores example 8 (nothing but severity 2) 40 medium', () => {
    const result = computeRisk({ severity: 2 });

    expect(result).toEqual({
      formulaVersion: 1,
      score: 40,
      rating: 'medium',
      basis: 'severity',
      threat: 40,
      inputs: {
        severity: 2,
        cvss: null,
        maxQvs: null,
        qds: null,
        signals: NO_SIGNALS,
        assetCriticality: 3,
        assetCriticalityDefaulted: true,
      },
      factors: [
        { factor: 'severity', value: 2, rule: 'base', weight: 40, effect: 40 },
        { factor: 'assetCriticality', value: 3, rule: 'criticality', weight: 100, effect: 0 },
      ],
    });
  });

  it('scores example 9 (malware, CVSS 6.5, criticality 4) 88 high with no exploited floor', () => {
    const result = computeRisk({
      severity: 3,
      cvss: { score: 6.5, version: 'v3' },
      signals: { malware: true },
      assetCriticality: 4,
    });

    expect(result).toMatchObject({ score: 88, rating: 'high', threat: 80 });
    expect(result.factors).toEqual([
      { factor: 'cvss', value: 6.5, rule: 'base', weight: 65, effect: 65 },
      { factor: 'malware', value: true, rule: 'threat-floor', weight: 80, effect: 15 },
      { factor: 'assetCriticality', value: 4, rule: 'criticality', weight: 110, effect: 8 },
    ]);
  });

  it('scores example 10 (active attacks, severity 4, criticality 5) 100 critical', () => {
    const result = computeRisk({
      severity: 4,
      signals: { activeAttacks: true },
      assetCriticality: 5,
    });

    expect(result).toMatchObject({ score: 100, rating: 'critical', threat: 85 });
    expect(result.factors).toEqual([
      { factor: 'severity', value: 4, rule: 'base', weight: 80, effect: 80 },
      { factor: 'activeAttacks', value: true, rule: 'threat-floor', weight: 85, effect: 5 },
      { factor: 'assetCriticality', value: 5, rule: 'criticality', weight: 120, effect: 15 },
      { factor: 'activeAttacks', value: true, rule: 'exploited-floor', weight: 70, effect: 0 },
    ]);
  });

  it('scores example 11 (nothing known) 0 none with basis none', () => {
    const result = computeRisk({});

    expect(result).toMatchObject({ score: 0, rating: 'none', basis: 'none', threat: 0 });
    expect(result.factors).toEqual([
      { factor: 'assetCriticality', value: 3, rule: 'criticality', weight: 100, effect: 0 },
    ]);
  });

  it('scores example 12 (rounding at band edges) 50, 89 and 90', () => {
    expect(computeRisk({ qds: 45, assetCriticality: 4 })).toMatchObject({
      score: 50,
      rating: 'medium',
    });
    expect(computeRisk({ qds: 74, assetCriticality: 5 })).toMatchObject({
      score: 89,
      rating: 'high',
    });
    expect(computeRisk({ qds: 75, assetCriticality: 5 })).toMatchObject({
      score: 90,
      rating: 'critical',
    });
  });
});

describe('computeRisk basis', () => {
  it('prefers QVS to CVSS and severity when there is no QDS', () => {
    const result = computeRisk({ severity: 5, cvss: { score: 9.8, version: 'v3' }, maxQvs: 28 });

    expect(result).toMatchObject({ basis: 'qvs', score: 28, rating: 'low' });
  });

  it('prefers CVSS to severity', () => {
    const result = computeRisk({ severity: 5, cvss: { score: 3.1, version: 'v4' } });

    expect(result).toMatchObject({ basis: 'cvss', score: 31, rating: 'low' });
  });

  it('maps each severity level to 20, 40, 60, 80 and 100', () => {
    const scores = [1, 2, 3, 4, 5].map(severity => computeRisk({ severity }).score);

    expect(scores).toEqual([20, 40, 60, 80, 100]);
  });

  it('rounds a fractional QDS or QVS half up before using it', () => {
    expect(computeRisk({ qds: 69.5 })).toMatchObject({ threat: 70, rating: 'high' });
    expect(computeRisk({ maxQvs: 39.4 })).toMatchObject({ threat: 39, rating: 'low' });
  });

  it('scores CVSS 0.0 as 0: a real score, not a missing one', () => {
    const result = computeRisk({ severity: 3, cvss: { score: 0, version: 'v3' } });

    expect(result).toMatchObject({ basis: 'cvss', score: 0, rating: 'none' });
  });

  it('scores QVS 0 as 0 rather than falling back to severity', () => {
    expect(computeRisk({ severity: 4, maxQvs: 0 })).toMatchObject({ basis: 'qvs', score: 0 });
  });
});

describe('computeRisk threat floors', () => {
  it('raises a weak threat to the floor of each signal alone', () => {
    const floors = (
      ['kev', 'activeAttacks', 'malware', 'weaponizedExploit', 'publicExploit'] as const
    ).map(signal => computeRisk({ severity: 1, signals: { [signal]: true } }).threat);

    expect(floors).toEqual([90, 85, 80, 75, 50]);
  });

  it('gives the credit to the strongest signal and 0 to the weaker ones', () => {
    const result = computeRisk({ severity: 1, signals: { publicExploit: true, malware: true } });

    expect(result.factors.filter(factor => factor.rule === 'threat-floor')).toEqual([
      { factor: 'malware', value: true, rule: 'threat-floor', weight: 80, effect: 60 },
      { factor: 'publicExploit', value: true, rule: 'threat-floor', weight: 50, effect: 0 },
    ]);
  });

  it('applies floors when nothing else is known', () => {
    expect(computeRisk({ signals: { kev: true } })).toMatchObject({
      basis: 'none',
      threat: 90,
      score: 90,
      rating: 'critical',
    });
  });

  it('ignores signals given as false or null', () => {
    const result = computeRisk({ severity: 2, signals: { kev: false, malware: null } });

    expect(result).toMatchObject({ score: 40, inputs: { signals: NO_SIGNALS } });
  });

  it('uses the active-attacks signal for the exploited floor when KEV is absent', () => {
    const result = computeRisk({
      severity: 1,
      signals: { activeAttacks: true },
      assetCriticality: 1,
    });

    expect(result.threat).toBe(85);
    expect(result.score).toBe(70);
    expect(result.factors.at(-1)).toEqual({
      factor: 'activeAttacks',
      value: true,
      rule: 'exploited-floor',
      weight: 70,
      effect: 19,
    });
  });

  it('does not apply the exploited floor for malware or exploits alone', () => {
    const result = computeRisk({
      severity: 1,
      signals: { malware: true, weaponizedExploit: true },
      assetCriticality: 1,
    });

    expect(result).toMatchObject({ threat: 80, score: 48, rating: 'medium' });
  });
});

describe('computeRisk asset criticality', () => {
  it('applies 60, 80, 100, 110 and 120 percent to a threat of 50', () => {
    const scores = [1, 2, 3, 4, 5].map(
      assetCriticality => computeRisk({ qds: 50, assetCriticality }).score,
    );

    expect(scores).toEqual([30, 40, 50, 55, 60]);
  });

  it('caps the score at 100', () => {
    expect(computeRisk({ qds: 100, assetCriticality: 5 }).score).toBe(100);
  });

  it('defaults to 3 for null and records that it did', () => {
    const result = computeRisk({ qds: 50, assetCriticality: null });

    expect(result.inputs).toMatchObject({ assetCriticality: 3, assetCriticalityDefaulted: true });
    expect(result.score).toBe(50);
  });
});

describe('computeRisk ratings', () => {
  it.each([
    [39, 'low'],
    [40, 'medium'],
    [69, 'medium'],
    [70, 'high'],
    [89, 'high'],
    [90, 'critical'],
    [100, 'critical'],
    [1, 'low'],
  ])('rates QDS %d on default criticality %s', (qds, rating) => {
    expect(computeRisk({ qds }).rating).toBe(rating);
  });
});

describe('computeRisk factors', () => {
  it.each<[string, RiskInputs]>([
    ['everything known', { severity: 5, qds: 95, signals: { kev: true }, assetCriticality: 4 }],
    ['criticality below 3', { cvss: { score: 7.3, version: 'v3' }, assetCriticality: 2 }],
    [
      'exploited floor',
      { severity: 2, signals: { kev: true, activeAttacks: true }, assetCriticality: 1 },
    ],
    ['cap', { maxQvs: 97, signals: { malware: true }, assetCriticality: 5 }],
    ['nothing', {}],
  ])('add up to the score (%s)', (_name, inputs) => {
    const result = computeRisk(inputs);

    expect(effectsTotal(result)).toBe(result.score);
  });

  it('list only the basis among the scores, not the inputs below it', () => {
    const result = computeRisk({
      severity: 4,
      cvss: { score: 9, version: 'v2' },
      maxQvs: 60,
      qds: 42,
    });

    expect(result.factors.map(factor => factor.factor)).toEqual(['qds', 'assetCriticality']);
    expect(result.inputs).toMatchObject({
      severity: 4,
      cvss: { score: 9, version: 'v2' },
      maxQvs: 60,
    });
  });
});

describe('computeRisk invalid inputs', () => {
  const outOfRange = DOMAIN_ERROR_CODES.outOfRange;
  const unknown = DOMAIN_ERROR_CODES.unknownValue;

  it.each<[string, RiskInputs, string, string]>([
    ['severity 0', { severity: 0 }, outOfRange, 'severity'],
    ['severity 6', { severity: 6 }, outOfRange, 'severity'],
    ['severity 2.5', { severity: 2.5 }, outOfRange, 'severity'],
    ['severity NaN', { severity: Number.NaN }, outOfRange, 'severity'],
    ['QDS 0', { qds: 0 }, outOfRange, 'qds'],
    ['QDS 101', { qds: 101 }, outOfRange, 'qds'],
    ['QVS -1', { maxQvs: -1 }, outOfRange, 'maxQvs'],
    ['QVS 100.5', { maxQvs: 100.5 }, outOfRange, 'maxQvs'],
    ['QVS infinite', { maxQvs: Number.POSITIVE_INFINITY }, outOfRange, 'maxQvs'],
    ['CVSS 10.1', { cvss: { score: 10.1, version: 'v3' } }, outOfRange, 'cvss.score'],
    ['CVSS -0.1', { cvss: { score: -0.1, version: 'v2' } }, outOfRange, 'cvss.score'],
    ['criticality 0', { assetCriticality: 0 }, outOfRange, 'assetCriticality'],
    ['criticality 6', { assetCriticality: 6 }, outOfRange, 'assetCriticality'],
    ['criticality 2.5', { assetCriticality: 2.5 }, outOfRange, 'assetCriticality'],
  ])('rejects %s', (_name, inputs, code, field) => {
    expectRejected(inputs, code, field);
  });

  it('rejects a number sent as a string', () => {
    expectRejected(
      { severity: '4' as unknown as number },
      DOMAIN_ERROR_CODES.outOfRange,
      'severity',
    );
  });

  it('rejects a CVSS version outside v2, v3 and v4', () => {
    const cvss = { score: 5, version: 'v3.x' } as unknown as RiskInputs['cvss'];

    expectRejected({ cvss }, unknown, 'cvss.version');
  });

  it('rejects a signal that is not a boolean', () => {
    const signals = { kev: 'YES' } as unknown as RiskInputs['signals'];

    expectRejected({ signals }, unknown, 'signals.kev');
  });

  it('names the field and the value in the message', () => {
    expect(() => computeRisk({ severity: 7 })).toThrow(
      'Invalid severity: expected an integer from 1 to 5, got 7',
    );
    expect(() => computeRisk({ signals: { kev: 'YES' as unknown as boolean } })).toThrow(
      'Invalid signals.kev: expected true, false or null, got "YES"',
    );
  });
});
