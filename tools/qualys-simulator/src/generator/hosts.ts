import {
  AWS_REGIONS,
  AZURE_LOCATIONS,
  DOMAINS,
  GCP_ZONES,
  HOST_PREFIXES,
  OPERATING_SYSTEMS,
  TAGS,
} from './catalog';
import { type CloudInfo, type EstateSettings, type HostRecord, type HostTag } from './model';
import { hash32, intBetween, pick, unit, uuidFor } from './prng';

const DAY_MS = 86_400_000;

/**
 * The kind of each machine repeats with a period of 20 so that even a small estate holds every
 * case a consumer must handle: plain IPv4, IPv6 only, dual stack, agents (two spellings), cloud
 * instances of three providers, DNS tracking, and an IPv4 address reused in another network.
 */
const KIND_CYCLE = [
  'ipv4',
  'ipv4',
  'agent',
  'ipv4',
  'ec2',
  'ipv4',
  'cloud-agent',
  'ipv6-only',
  'ipv4',
  'azure',
  'ipv4',
  'dual-stack',
  'agent',
  'gcp',
  'ipv4',
  'shared-ip',
  'dns',
  'ipv4',
  'agent',
  'ec2',
] as const;

export type HostKind = (typeof KIND_CYCLE)[number];

const SALT = {
  os: 1,
  prefix: 2,
  domain: 3,
  scan: 4,
  duration: 5,
  auth: 6,
  pc: 7,
  tags: 8,
  tagPick: 9,
  cloud: 10,
  hostJitter: 11,
  groups: 12,
} as const;

/** Host ids are increasing with the index, with gaps, and separate ranges per deployment. */
const HOST_ID_BASE = 100_000;
const HOST_ID_STRIDE = 10;
const DEPLOYMENT_SPAN = 100_000_000;

export function hostKind(machine: number): HostKind {
  return KIND_CYCLE[machine % KIND_CYCLE.length] ?? 'ipv4';
}

export function hostIdAt(settings: EstateSettings, index: number): number {
  const base = HOST_ID_BASE + settings.deployment * DEPLOYMENT_SPAN;
  return (
    base + index * HOST_ID_STRIDE + (hash32(settings.seed, index, SALT.hostJitter) % HOST_ID_STRIDE)
  );
}

/** Index of the first host whose id is >= `id` (may equal the host count). */
export function hostIndexAtOrAfter(settings: EstateSettings, id: number): number {
  const base = HOST_ID_BASE + settings.deployment * DEPLOYMENT_SPAN;
  let index = Math.max(0, Math.floor((id - base) / HOST_ID_STRIDE));
  if (index >= settings.hosts) {
    return settings.hosts;
  }
  if (hostIdAt(settings, index) < id) {
    index += 1;
  }
  return Math.min(index, settings.hosts);
}

export function hostIndexOf(settings: EstateSettings, id: number): number | undefined {
  const index = hostIndexAtOrAfter(settings, id);
  return index < settings.hosts && hostIdAt(settings, index) === id ? index : undefined;
}

/** Deployment d sees machines [d * shift, d * shift + hosts): consecutive ones overlap. */
export function machineOf(settings: EstateSettings, index: number): number {
  const shift = Math.round(settings.hosts * (1 - settings.overlap));
  return index + settings.deployment * shift;
}

