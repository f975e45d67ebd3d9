import { isIPv4 } from 'node:net';

import { type HostFacts } from './host-observation';

/**
 * The facts of a host that may identify it: names that many machines share (`localhost`) and
 * addresses that are not unique even inside one network (loopback, unspecified, link-local)
 * are left out. They remain attributes; they only never make a match.
 */
export function identifyingFacts(facts: HostFacts, ignoredNames: ReadonlySet<string>): HostFacts {
  const usableName = (name: string | null) =>
    name !== null && !ignoredNames.has(name.toLowerCase()) ? name : null;

  return {
    ...facts,
    fqdn: usableName(facts.fqdn),
    dnsHostname: usableName(facts.dnsHostname),
    netbios: usableName(facts.netbios),
    ips: facts.ips.filter(isIdentifyingIp),
  };
}

export function ignoredNameSet(names: readonly string[]): ReadonlySet<string> {
  return new Set(names.map(name => name.trim().toLowerCase()));
}

/** True when the host reports a name usable for identification. */
export function hasName(facts: HostFacts): boolean {
  return facts.fqdn !== null || facts.dnsHostname !== null || facts.netbios !== null;
}

function isIdentifyingIp(ip: string): boolean {
  if (isIPv4(ip)) {
    const [first, second] = ip.split('.').map(Number);
    const loopbackOrUnspecified = first === 127 || first === 0;
    const linkLocal = first === 169 && second === 254;
    return !loopbackOrUnspecified && !linkLocal;
  }
  const unspecifiedOrLoopback = ip === '::' || ip === '::1';
  const linkLocal = /^fe[89ab][0-9a-f]:/.test(ip);
  return !unspecifiedOrLoopback && !linkLocal;
}
