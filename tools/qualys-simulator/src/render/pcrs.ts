import { type Estate } from '../generator/estate';
import { type PolicyRecord, type PostureRecord } from '../generator/model';
import { uuidFor } from '../generator/prng';
import { type ChunkWrite, isoSeconds } from './xml';

/** The subscription the generated estate belongs to (one per deployment). */
export function subscriptionId(estate: Estate): string {
  return uuidFor(estate.settings.seed, 999_999, estate.settings.deployment);
}

export function renderPcrsPolicyList(
  estate: Estate,
  lastEvaluatedAfter: number | undefined,
): string {
  const policyList = estate
    .policies()
    .filter(p => lastEvaluatedAfter === undefined || p.lastEvaluatedMs >= lastEvaluatedAfter)
    .map(p => ({
      id: String(p.id),
      title: p.title,
      createdBy: p.createdBy,
      createdDate: isoSeconds(p.createdMs),
      modifiedBy: p.modifiedBy,
      modifiedDate: isoSeconds(p.modifiedMs),
      lastEvaluatedDate: isoSeconds(p.lastEvaluatedMs),
      status: p.status,
      locked: p.locked ? 1 : 0,
    }));
  return JSON.stringify({ subscriptionId: subscriptionId(estate), policyList });
}

export interface PcrsHostIdsEntry {
  policyId: string;
  subscriptionId: string;
  hostIds: string[];
  error?: string;
}

/** Host ids per asked policy; an unknown policy gets an `error` and no hosts (HTTP 200). */
export function pcrsHostIds(
  estate: Estate,
  policyIds: readonly string[],
  lastScanAfter: number | undefined,
): PcrsHostIdsEntry[] {
  const subscription = subscriptionId(estate);
  return policyIds.map(policyId => {
    const policy = /^\d+$/.test(policyId) ? estate.policyById(Number(policyId)) : undefined;
    if (!policy) {
      return {
        policyId,
        subscriptionId: subscription,
        hostIds: [],
        error: `Policy ${policyId} does not exist or is not accessible`,
      };
    }
    const hostIds: string[] = [];
    for (let i = 0; i < estate.hostCount; i += 1) {
      if (!estate.policyHasHost(policy, i)) {
        continue;
      }
      const host = estate.host(i);
      if (host && (lastScanAfter === undefined || (host.lastPcScannedMs ?? 0) >= lastScanAfter)) {
        hostIds.push(String(host.id));
      }
    }
    return { policyId, subscriptionId: subscription, hostIds };
  });
}

export interface PcrsPostureQuery {
  /** The request body: what the hostids call returned (or a subset). */
  batches: ReadonlyArray<{ policyId: string; hostIds: readonly string[] }>;
  evidenceRequired: boolean;
  statusChangedSince?: number;
}

function postureJson(
  estate: Estate,
  policy: PolicyRecord,
  r: PostureRecord,
  evidence: boolean,
): string {
  const host = estate.host(r.hostIndex);
  const control = estate.control(r.controlIndex);
  const technology = control.technologies[0];
  const record: Record<string, unknown> = {
    id: r.id,
    hostId: estate.hostIdAt(r.hostIndex),
    ip: host?.ip ?? null,
    dns: host?.dns ?? null,
    netBios: host?.netbios ?? null,
    os: host?.os ?? null,
    trackingMethod: host?.trackingMethod ?? null,
    policyId: policy.id,
    policyTitle: policy.title,
    controlId: control.id,
    controlStatement: control.statement,
    rationale: technology?.rationale ?? null,
    criticality: { label: control.criticalityLabel, value: Number(control.criticalityValue) },
    technology: technology ? { id: technology.id, name: technology.name } : null,
    instance: r.instance,
    status: r.status,
    postureModifiedDate: isoSeconds(r.modifiedMs),
    firstFailDate: r.firstFailMs === undefined ? null : isoSeconds(r.firstFailMs),
    lastFailDate: r.lastFailMs === undefined ? null : isoSeconds(r.lastFailMs),
    firstPassDate: r.firstPassMs === undefined ? null : isoSeconds(r.firstPassMs),
    lastPassDate: r.lastPassMs === undefined ? null : isoSeconds(r.lastPassMs),
  };
  if (evidence) {
    record.evidence = r.evidence;
  }
  return JSON.stringify(record);
}

/** Streams the posture records of the asked hosts and policies as one JSON array. */
export async function renderPcrsPosture(
  estate: Estate,
  query: PcrsPostureQuery,
  write: ChunkWrite,
): Promise<number> {
  let count = 0;
  await write('[');
  for (const batch of query.batches) {
    const policy = /^\d+$/.test(batch.policyId)
      ? estate.policyById(Number(batch.policyId))
      : undefined;
    if (!policy) {
      continue;
    }
    for (const hostId of batch.hostIds) {
      const index = /^\d+$/.test(hostId) ? estate.hostIndexOf(Number(hostId)) : undefined;
      if (index === undefined || !estate.policyHasHost(policy, index)) {
        continue;
      }
      const records = estate
        .postures(policy, index)
        .filter(
          r => query.statusChangedSince === undefined || r.modifiedMs >= query.statusChangedSince,
        )
        .map(r => postureJson(estate, policy, r, query.evidenceRequired));
      if (records.length > 0) {
        await write((count === 0 ? '' : ',') + records.join(','));
        count += records.length;
      }
    }
  }
  await write(']');
  return count;
}