function ipv4Of(machine: number): string {
  const n = machine + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255 || 1}`;
}

function ipv6Of(machine: number): string {
  return `fd00:0:${(machine >> 16).toString(16)}:${(machine & 0xffff).toString(16)}::${(machine % 4096).toString(16)}`;
}

export function deriveHost(settings: EstateSettings, index: number): HostRecord {
  const { seed, startMs } = settings;
  const machine = machineOf(settings, index);
  const kind = hostKind(machine);
  const [os, osCpe] = pick(OPERATING_SYSTEMS, seed, machine, SALT.os);
  const hostname = `${pick(HOST_PREFIXES, seed, machine, SALT.prefix)}-${machine.toString(36)}`;
  const domain = pick(DOMAINS, seed, machine, SALT.domain);
  const fqdn = `${hostname}.${domain}`;
  const lastVmScannedMs = startMs - intBetween(seed, 1, 30 * 24, machine, SALT.scan) * 3_600_000;
  const duration = intBetween(seed, 60, 2400, machine, SALT.duration);
  const hasAuthScan = unit(seed, machine, SALT.auth) < 0.5;
  const hasPcScan = unit(seed, machine, SALT.pc) < 0.6;
  const host: HostRecord = {
    index,
    machine,
    id: hostIdAt(settings, index),
    assetId: 5_000_000 + machine * 3,
    trackingMethod: 'IP',
    os,
    osCpe,
    hostname,
    domain,
    fqdn,
    dns: fqdn,
    lastScanMs: lastVmScannedMs + duration * 1000,
    lastVmScannedMs,
    lastVmScannedDuration: duration,
    lastVmAuthScannedMs: hasAuthScan ? lastVmScannedMs : undefined,
    lastPcScannedMs: hasPcScan ? lastVmScannedMs - 2 * DAY_MS : undefined,
    vmProcessedMs: lastVmScannedMs + duration * 1000,
    tags: deriveTags(seed, machine),
    owner: `owner_${machine % 7}`,
    comments: `Rack ${machine % 40} – row ${String.fromCharCode(65 + (machine % 6))}`,
    userDefined: [
      `BU-${machine % 5}`,
      `CC-${1000 + (machine % 50)}`,
      machine % 2 ? 'tier1' : 'tier2',
    ],
    assetGroupIds: [473828 + (machine % 4), 548754 + (machine % 3)],
  };
  applyKind(settings, host, kind);
  return host;
}

function applyKind(settings: EstateSettings, host: HostRecord, kind: HostKind): void {
  const { seed } = settings;
  const machine = host.machine;
  switch (kind) {
    case 'ipv4':
      host.ip = ipv4Of(machine);
      host.networkId = 1001;
      host.netbios = host.hostname?.toUpperCase();
      return;
    case 'shared-ip':
      // Same address as the previous machine, but in another network: not the same host.
      host.ip = ipv4Of(machine - 1);
      host.networkId = 1002;
      host.netbios = host.hostname?.toUpperCase();
      return;
    case 'ipv6-only':
      host.ipv6 = ipv6Of(machine);
      return;
    case 'dual-stack':
      host.ip = ipv4Of(machine);
      host.ipv6 = ipv6Of(machine);
      host.networkId = 1001;
      return;
    case 'dns':
      host.ip = ipv4Of(machine);
      host.trackingMethod = 'DNS';
      return;
    case 'agent':
    case 'cloud-agent':
      host.ip = ipv4Of(machine);
      host.trackingMethod = kind === 'agent' ? 'AGENT' : 'CloudAgent';
      host.qgHostId = uuidFor(seed, machine);
      return;
    case 'ec2':
    case 'azure':
    case 'gcp':
      host.ip = ipv4Of(machine);
      host.qgHostId = uuidFor(seed, machine);
      host.cloud = deriveCloud(settings, machine, kind, host.lastVmScannedMs);
      host.trackingMethod = kind === 'ec2' ? 'EC2' : 'AGENT';
      if (kind === 'ec2') {
        host.dns = host.cloud.resourceId;
      }
      return;
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown host kind ${String(unknown)}`);
    }
  }
}

function deriveTags(seed: number, machine: number): HostTag[] {
  const count = intBetween(seed, 1, 3, machine, SALT.tags);
  const first = hash32(seed, machine, SALT.tagPick) % TAGS.length;
  const tags: HostTag[] = [];
  for (let i = 0; i < count; i += 1) {
    const tag = TAGS[(first + i) % TAGS.length];
    if (tag) {
      tags.push({ id: tag[0], name: tag[1], color: tag[2], background: tag[3] });
    }
  }
  return tags;
}

function attribute(name: string, value: string, atMs: number): CloudInfo['attributes'][number] {
  return { name, lastStatus: 'Success', value, lastSuccessMs: atMs, lastError: '' };
}

function deriveCloud(
  settings: EstateSettings,
  machine: number,
  kind: 'ec2' | 'azure' | 'gcp',
  atMs: number,
): CloudInfo {
  const { seed } = settings;
  const hex = hash32(seed, machine, SALT.cloud).toString(16).padStart(8, '0');
  const failed: CloudInfo['attributes'][number] = {
    name: 'latest/meta-data/public-ipv4',
    lastStatus: 'Fail',
    value: 'null',
    lastErrorMs: atMs,
    lastError: 'Metadata endpoint returned 404',
  };
  if (kind === 'ec2') {
    const instanceId = `i-0${hex}${machine.toString(16).padStart(8, '0')}`;
    const region = pick(AWS_REGIONS, seed, machine, SALT.cloud);
    return {
      kind: 'EC2',
      provider: 'AWS',
      service: 'VM',
      resourceId: instanceId,
      ec2InstanceId: instanceId,
      attributes: [
        attribute('latest/dynamic/instance-identity/document/region', region, atMs),
        attribute('latest/dynamic/instance-identity/document/instanceId', instanceId, atMs),
        attribute('latest/dynamic/instance-identity/document/accountId', '123456789012', atMs),
        failed,
      ],
      tags: [
        { name: 'Name', value: `node-${machine}` },
        { name: 'Environment', value: machine % 2 ? 'production' : 'staging' },
      ],
    };
  }
  if (kind === 'azure') {
    const vmId = uuidFor(seed, machine, SALT.cloud);
    return {
      kind: 'AZURE',
      provider: 'Azure',
      service: 'VM',
      resourceId: vmId,
      attributes: [
        attribute('compute/location', pick(AZURE_LOCATIONS, seed, machine, SALT.cloud), atMs),
        attribute('compute/vmId', vmId, atMs),
        attribute('compute/vmSize', 'Standard_D2s_v3', atMs),
      ],
      tags: [{ name: 'costCenter', value: `cc-${machine % 9}` }],
    };
  }
  const id = String(4_000_000_000_000 + machine);
  return {
    kind: 'GOOGLE',
    provider: 'GCP',
    service: 'VM',
    resourceId: id,
    attributes: [
      attribute('instance/zone', pick(GCP_ZONES, seed, machine, SALT.cloud), atMs),
      attribute('instance/id', id, atMs),
      attribute('project/projectId', 'exposure-lab', atMs),
    ],
    tags: [{ name: 'team', value: 'platform' }],
  };
}
