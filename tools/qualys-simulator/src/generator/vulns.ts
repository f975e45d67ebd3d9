import {
  CVSS2_CHOICES,
  CVSS2_SUFFIX,
  CVSS3_CHOICES,
  CVSS3_SUFFIX,
  CVSS4_CHOICES,
  CVSS4_SUFFIX,
  FLAWS,
  IG_TITLES,
  THREAT_INTEL,
  VENDORS,
} from './catalog';
import { type CvssBlock, type EstateSettings, type QvsRecord, type VulnRecord } from './model';
import { hash32, intBetween, pick, unit } from './prng';

const DAY_MS = 86_400_000;

/** One QID in 20 is an Information Gathered record (TYPE Info in detections). */
const IG_PERIOD = 20;
const QID_BASE = 10_000;
const QID_STRIDE = 4;
/** A QID owns up to this many CVE numbers: CVE-<year>-<10000 + index * 16 + n>. */
const CVE_SLOTS = 16;
const CVE_NUMBER_BASE = 10_000;

const SALT = {
  qidJitter: 21,
  type: 22,
  severity: 23,
  vendor: 24,
  flaw: 25,
  modified: 26,
  published: 27,
  cveCount: 28,
  cvss2: 29,
  cvss3: 30,
  cvss4: 31,
  threat: 32,
  exploit: 33,
  qvs: 34,
  qvsFactors: 35,
  patchable: 36,
} as const;

export function isInformationGathered(index: number): boolean {
  return index % IG_PERIOD === 0;
}

export function qidAt(settings: EstateSettings, index: number): number {
  return (
    QID_BASE + index * QID_STRIDE + (hash32(settings.seed, index, SALT.qidJitter) % QID_STRIDE)
  );
}

/** Index of the first QID >= `qid` (may equal the QID count). */
export function qidIndexAtOrAfter(settings: EstateSettings, qid: number): number {
  let index = Math.max(0, Math.floor((qid - QID_BASE) / QID_STRIDE));
  if (index >= settings.qids) {
    return settings.qids;
  }
  if (qidAt(settings, index) < qid) {
    index += 1;
  }
  return Math.min(index, settings.qids);
}

export function qidIndexOf(settings: EstateSettings, qid: number): number | undefined {
  const index = qidIndexAtOrAfter(settings, qid);
  return index < settings.qids && qidAt(settings, index) === qid ? index : undefined;
}

export function regularQidCount(settings: EstateSettings): number {
  return settings.qids - Math.ceil(settings.qids / IG_PERIOD);
}

export function igQidCount(settings: EstateSettings): number {
  return Math.ceil(settings.qids / IG_PERIOD);
}

/** The r-th QID index that is not Information Gathered. */
export function regularIndex(r: number): number {
  return r + Math.floor(r / (IG_PERIOD - 1)) + 1;
}

export function igIndex(i: number): number {
  return i * IG_PERIOD;
}

/** How many CVEs a QID has: none (30 %), one (50 %), a few (10 %) or many (10 %). */
function cveCount(seed: number, index: number): number {
  if (isInformationGathered(index)) {
    return 0;
  }
  const bucket = hash32(seed, index, SALT.cveCount) % 10;
  if (bucket < 3) {
    return 0;
  }
  if (bucket < 8) {
    return 1;
  }
  return bucket === 8
    ? intBetween(seed, 2, 4, index, SALT.cveCount, 1)
    : intBetween(seed, 5, CVE_SLOTS, index, SALT.cveCount, 2);
}

export function cveId(index: number, slot: number): string {
  return `CVE-${2010 + (index % 15)}-${CVE_NUMBER_BASE + index * CVE_SLOTS + slot}`;
}

/** The CVEs a QID owns, before any change made through the estate. */
export function ownCves(settings: EstateSettings, index: number): string[] {
  const cves: string[] = [];
  for (let slot = 0; slot < cveCount(settings.seed, index); slot += 1) {
    cves.push(cveId(index, slot));
  }
  // Some CVEs are covered by two QIDs, as in the real KB.
  if (index % 25 === 1 && index > 1 && cveCount(settings.seed, index - 1) > 0) {
    cves.push(cveId(index - 1, 0));
  }
  return cves;
}

