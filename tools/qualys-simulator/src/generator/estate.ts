import {
  deriveControl,
  derivePolicy,
  derivePosture,
  machineInPolicy,
  MAX_CONTROLS_PER_POLICY,
  policyControls,
} from './compliance';
import {
  deriveDetection,
  deriveDetections,
  MAX_DETECTIONS_PER_HOST,
  uniqueVulnId,
} from './detections';
import { deriveHost, hostIdAt, hostIndexAtOrAfter, hostIndexOf, machineOf } from './hosts';
import {
  type ControlRecord,
  type DetectionRecord,
  type DetectionStatus,
  type EstateSettings,
  type HostRecord,
  type PolicyRecord,
  type PostureRecord,
  type PostureStatus,
  type QvsRecord,
  type VulnRecord,
} from './model';
import {
  deriveQvs,
  deriveVuln,
  qidAt,
  qidIndexAtOrAfter,
  qidIndexOf,
  type VulnBasics,
  vulnBasics,
} from './vulns';

/** Size and shape of a generated estate; every field has a default. */
export interface EstateOptions {
  /** Same seed, same options: same bytes. Default 1. */
  seed?: number;
  /** Hosts of this deployment. Default 100. */
  hosts?: number;
  /** Vulnerability detections per host (New/Active/Fixed/Re-Opened). Default 20, at most 200. */
  detectionsPerHost?: number;
  /** Information Gathered detections per host, returned only with show_igs=1. Default 1. */
  infoDetectionsPerHost?: number;
  /** QIDs in the Knowledge Base (one in 20 is Information Gathered). Default 1000. */
  qids?: number;
  /** Compliance policies. Default 3. */
  policies?: number;
  /** Controls in the catalog (the last 3 are user-defined). Default 40. */
  controls?: number;
  /** Controls per policy. Default 12. */
  controlsPerPolicy?: number;
  /**
   * Which deployment (Qualys subscription) of the same machines this estate is. Deployments
   * give the same machines different host ids but the same asset id, agent id and FQDN.
   */
  deployment?: number;
  /** Share of machines a deployment has in common with the previous one (0..1). Default 0.5. */
  overlap?: number;
  /** The estate's clock at start (ISO instant). Default 2024-06-01T00:00:00Z. */
  startTime?: string;
  /** One detection in this many carries a RESULTS of about 16 KB (0 = never). Default 40. */
  largeResultsEvery?: number;
}

export interface DetectionChange {
  status?: DetectionStatus;
  severity?: number;
  results?: string;
  qds?: number;
  isIgnored?: boolean;
  isDisabled?: boolean;
}

export interface VulnChange {
  title?: string;
  severity?: number;
  patchable?: boolean;
}

export const DEFAULT_START_TIME = '2024-06-01T00:00:00Z';

function resolveSettings(options: EstateOptions): EstateSettings {
  const startMs = Date.parse(options.startTime ?? DEFAULT_START_TIME);
  if (Number.isNaN(startMs)) {
    throw new Error(`Invalid estate start time ${options.startTime ?? ''}`);
  }
  const overlap = options.overlap ?? 0.5;
  if (overlap < 0 || overlap > 1) {
    throw new Error(`Overlap must be between 0 and 1, got ${overlap}`);
  }
  return {
    seed: options.seed ?? 1,
    hosts: Math.max(0, options.hosts ?? 100),
    detectionsPerHost: Math.min(
      MAX_DETECTIONS_PER_HOST,
      Math.max(0, options.detectionsPerHost ?? 20),
    ),
    infoDetectionsPerHost: Math.max(0, options.infoDetectionsPerHost ?? 1),
    qids: Math.max(1, options.qids ?? 1000),
    policies: Math.max(0, options.policies ?? 3),
    controls: Math.max(1, options.controls ?? 40),
    controlsPerPolicy: Math.min(
      MAX_CONTROLS_PER_POLICY,
      Math.max(1, options.controlsPerPolicy ?? 12),
    ),
    deployment: Math.max(0, options.deployment ?? 0),
    overlap,
    startMs,
    largeResultsEvery: Math.max(0, options.largeResultsEvery ?? 40),
  };
}

