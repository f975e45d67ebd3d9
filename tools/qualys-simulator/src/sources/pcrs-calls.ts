import { type PcrsHostIdsEntry, type PcrsPostureQuery } from '../render/pcrs';
import { isoSeconds } from '../render/xml';
import { type Answer, JSON_TYPE, type PcrsCall, textAnswer } from './source';

/** At most this many policy ids per hostids call, as the service enforces. */
export const MAX_POLICY_IDS = 10;

/** The JSON form of a SIMPLE_RETURN that PCRS answers with on HTTP 400. */
export function pcrsBadRequest(code: number, text: string): Answer {
  const body = [{ response: { datetime: isoSeconds(Date.now()), code, text } }];
  return textAnswer(400, JSON_TYPE, JSON.stringify(body));
}

/** `evidenceRequired`/`compressionRequired` other than 0/1 answer 404 with this body. */
export function pcrsInvalidParameter(): Answer {
  return textAnswer(404, JSON_TYPE, JSON.stringify({ message: 'Invalid input Parameter.' }));
}

export function pcrsHostIdsAnswer(
  call: PcrsCall,
  lookup: (policyIds: string[]) => PcrsHostIdsEntry[],
): Answer {
  const policyIds = call.params.list('policyId');
  if (!policyIds) {
    return pcrsBadRequest(1903, 'Missing required parameter(s): policyId');
  }
  if (policyIds.length > MAX_POLICY_IDS) {
    return pcrsBadRequest(
      1905,
      `parameter policyId has invalid value: at most ${MAX_POLICY_IDS} policy ids are allowed`,
    );
  }
  return textAnswer(200, JSON_TYPE, JSON.stringify(lookup(policyIds)));
}

export interface PcrsPostureRequest extends PcrsPostureQuery {
  compress: boolean;
}

function flag(call: PcrsCall, name: string, fallback: boolean): boolean | undefined {
  const value = call.params.get(name);
  if (value === undefined) {
    return fallback;
  }
  return value === '1' ? true : value === '0' ? false : undefined;
}

/** Reads a postureInfo call: query flags and the JSON body (the hostids answer, or part of it). */
export function pcrsPostureQuery(call: PcrsCall): PcrsPostureRequest | { error: Answer } {
  const evidenceRequired = flag(call, 'evidenceRequired', false);
  const compress = flag(call, 'compressionRequired', true);
  if (evidenceRequired === undefined || compress === undefined) {
    return { error: pcrsInvalidParameter() };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(call.body);
  } catch {
    return { error: pcrsBadRequest(1905, 'Request body is not valid JSON') };
  }
  if (!Array.isArray(parsed)) {
    return { error: pcrsBadRequest(1905, 'Request body must be an array of policy host ids') };
  }
  const batches = parsed.map((entry: unknown) => {
    const item = (entry ?? {}) as { policyId?: unknown; hostIds?: unknown };
    const hostIds = Array.isArray(item.hostIds) ? item.hostIds.map(String) : [];
    const policyId =
      typeof item.policyId === 'string' || typeof item.policyId === 'number'
        ? String(item.policyId)
        : '';
    return { policyId, hostIds };
  });
  return {
    batches,
    evidenceRequired,
    compress,
    statusChangedSince: call.params.date('statusChangedSince'),
  };
}
