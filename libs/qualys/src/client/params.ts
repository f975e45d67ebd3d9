/** A parameter value as callers give it; `encodeParams` turns it into Qualys' text form. */
export type QualysParamValue =
  string | number | boolean | Date | readonly (string | number)[] | null | undefined;

export type QualysParams = Readonly<Record<string, QualysParamValue>>;

/** Name/value pairs in the order they are sent. */
export type ParamEntries = readonly (readonly [string, string])[];

/**
 * A date the way every Qualys filter wants it: UTC, second precision, literal `Z`
 * (`2024-03-08T20:15:41Z`). A date-only value would mean midnight UTC, so we always send the
 * full form and leave no room for a time-zone surprise.
 */
export function formatQualysDate(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    throw new RangeError('Cannot send an invalid date to Qualys');
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Qualys' conventions: lists comma-joined, flags as 0/1, dates in UTC. Null and undefined
 * parameters are left out; an empty list is refused, because leaving out `ids` would widen
 * the query to everything instead of nothing.
 */
export function encodeParams(params: QualysParams): [string, string][] {
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(params)) {
    const text = encodeValue(name, value);
    if (text !== null) {
      entries.push([name, text]);
    }
  }
  return entries;
}

function encodeValue(name: string, value: QualysParamValue): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (value instanceof Date) {
    return formatQualysDate(value);
  }
  if (typeof value === 'boolean') {
    return value ? '1' : '0';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new RangeError(`Parameter ${name} is not a finite number`);
    }
    return String(value);
  }
  if (typeof value === 'string') {
    return value;
  }
  if (value.length === 0) {
    throw new RangeError(`Parameter ${name} is an empty list`);
  }
  return value.map(String).join(',');
}

/** `application/x-www-form-urlencoded` text (also a query string) of the entries. */
export function formEncode(entries: ParamEntries): string {
  const search = new URLSearchParams();
  for (const [name, value] of entries) {
    search.append(name, value);
  }
  return search.toString();
}