/**
 * A deterministic Qualys estate of any size. Records are derived on demand from the seed (never
 * all held in memory); changes made through the methods below are kept as overrides and stamp
 * the estate's clock, so delta filters (detection_updated_since, vm_processed_after,
 * last_modified_after, qvs_last_modified_after) find exactly what changed.
 */
export class Estate {
  readonly settings: EstateSettings;
  private offsetMs = 0;
  private readonly basicsCache = new Map<number, VulnBasics>();
  private readonly controlCache: ControlRecord[] = [];
  private readonly policyCache: PolicyRecord[] = [];
  private readonly detectionOverrides = new Map<number, Map<number, DetectionRecord>>();
  private readonly addedDetections = new Map<number, DetectionRecord[]>();
  private readonly hostProcessed = new Map<number, number>();
  private readonly removedHosts = new Set<number>();
  private readonly vulnOverrides = new Map<number, Partial<VulnRecord>>();
  private readonly qvsOverrides = new Map<string, Partial<QvsRecord>>();
  private readonly postureOverrides = new Map<string, Partial<PostureRecord>>();

  constructor(options: EstateOptions = {}) {
    this.settings = resolveSettings(options);
  }

  /** The estate's current time (epoch ms): RESPONSE DATETIME and the stamp of every change. */
  now(): number {
    return this.settings.startMs + this.offsetMs;
  }

  /** Moves the estate's clock forward (default one hour) and returns the new time. */
  advanceTime(seconds = 3600): number {
    this.offsetMs += seconds * 1000;
    return this.now();
  }

  // Hosts and detections

  get hostCount(): number {
    return this.settings.hosts;
  }

  hostIdAt(index: number): number {
    return hostIdAt(this.settings, index);
  }

  hostIndexAtOrAfter(id: number): number {
    return hostIndexAtOrAfter(this.settings, id);
  }

  hostIndexOf(id: number): number | undefined {
    const index = hostIndexOf(this.settings, id);
    return index === undefined || this.removedHosts.has(index) ? undefined : index;
  }

  /** All host ids, in order (for small estates and tests). */
  hostIds(): number[] {
    const ids: number[] = [];
    for (let i = 0; i < this.hostCount; i += 1) {
      if (!this.removedHosts.has(i)) {
        ids.push(this.hostIdAt(i));
      }
    }
    return ids;
  }

  host(index: number): HostRecord | undefined {
    if (index < 0 || index >= this.hostCount || this.removedHosts.has(index)) {
      return undefined;
    }
    const host = deriveHost(this.settings, index);
    const processed = this.hostProcessed.get(index);
    if (processed !== undefined) {
      host.vmProcessedMs = processed;
      host.lastScanMs = processed;
      host.lastVmScannedMs = processed;
    }
    return host;
  }

  /** Every detection of a host (all statuses, Info included), ordered by QID. */
  detections(index: number): DetectionRecord[] {
    if (this.removedHosts.has(index)) {
      return [];
    }
    const machine = machineOf(this.settings, index);
    const derived = deriveDetections(this.settings, { index, machine }, k => this.basics(k));
    const overrides = this.detectionOverrides.get(index);
    const merged = overrides ? derived.map(d => overrides.get(d.qid) ?? d) : derived;
    const added = this.addedDetections.get(index);
    return added ? [...merged, ...added].sort((a, b) => a.qid - b.qid) : merged;
  }

  /** Changes one detection and stamps it (LAST_UPDATE/LAST_PROCESSED) with the estate's time. */
  updateDetection(hostId: number, qid: number, change: DetectionChange): DetectionRecord {
    const index = this.requireHost(hostId);
    const current = this.detections(index).find(d => d.qid === qid);
    if (!current) {
      throw new Error(`Host ${hostId} has no detection of QID ${qid}`);
    }
    const now = this.now();
    const next: DetectionRecord = {
      ...current,
      lastUpdateMs: now,
      lastProcessedMs: now,
      lastTestMs: now,
    };
    applyDetectionChange(next, current, change, now);
    this.storeDetection(index, next);
    this.hostProcessed.set(index, now);
    return next;
  }

