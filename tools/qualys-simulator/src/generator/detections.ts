import {
  DETECTION_STATUSES,
  type DetectionRecord,
  type DetectionStatus,
  type EstateSettings,
  type QdsFactor,
} from './model';
import { hash32, intBetween, unit } from './prng';
import {
  igIndex,
  igQidCount,
  isInformationGathered,
  regularIndex,
  regularQidCount,
  type VulnBasics,
} from './vulns';

const DAY_MS = 86_400_000;
/** Unique vuln ids: one block of 256 per host, one range per deployment. */
const UVID_HOST_BLOCK = 256;
export const MAX_DETECTIONS_PER_HOST = 200;

const SALT = {
  start: 41,
  igStart: 42,
  status: 43,
  first: 44,
  last: 45,
  fixed: 46,
  times: 47,
  port: 48,
  qds: 49,
  factors: 50,
  results: 51,
  quirk: 52,
  potential: 53,
} as const;

const PORTS: readonly (readonly [number, string, boolean, string])[] = [
  [22, 'tcp', false, 'ssh'],
  [80, 'tcp', false, 'http'],
  [443, 'tcp', true, 'https'],
  [445, 'tcp', false, 'microsoft-ds'],
  [3389, 'tcp', true, 'ms-wbt-server'],
  [161, 'udp', false, 'snmp'],
  [1433, 'tcp', false, 'ms-sql-s'],
  [8443, 'tcp', true, 'https-alt'],
];

export interface HostCoordinates {
  index: number;
  machine: number;
}

/** The QID indexes a machine is affected by: the same on every deployment that sees it. */
function detectionIndexes(settings: EstateSettings, machine: number): number[] {
  const regular = regularQidCount(settings);
  const count = Math.min(settings.detectionsPerHost, regular, MAX_DETECTIONS_PER_HOST);
  const start = regular > 0 ? hash32(settings.seed, machine, SALT.start) % regular : 0;
  const indexes: number[] = [];
  for (let j = 0; j < count; j += 1) {
    indexes.push(regularIndex((start + j) % regular));
  }
  const igCount = igQidCount(settings);
  const infoCount = Math.min(settings.infoDetectionsPerHost, igCount);
  const igStart = igCount > 0 ? hash32(settings.seed, machine, SALT.igStart) % igCount : 0;
  for (let t = 0; t < infoCount; t += 1) {
    indexes.push(igIndex((igStart + t) % igCount));
  }
  return indexes.sort((a, b) => a - b);
}

export function uniqueVulnId(settings: EstateSettings, hostIndex: number, slot: number): number {
  return 1_000_000_000 * (settings.deployment + 1) + hostIndex * UVID_HOST_BLOCK + slot;
}

export function deriveDetections(
  settings: EstateSettings,
  host: HostCoordinates,
  basicsOf: (index: number) => VulnBasics,
): DetectionRecord[] {
  return detectionIndexes(settings, host.machine).map((index, slot) =>
    deriveDetection(settings, host, basicsOf(index), slot),
  );
}

function pickStatus(roll: number): DetectionStatus {
  if (roll < 0.15) {
    return DETECTION_STATUSES.new;
  }
  if (roll < 0.65) {
    return DETECTION_STATUSES.active;
  }
  return roll < 0.88 ? DETECTION_STATUSES.fixed : DETECTION_STATUSES.reopened;
}

