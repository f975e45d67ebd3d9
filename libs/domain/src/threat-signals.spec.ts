import { describe, expect, it } from '@jest/globals';

import { deriveThreatSignals, noThreatSignals, type ThreatSignals } from './threat-signals';

function only(...raised: (keyof ThreatSignals)[]): ThreatSignals {
  const signals = noThreatSignals();
  raised.forEach(signal => (signals[signal] = true));
  return signals;
}

describe('deriveThreatSignals on real QDS factors', () => {
  it('reads KEV, weaponized and public exploit from QID 197597 (elastic mock)', () => {
    const qdsFactors = {
      RTI: 'local',
      exploit_maturity: 'weaponized,poc',
      CISA_vuln: 'YES',
      CVSS: '7.8',
      CVSS_version: 'v3.x',
      epss: '0.00052',
      trending: '02222024,02162024,02262024',
      CVSS_vector: 'AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
      mitigation_controls: '18436,18437',
    };

    expect(deriveThreatSignals({ qdsFactors })).toEqual(
      only('kev', 'weaponizedExploit', 'publicExploit'),
    );
  });

  it('reads a public exploit only from QID 237189 (tenable fixture)', () => {
    const qdsFactors = {
      RTI: 'dos',
      exploit_maturity: 'poc',
      CVSS: '9.8',
      CVSS_version: 'v3.x',
      epss: '0.2054',
      trending: '07112024',
    };

    expect(deriveThreatSignals({ qdsFactors })).toEqual(only('publicExploit'));
  });

  it('reads nothing from QID 197595, which has no exploitation factor', () => {
    const qdsFactors = { CVSS: '7.7', CVSS_version: 'v3.x', epss: '0.00232' };

    expect(deriveThreatSignals({ qdsFactors })).toEqual(noThreatSignals());
  });

  it('reads no KEV from CISA_vuln NO', () => {
    expect(deriveThreatSignals({ qdsFactors: { CISA_vuln: 'NO' } }).kev).toBe(false);
  });

  it('reads malware and threat actors from factors named after them', () => {
    const qdsFactors = { malware_name: 'Emotet', threat_actors: 'APT28', malware_hash: '' };

    expect(deriveThreatSignals({ qdsFactors })).toEqual(only('malware', 'activeAttacks'));
  });

  it('reads RTI values as threat indicators', () => {
    expect(deriveThreatSignals({ qdsFactors: { RTI: 'active_attacks,ransomware' } })).toEqual(
      only('activeAttacks', 'malware'),
    );
  });
});

describe('deriveThreatSignals on KB and QVS evidence', () => {
  it('reads a public exploit from the QVS exploitMaturity of CVE-2021-36798', () => {
    expect(deriveThreatSignals({ exploitMaturity: ['poc'] })).toEqual(only('publicExploit'));
  });

  it('reads nothing from impact-only indicators (QID 150001 and others)', () => {
    const threatIndicators = ['No_Patch', 'Privilege_Escalation', 'Easy_Exploit', 'Wormable'];

    expect(deriveThreatSignals({ threatIndicators })).toEqual(noThreatSignals());
  });

  it.each([
    ['Cisa_Known_Exploited_Vulns', 'kev'],
    ['Active_Attacks', 'activeAttacks'],
    ['Malware', 'malware'],
    ['Ransomware', 'malware'],
    ['Exploit_Kit', 'weaponizedExploit'],
    ['Exploit_Public', 'publicExploit'],
    ['Exploit Available', 'publicExploit'],
    ['active attacks', 'activeAttacks'],
  ] as const)('maps the indicator %p to %s', (indicator, signal) => {
    expect(deriveThreatSignals({ threatIndicators: [indicator] })).toEqual(only(signal));
  });

  it.each([
    ['weaponized', 'weaponizedExploit'],
    ['Weaponised', 'weaponizedExploit'],
    ['functional', 'weaponizedExploit'],
    ['high', 'weaponizedExploit'],
    ['attacked', 'activeAttacks'],
    ['activeAttacks', 'activeAttacks'],
    ['PoC', 'publicExploit'],
    ['proof-of-concept', 'publicExploit'],
  ] as const)('maps the exploit maturity %p to %s', (maturity, signal) => {
    expect(deriveThreatSignals({ exploitMaturity: [maturity] })).toEqual(only(signal));
  });

  it('splits comma-joined entries', () => {
    expect(deriveThreatSignals({ exploitMaturity: ['weaponized, poc'] })).toEqual(
      only('weaponizedExploit', 'publicExploit'),
    );
  });

  it('takes a KEV flag, malware, threat actors and exploit references', () => {
    expect(deriveThreatSignals({ cisaKev: true })).toEqual(only('kev'));
    expect(deriveThreatSignals({ malware: ['WannaCry'] })).toEqual(only('malware'));
    expect(deriveThreatSignals({ threatActors: ['Lazarus'] })).toEqual(only('activeAttacks'));
    expect(deriveThreatSignals({ exploits: ['CVE-2017-0144 exploit'] })).toEqual(
      only('publicExploit'),
    );
  });

  it('ignores blank, null and "null" entries and a false KEV flag', () => {
    const evidence = {
      cisaKev: false,
      malware: ['  ', null, 'null'],
      threatActors: [''],
      exploits: [undefined, 'None'],
      exploitMaturity: [','],
    };

    expect(deriveThreatSignals(evidence)).toEqual(noThreatSignals());
  });

  it('combines evidence from every source', () => {
    const signals = deriveThreatSignals({
      threatIndicators: ['Exploit_Public'],
      exploitMaturity: ['weaponized'],
      qdsFactors: { CISA_vuln: 'YES' },
      malware: ['Emotet'],
    });

    expect(signals).toEqual(only('kev', 'malware', 'weaponizedExploit', 'publicExploit'));
  });

  it('reports nothing for empty evidence', () => {
    expect(deriveThreatSignals({})).toEqual(noThreatSignals());
    expect(deriveThreatSignals({ qdsFactors: null, malware: null })).toEqual(noThreatSignals());
  });
});