  /** A new finding on a host: status New, found now. */
  addDetection(hostId: number, qid: number, change: DetectionChange = {}): DetectionRecord {
    const index = this.requireHost(hostId);
    const qidIndex = qidIndexOf(this.settings, qid);
    if (qidIndex === undefined) {
      throw new Error(`Unknown QID ${qid}`);
    }
    if (this.detections(index).some(d => d.qid === qid)) {
      throw new Error(`Host ${hostId} already has a detection of QID ${qid}`);
    }
    const added = this.addedDetections.get(index) ?? [];
    const now = this.now();
    const machine = machineOf(this.settings, index);
    const base = deriveDetection(this.settings, { index, machine }, this.basics(qidIndex), 0);
    const detection: DetectionRecord = {
      ...base,
      uniqueVulnId: uniqueVulnId(this.settings, index, MAX_DETECTIONS_PER_HOST + added.length + 1),
      status: base.type === 'Info' ? undefined : 'New',
      firstFoundMs: now,
      lastFoundMs: now,
      lastTestMs: now,
      lastUpdateMs: now,
      lastProcessedMs: now,
      timesFound: 1,
      lastFixedMs: undefined,
      firstReopenedMs: undefined,
      lastReopenedMs: undefined,
      timesReopened: undefined,
    };
    applyDetectionChange(detection, detection, change, now);
    added.push(detection);
    this.addedDetections.set(index, added);
    this.hostProcessed.set(index, now);
    return detection;
  }

  /** The host disappears from host lists, detections and posture (a purged asset). */
  removeHost(hostId: number): void {
    this.removedHosts.add(this.requireHost(hostId));
  }

  // Knowledge Base and QVS

  get qidCount(): number {
    return this.settings.qids;
  }

  qidAt(index: number): number {
    return qidAt(this.settings, index);
  }

  qidIndexAtOrAfter(qid: number): number {
    return qidIndexAtOrAfter(this.settings, qid);
  }

  qidIndexOf(qid: number): number | undefined {
    return qidIndexOf(this.settings, qid);
  }

  basics(index: number): VulnBasics {
    let basics = this.basicsCache.get(index);
    if (!basics) {
      basics = vulnBasics(this.settings, index);
      this.basicsCache.set(index, basics);
    }
    return basics;
  }

  vuln(index: number): VulnRecord {
    const derived = deriveVuln(this.settings, index);
    const override = this.vulnOverrides.get(index);
    return override ? { ...derived, ...override } : derived;
  }

  updateVuln(qid: number, change: VulnChange): VulnRecord {
    return this.changeVuln(qid, () => ({ ...change }));
  }

  removeCve(qid: number, cve: string): VulnRecord {
    return this.changeVuln(qid, vuln => {
      if (!vuln.cves.includes(cve)) {
        throw new Error(`QID ${qid} has no ${cve}`);
      }
      return { cves: vuln.cves.filter(id => id !== cve) };
    });
  }

  addCve(qid: number, cve: string): VulnRecord {
    return this.changeVuln(qid, vuln => ({ cves: [...vuln.cves.filter(id => id !== cve), cve] }));
  }

  qvs(cve: string): QvsRecord | undefined {
    const derived = deriveQvs(this.settings, cve);
    const override = this.qvsOverrides.get(cve);
    return derived && override ? { ...derived, ...override } : derived;
  }

  updateQvs(cve: string, change: { qvs: number }): QvsRecord {
    if (!deriveQvs(this.settings, cve)) {
      throw new Error(`No QVS for ${cve}`);
    }
    this.qvsOverrides.set(cve, { qvs: change.qvs, qvsLastChangedMs: this.now() });
    const record = this.qvs(cve);
    if (!record) {
      throw new Error(`No QVS for ${cve}`);
    }
    return record;
  }

  // Policy compliance

  controls(): ControlRecord[] {
    if (this.controlCache.length === 0) {
      for (let i = 0; i < this.settings.controls; i += 1) {
        this.controlCache.push(deriveControl(this.settings, i));
      }
    }
    return this.controlCache;
  }

  control(index: number): ControlRecord {
    const control = this.controls()[index];
    if (!control) {
      throw new Error(`No control at index ${index}`);
    }
    return control;
  }