export function deriveDetection(
  settings: EstateSettings,
  host: HostCoordinates,
  vuln: VulnBasics,
  slot: number,
): DetectionRecord {
  const { seed, startMs } = settings;
  const m = host.machine;
  const k = vuln.index;
  const info = isInformationGathered(k);
  const firstFoundMs =
    startMs -
    intBetween(seed, 30, 700, m, k, SALT.first) * DAY_MS -
    intBetween(seed, 0, 86_399, m, k, 1) * 1000;
  const span = startMs - DAY_MS - firstFoundMs;
  let lastFoundMs = firstFoundMs + Math.floor((unit(seed, m, k, SALT.last) * span) / 1000) * 1000;
  if (hash32(seed, m, k, SALT.quirk) % 200 === 0) {
    // Real data has LAST_FOUND a few seconds before FIRST_FOUND; keep that quirk visible.
    lastFoundMs = firstFoundMs - 7000;
  }
  const portChoice =
    unit(seed, m, k, SALT.port) < 0.6
      ? PORTS[hash32(seed, m, k, SALT.port) % PORTS.length]
      : undefined;
  const detection: DetectionRecord = {
    uniqueVulnId: uniqueVulnId(settings, host.index, slot),
    qid: vuln.qid,
    type: info ? 'Info' : detectionType(seed, m, vuln),
    severity: info ? undefined : vuln.severity,
    port: portChoice?.[0],
    protocol: portChoice?.[1],
    ssl: portChoice?.[2] ?? false,
    service: portChoice?.[3],
    results: resultsText(settings, m, k),
    firstFoundMs,
    lastFoundMs,
    qdsFactors: [],
    timesFound: intBetween(seed, 3, 6000, m, k, SALT.times),
    lastTestMs: lastFoundMs,
    lastUpdateMs: lastFoundMs,
    isIgnored: false,
    isDisabled: false,
    affectRunningKernel: k % 7 === 0 ? hash32(seed, m, k) % 2 === 0 : undefined,
    lastProcessedMs: lastFoundMs,
  };
  if (!info) {
    applyStatus(settings, detection, pickStatus(unit(seed, m, k, SALT.status)), m, k);
    applyQds(settings, detection, vuln, m);
  }
  return detection;
}

function detectionType(seed: number, machine: number, vuln: VulnBasics): 'Confirmed' | 'Potential' {
  if (vuln.vulnType === 'Potential Vulnerability') {
    return 'Potential';
  }
  if (vuln.vulnType === 'Vulnerability or Potential Vulnerability') {
    return unit(seed, machine, vuln.index, SALT.potential) < 0.5 ? 'Potential' : 'Confirmed';
  }
  return 'Confirmed';
}

function applyStatus(
  settings: EstateSettings,
  detection: DetectionRecord,
  status: DetectionStatus,
  m: number,
  k: number,
): void {
  const { seed, startMs } = settings;
  detection.status = status;
  // Generated history ends an hour before the estate's start, so later changes stand apart.
  const afterLastFound = (days: number): number =>
    Math.min(startMs - 3_600_000, detection.lastFoundMs + days * DAY_MS);
  switch (status) {
    case 'New':
      detection.timesFound = intBetween(seed, 1, 2, m, k, SALT.times);
      return;
    case 'Active':
      if (unit(seed, m, k, SALT.fixed) < 0.2) {
        detection.lastFixedMs =
          detection.lastFoundMs - intBetween(seed, 10, 60, m, k, SALT.fixed) * DAY_MS;
      }
      return;
    case 'Fixed':
      detection.lastFixedMs = afterLastFound(intBetween(seed, 1, 10, m, k, SALT.fixed));
      detection.lastTestMs = detection.lastFixedMs;
      detection.lastUpdateMs = detection.lastFixedMs;
      detection.lastProcessedMs = detection.lastFixedMs;
      return;
    case 'Re-Opened': {
      const reopenedMs = detection.lastFoundMs - intBetween(seed, 1, 20, m, k, SALT.fixed) * DAY_MS;
      detection.lastFixedMs = reopenedMs - 5 * DAY_MS;
      detection.firstReopenedMs =
        reopenedMs - intBetween(seed, 0, 100, m, k, SALT.fixed, 1) * DAY_MS;
      detection.lastReopenedMs = reopenedMs;
      detection.timesReopened = intBetween(seed, 1, 3, m, k, SALT.fixed, 2);
      return;
    }
    default: {
      const unknown: never = status;
      throw new Error(`Unknown status ${String(unknown)}`);
    }
  }
}