/** The QID index and slot a generated CVE id belongs to, if it is one of this estate's. */
export function cveOwner(
  settings: EstateSettings,
  cve: string,
): { index: number; slot: number } | undefined {
  const match = /^CVE-(\d{4})-(\d+)$/.exec(cve);
  if (!match) {
    return undefined;
  }
  const offset = Number(match[2]) - CVE_NUMBER_BASE;
  const index = Math.floor(offset / CVE_SLOTS);
  const slot = offset % CVE_SLOTS;
  if (offset < 0 || index >= settings.qids || Number(match[1]) !== 2010 + (index % 15)) {
    return undefined;
  }
  return slot < cveCount(settings.seed, index) ? { index, slot } : undefined;
}

function cvssBlock(
  choices: readonly { vector: string; base: string; adjusted: string }[],
  prefix: string,
  suffix: string,
  version: string,
  seed: number,
  index: number,
  salt: number,
): CvssBlock {
  const choice = pick(choices, seed, index, salt);
  return {
    base: choice.base,
    adjusted: choice.adjusted,
    vector: `${prefix}${choice.vector}${suffix}`,
    version,
  };
}

/** The few facts of a QID that detections repeat (type, severity, CVSS), cheap to compute. */
export interface VulnBasics {
  index: number;
  qid: number;
  vulnType: string;
  severity: number;
  cvss2?: CvssBlock;
  cvss3?: CvssBlock;
  cvss4?: CvssBlock;
}

export function vulnBasics(settings: EstateSettings, index: number): VulnBasics {
  const { seed } = settings;
  const ig = isInformationGathered(index);
  const typeRoll = unit(seed, index, SALT.type);
  const vulnType = ig
    ? 'Information Gathered'
    : typeRoll < 0.8
      ? 'Vulnerability'
      : typeRoll < 0.95
        ? 'Potential Vulnerability'
        : 'Vulnerability or Potential Vulnerability';
  return {
    index,
    qid: qidAt(settings, index),
    vulnType,
    severity: intBetween(seed, 1, ig ? 2 : 5, index, SALT.severity),
    cvss2:
      ig || unit(seed, index, SALT.cvss2) > 0.8
        ? undefined
        : cvssBlock(CVSS2_CHOICES, 'CVSS:2.0/', CVSS2_SUFFIX, '2.0', seed, index, SALT.cvss2),
    cvss3:
      ig || unit(seed, index, SALT.cvss3) > 0.7
        ? undefined
        : cvssBlock(
            CVSS3_CHOICES,
            'CVSS:3.1/',
            CVSS3_SUFFIX,
            index % 5 === 0 ? '3.0' : '3.1',
            seed,
            index,
            SALT.cvss3,
          ),
    cvss4:
      ig || unit(seed, index, SALT.cvss4) > 0.35
        ? undefined
        : cvssBlock(CVSS4_CHOICES, 'CVSS:4.0/', CVSS4_SUFFIX, '4.0', seed, index, SALT.cvss4),
  };
}