  policies(): PolicyRecord[] {
    if (this.policyCache.length === 0) {
      for (let p = 0; p < this.settings.policies; p += 1) {
        this.policyCache.push(derivePolicy(this.settings, p, c => this.control(c)));
      }
    }
    return this.policyCache;
  }

  policyById(id: number): PolicyRecord | undefined {
    return this.policies().find(policy => policy.id === id);
  }

  policyHasHost(policy: PolicyRecord, hostIndex: number): boolean {
    return (
      !this.removedHosts.has(hostIndex) &&
      machineInPolicy(this.settings, machineOf(this.settings, hostIndex), policy.index)
    );
  }

  /** Posture of a host against every control of a policy, in control order. */
  postures(policy: PolicyRecord, hostIndex: number): PostureRecord[] {
    const machine = machineOf(this.settings, hostIndex);
    return policyControls(policy).map((controlIndex, position) => {
      const derived = derivePosture(
        this.settings,
        policy.index,
        { index: hostIndex, machine },
        this.control(controlIndex),
        position,
      );
      const override = this.postureOverrides.get(`${policy.index}:${hostIndex}:${controlIndex}`);
      return override ? { ...derived, ...override } : derived;
    });
  }

  /** Changes the posture of a host for a control, in every policy holding that control. */
  updatePosture(hostId: number, controlId: number, change: { status: PostureStatus }): void {
    const hostIndex = this.requireHost(hostId);
    const control = this.controls().find(c => c.id === controlId);
    if (!control) {
      throw new Error(`Unknown control ${controlId}`);
    }
    const now = this.now();
    const dates = change.status === 'Passed' ? { lastPassMs: now } : { lastFailMs: now };
    for (const policy of this.policies()) {
      if (policyControls(policy).includes(control.index)) {
        this.postureOverrides.set(`${policy.index}:${hostIndex}:${control.index}`, {
          status: change.status,
          modifiedMs: now,
          ...dates,
        });
      }
    }
  }

  private requireHost(hostId: number): number {
    const index = this.hostIndexOf(hostId);
    if (index === undefined) {
      throw new Error(`Unknown host ${hostId}`);
    }
    return index;
  }

  private storeDetection(index: number, detection: DetectionRecord): void {
    const added = this.addedDetections.get(index);
    const addedAt = added?.findIndex(d => d.qid === detection.qid) ?? -1;
    if (added && addedAt >= 0) {
      added[addedAt] = detection;
      return;
    }
    const overrides = this.detectionOverrides.get(index) ?? new Map<number, DetectionRecord>();
    overrides.set(detection.qid, detection);
    this.detectionOverrides.set(index, overrides);
  }

  private changeVuln(qid: number, change: (vuln: VulnRecord) => Partial<VulnRecord>): VulnRecord {
    const index = qidIndexOf(this.settings, qid);
    if (index === undefined) {
      throw new Error(`Unknown QID ${qid}`);
    }
    const next = { ...change(this.vuln(index)), lastServiceModifiedMs: this.now() };
    this.vulnOverrides.set(index, { ...this.vulnOverrides.get(index), ...next });
    return this.vuln(index);
  }
}

function applyDetectionChange(
  next: DetectionRecord,
  previous: DetectionRecord,
  change: DetectionChange,
  now: number,
): void {
  if (change.severity !== undefined) {
    next.severity = change.severity;
  }
  if (change.results !== undefined) {
    next.results = change.results;
  }
  if (change.qds !== undefined) {
    next.qds = change.qds;
  }
  if (change.isIgnored !== undefined) {
    next.isIgnored = change.isIgnored;
  }
  if (change.isDisabled !== undefined) {
    next.isDisabled = change.isDisabled;
  }
  if (change.status === undefined || change.status === previous.status) {
    return;
  }
  next.status = change.status;
  if (change.status === 'Fixed') {
    next.lastFixedMs = now;
    return;
  }
  next.lastFoundMs = now;
  next.timesFound = previous.timesFound + 1;
  if (change.status === 'Re-Opened') {
    next.firstReopenedMs = previous.firstReopenedMs ?? now;
    next.lastReopenedMs = now;
    next.timesReopened = (previous.timesReopened ?? 0) + 1;
  }
}
