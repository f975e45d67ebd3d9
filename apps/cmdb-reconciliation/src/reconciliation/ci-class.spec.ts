import { describe, expect, it } from '@jest/globals';

import { classify } from './ci-class';

describe('classify', () => {
  // The first five OS texts are those of the Qualys samples (hld/ and hostlist/).
  it.each([
    ['Windows 2016/2019/10', 'server'],
    ['Windows 2008 R2 Enterprise Service Pack1', 'server'],
    ['Red Hat Enterprise Linux 8.0', 'server'],
    ['Amazon Linux 2016.09', 'server'],
    ['Linux 2.4-2.6 / Embedded Device / F5 Networks Big-IP / Linux 2.6', 'network-device'],
    ['Cisco IOS 15.2', 'network-device'],
    ['Windows 10 Enterprise 64 bit Edition Version 22H2', 'workstation'],
    ['Windows 11 Pro', 'workstation'],
    ['macOS 14.4', 'workstation'],
    ['Windows Server 2022 Datacenter', 'server'],
    ['Ubuntu 22.04.4 LTS', 'server'],
    ['HP LaserJet printer firmware', 'unknown'],
  ])('classifies %s as %s', (os, expected) => {
    expect(classify(os, null)).toBe(expected);
  });

  it('classifies any host with a cloud instance as a cloud instance', () => {
    const cloud = {
      provider: 'aws',
      instanceId: 'i-0bb87c3281243cdfd',
      accountId: '123456789012',
      region: 'us-east-1',
    } as const;

    expect(classify('Amazon Linux 2016.09', cloud)).toBe('cloud-instance');
  });

  it('classifies a host without OS text as unknown', () => {
    expect(classify(null, null)).toBe('unknown');
  });
});