export function deriveVuln(settings: EstateSettings, index: number): VulnRecord {
  const { seed, startMs } = settings;
  const ig = isInformationGathered(index);
  const basics = vulnBasics(settings, index);
  const { vulnType, severity } = basics;
  const [vendor, product, category] = pick(VENDORS, seed, index, SALT.vendor);
  const lastServiceModifiedMs = startMs - intBetween(seed, 1, 400, index, SALT.modified) * DAY_MS;
  const publishedMs =
    lastServiceModifiedMs - intBetween(seed, 0, 800, index, SALT.published) * DAY_MS;
  const advisory = `${vendor}-sa-${(index * 7919).toString(36)}`;
  const title = ig
    ? `${pick(IG_TITLES, seed, index, SALT.flaw)} (${index})`
    : `${vendor[0]?.toUpperCase() ?? ''}${vendor.slice(1)} ${product} ${pick(FLAWS, seed, index, SALT.flaw)} (${advisory})`;
  const threatCount = ig ? 0 : hash32(seed, index, SALT.threat) % 4;
  const firstThreat = hash32(seed, index, SALT.threat, 1) % THREAT_INTEL.length;
  const threatIntel = Array.from(
    { length: threatCount },
    (_, i) => THREAT_INTEL[(firstThreat + i) % THREAT_INTEL.length],
  ).filter((entry): entry is readonly [string, string] => entry !== undefined);
  const hasExploit = !ig && unit(seed, index, SALT.exploit) < 0.3;
  return {
    index,
    qid: basics.qid,
    vulnType,
    severity,
    title,
    category: ig ? 'Information gathering' : category,
    lastServiceModifiedMs,
    publishedMs,
    codeModifiedMs: lastServiceModifiedMs - DAY_MS,
    patchable: !ig && unit(seed, index, SALT.patchable) < 0.7,
    software: [{ product, vendor }],
    vendorReferences: ig
      ? []
      : [{ id: advisory, url: `https://security.example.com/advisories/${advisory}` }],
    cves: ownCves(settings, index),
    diagnosis:
      `The ${product} component of ${vendor} is affected by a flaw.<P>` +
      `QID Detection Logic (Authenticated):<BR>The check matches the version reported by &quot;${product} --version&quot;.`,
    consequence: ig
      ? 'Not applicable.'
      : 'Successful exploitation could allow an attacker to compromise the host.<P>',
    solution: ig
      ? 'Not applicable.'
      : `<P>Customers are advised to refer to <A HREF="https://security.example.com/advisories/${advisory}" TARGET="_blank">${advisory}</A> for more information.`,
    exploits: hasExploit
      ? [
          {
            ref: cveId(index, 0),
            desc: `${product} exploit module`,
            link: `https://exploits.example.org/${index}`,
          },
          { ref: cveId(index, 0), desc: 'Proof of concept' },
        ]
      : [],
    malware:
      hasExploit && index % 9 === 0
        ? [{ id: `MW-${index}`, type: 'Trojan', platform: 'Windows', rating: 'High' }]
        : [],
    cvss2: basics.cvss2,
    cvss3: basics.cvss3,
    cvss4: basics.cvss4,
    pciFlag: !ig && severity >= 4,
    threatIntel,
    remoteDiscovery: index % 3 !== 0,
    authTypes: index % 2 === 0 ? ['Unix', 'Windows'] : ['Windows'],
    additionalInfo: hasExploit ? 'Patch Available, Exploit Available' : undefined,
    supportedModules: 'VM,CA-Windows Agent,CA-Linux Agent',
    disabled: index % 97 === 5,
  };
}

/** QVS for a CVE of the estate; one CVE in ten has none, as CVEs without a score exist. */
export function deriveQvs(settings: EstateSettings, cve: string): QvsRecord | undefined {
  const owner = cveOwner(settings, cve);
  if (!owner) {
    return undefined;
  }
  const { seed, startMs } = settings;
  const key = owner.index * CVE_SLOTS + owner.slot;
  if (hash32(seed, key, SALT.qvs) % 10 === 0) {
    return undefined;
  }
  const v3 = unit(seed, key, SALT.qvsFactors) < 0.7;
  const choice = v3
    ? pick(CVSS3_CHOICES, seed, key, SALT.qvsFactors)
    : pick(CVSS2_CHOICES, seed, key, SALT.qvsFactors);
  const roll = hash32(seed, key, SALT.qvsFactors, 1) % 4;
  const record: QvsRecord = {
    cve,
    qvs: intBetween(seed, 1, 100, key, SALT.qvs),
    qvsLastChangedMs: startMs - intBetween(seed, 1, 300, key, SALT.qvs, 1) * DAY_MS,
    nvdPublishedMs: startMs - intBetween(seed, 300, 2000, key, SALT.qvs, 2) * DAY_MS,
    cvss: choice.base.replace(/\.0$/, ''),
    cvssVersion: v3 ? 'v3.x' : 'v2',
    cvssString: choice.vector,
  };
  if (roll >= 1) {
    record.exploitMaturity = roll === 3 ? ['weaponized,poc'] : ['poc'];
    record.epss = [(unit(seed, key, SALT.qvs, 3) * 0.9).toFixed(5)];
  }
  if (roll >= 2) {
    record.trending = ['02222024,02162024,02262024'];
    record.rti = ['Remote_Code_Execution,Exploit_Public'];
  }
  if (roll === 3) {
    record.threatActors = ['APT-Example'];
    record.mitigationControls = [['18436,18437']];
  }
  return record;
}