export function qdsSeverity(qds: number): string {
  if (qds >= 90) {
    return 'CRITICAL';
  }
  if (qds >= 70) {
    return 'HIGH';
  }
  return qds >= 40 ? 'MEDIUM' : 'LOW';
}

function applyQds(
  settings: EstateSettings,
  detection: DetectionRecord,
  vuln: VulnBasics,
  m: number,
): void {
  const { seed } = settings;
  const k = vuln.index;
  detection.qds = Math.min(
    100,
    Math.max(1, vuln.severity * 15 + intBetween(seed, -10, 25, m, k, SALT.qds)),
  );
  const factors: QdsFactor[] = [];
  const roll = hash32(seed, m, k, SALT.factors) % 4;
  if (roll >= 2) {
    factors.push({ name: 'RTI', value: roll === 3 ? 'local' : 'dos' });
    factors.push({ name: 'exploit_maturity', value: roll === 3 ? 'weaponized,poc' : 'poc' });
  }
  if (roll === 3) {
    factors.push({ name: 'CISA_vuln', value: 'YES' });
  }
  const cvss = vuln.cvss3 ?? vuln.cvss2;
  if (cvss) {
    factors.push({ name: 'CVSS', value: cvss.base });
    factors.push({ name: 'CVSS_version', value: vuln.cvss3 ? 'v3.x' : 'v2' });
  }
  factors.push({ name: 'epss', value: (unit(seed, m, k, SALT.factors) * 0.5).toFixed(5) });
  if (roll === 3) {
    factors.push({ name: 'trending', value: '02222024,02162024,02262024,02152024' });
  }
  if (cvss) {
    const baseVector = cvss.vector
      .replace(/^CVSS:[\d.]+\//, '')
      .split('/')
      .slice(0, vuln.cvss3 ? 8 : 6);
    factors.push({ name: 'CVSS_vector', value: baseVector.join('/') });
  }
  if (roll === 3) {
    factors.push({ name: 'mitigation_controls', value: '18436,18437' });
  }
  detection.qdsFactors = factors;
}

const PACKAGES = [
  'openssl',
  'kernel',
  'glibc',
  'firefox',
  'curl',
  'python3-urllib3',
  'sudo',
] as const;

/**
 * RESULTS text: tables with tabs and newlines, XML special characters, some non-ASCII text,
 * and one record in `largeResultsEvery` around 16 KB.
 */
export function resultsText(settings: EstateSettings, machine: number, k: number): string {
  const { seed } = settings;
  const kind = k % 4;
  const version = `${1 + (machine % 3)}.${k % 10}.${hash32(seed, machine, k, SALT.results) % 40}`;
  let text: string;
  if (kind === 0) {
    const name = PACKAGES[k % PACKAGES.length] ?? 'openssl';
    text = `Package\tInstalled Version\tRequired Version\n${name}\t${version}-1.el8\t${version}-9.el8`;
  } else if (kind === 1) {
    text = `HKLM\\SOFTWARE\\Vendor\\Product${k} Version = ${version}\nPath: C:\\Program Files\\Product & Tools <x64>`;
  } else if (kind === 2) {
    text =
      'CIPHER\tKEY-EXCHANGE\tAUTHENTICATION\tMAC\tENCRYPTION(KEY-STRENGTH)\tGRADE\n' +
      'TLSv1 WITH RC4 CIPHERs IS SUPPORTED\t \t \t \t \t \n' +
      'RC4-SHA\tRSA\tRSA\tSHA1\tRC4(128)\tMEDIUM';
  } else {
    text = `Fichier vulnérable trouvé: /home/josé/bin/outil-${version}\nÜberprüfung: fehlgeschlagen – 検出されました`;
  }
  const every = settings.largeResultsEvery;
  if (every > 0 && hash32(seed, machine, k, SALT.results, 1) % every === 0) {
    const line = `\n/usr/lib/modules/${version}/kernel/drivers/net/driver-${k}.ko\t${machine}\tvulnerable`;
    text += line.repeat(Math.ceil(16_384 / line.length));
  }
  return text;
}
