import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import * as domain from './index';

describe('libs/domain public surface', () => {
  it('exports exactly the documented runtime values', () => {
    expect(Object.keys(domain).sort()).toEqual([
      'CI_CRITICALITY',
      'CI_CRITICALITY_LABELS',
      'CVSS_VERSIONS',
      'DEFAULT_CI_CRITICALITY',
      'DETECTION_STATUSES',
      'DETECTION_STATUS_VI_STATES',
      'DOMAIN_ERROR_CODES',
      'DomainValueError',
      'QDS_SEVERITIES',
      'RISK_BASES',
      'RISK_FORMULA',
      'RISK_FORMULA_VERSION',
      'RISK_RATINGS',
      'RISK_RULES',
      'SEVERITY',
      'SEVERITY_LABELS',
      'THREAT_SIGNALS',
      'VI_STATES',
      'ciCriticalityOrDefault',
      'computeRisk',
      'deriveThreatSignals',
      'highestCvss',
      'highestQvs',
      'isCiCriticality',
      'isCveId',
      'isSeverity',
      'noThreatSignals',
      'normaliseCveId',
      'parseCvssVersion',
      'parseDetectionStatus',
      'qdsSeverity',
      'riskRating',
      'severityLabel',
      'viStateOf',
    ]);
  });

  it('resolves every export to a value (no import cycle leaves one undefined)', () => {
    for (const [name, value] of Object.entries(domain)) {
      expect([name, value]).not.toEqual([name, undefined]);
    }
  });

  it('exports the error class and every error code', () => {
    expect(domain.DomainValueError).toBeDefined();
    expect(Object.values(domain.DOMAIN_ERROR_CODES)).toEqual([
      'DOMAIN_VALUE_OUT_OF_RANGE',
      'DOMAIN_VALUE_UNKNOWN',
    ]);
  });

  it('documents every error code in docs/risk.md', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/risk.md'), 'utf8');

    for (const code of Object.values(domain.DOMAIN_ERROR_CODES)) {
      expect(doc).toMatch(new RegExp(`^\\| \`${code}\` +\\|`, 'm'));
    }
  });

  it('documents the current formula version in docs/risk.md', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/risk.md'), 'utf8');

    expect(domain.RISK_FORMULA_VERSION).toBe(1);
    expect(doc).toContain('Formula version: **1**');
  });
});
