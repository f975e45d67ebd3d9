import type { PcrsHostIdSet } from './apis';

/**
 * Splits host-id sets into postureInfo bodies of at most `maxHostIds` host ids each (a policy
 * with many hosts spans several bodies), so that no single posture stream grows without bound;
 * sets without hosts are dropped, there is nothing to ask for them.
 */
export function splitPostureRequests(
  sets: readonly PcrsHostIdSet[],
  maxHostIds: number,
): PcrsHostIdSet[][] {
  if (!Number.isInteger(maxHostIds) || maxHostIds < 1) {
    throw new RangeError(`Host ids per postureInfo body must be a positive integer`);
  }

  const bodies: PcrsHostIdSet[][] = [];
  let body: PcrsHostIdSet[] = [];
  let room = maxHostIds;
  for (const set of sets) {
    for (let start = 0; start < set.hostIds.length;) {
      const hostIds = set.hostIds.slice(start, start + room);
      body.push({ policyId: set.policyId, subscriptionId: set.subscriptionId, hostIds });
      start += hostIds.length;
      room -= hostIds.length;
      if (room === 0) {
        bodies.push(body);
        body = [];
        room = maxHostIds;
      }
    }
  }
  if (body.length > 0) {
    bodies.push(body);
  }
  return bodies;
}
