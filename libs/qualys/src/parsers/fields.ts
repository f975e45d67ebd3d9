import { exactText, scalarText, type XmlElement } from '../xml/xml-element';

/** A value a field mapper could not accept; the record carrying it is rejected, not the page. */
export class FieldError extends Error {
  constructor(
    /** Path of the element at fault, relative to the record (e.g. DETECTION_LIST/DETECTION/QID). */
    readonly element: string,
    readonly value: string | null,
    reason: string,
  ) {
    super(reason);
    this.name = 'FieldError';
  }

  /** The same error seen from one level up (HOST adds its prefix to DETECTION/QID...). */
  under(prefix: string): FieldError {
    return new FieldError(`${prefix}/${this.element}`, this.value, this.message);
  }
}

const INTEGER = /^-?\d+$/;
const DIGITS = /^\d+$/;
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Trimmed text or null (empty, `null`). */
export function text(element: XmlElement): string | null {
  return scalarText(element);
}

/** Text kept byte for byte (RESULTS, DIAGNOSIS...); empty → null. */
export function exact(element: XmlElement): string | null {
  const value = exactText(element);
  return value.length === 0 || value === 'null' ? null : value;
}

/** An identifier: digits only, kept as a string so leading zeros and 10+ digit ids survive. */
export function id(element: XmlElement): string | null {
  const value = scalarText(element);
  if (value === null) return null;
  if (!DIGITS.test(value)) throw new FieldError(element.name, value, 'Not a numeric identifier');
  return value;
}

/** Like id() but the element must carry a value. */
export function requiredId(element: XmlElement): string {
  const value = id(element);
  if (value === null) throw new FieldError(element.name, null, 'Identifier is empty');
  return value;
}

export function int(element: XmlElement): number | null {
  return parseInteger(scalarText(element), element.name);
}

export function parseInteger(value: string | null, name: string): number | null {
  if (value === null) return null;
  if (!INTEGER.test(value)) throw new FieldError(name, value, 'Not an integer');
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new FieldError(name, value, 'Integer out of range');
  return parsed;
}

/** A decimal (CVSS score, EPSS); `0.0` is a value, an empty element is null. */
export function decimal(element: XmlElement): number | null {
  return parseDecimal(scalarText(element), element.name);
}

export function parseDecimal(value: string | null, name: string): number | null {
  if (value === null) return null;
  if (!DECIMAL.test(value)) throw new FieldError(name, value, 'Not a decimal number');
  return Number(value);
}

/** A 0/1 flag. */
export function flag(element: XmlElement): boolean | null {
  const value = scalarText(element);
  if (value === null) return null;
  if (value === '1') return true;
  if (value === '0') return false;
  throw new FieldError(element.name, value, 'Not a 0/1 flag');
}

/** An ISO 8601 date or datetime; no zone means UTC, as Qualys documents for its dates. */
export function date(element: XmlElement): Date | null {
  return parseDate(scalarText(element), element.name);
}

export function parseDate(value: string | null, name: string): Date | null {
  if (value === null) return null;

  const match = DATE_TIME.exec(value);
  if (match === null) throw new FieldError(name, value, 'Not an ISO 8601 date');

  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo) - 1;
  const day = Number(d);
  const ms = fraction === '' ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const utc = Date.UTC(year, month, day, Number(h), Number(mi), Number(s), ms);

  const check = new Date(utc);
  const valid =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month &&
    check.getUTCDate() === day &&
    Number(h) < 24 &&
    Number(mi) < 60 &&
    Number(s) < 61;
  if (!valid) throw new FieldError(name, value, 'Not a calendar date');

  return new Date(utc - zoneOffsetMs(zone));
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

/** Comma-joined text (ASSET_GROUP_IDS, SUPPORTED_MODULES...) as a list; empty → []. */
export function commaList(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(',')
    .map(part => part.trim())
    .filter(part => part.length > 0);
}

/** An attribute's trimmed value or null. */
export function attribute(element: XmlElement, name: string): string | null {
  const value = element.attributes[name]?.trim();
  return value === undefined || value.length === 0 || value === 'null' ? null : value;
}

/**
 * Maps the children named `childName` of a list element (TAGS/TAG, CVE_LIST/CVE...), adding
 * both names to the path of any error; other children are reported as unknown.
 */
export function listOf<T>(
  element: XmlElement,
  childName: string,
  map: (child: XmlElement) => T,
  unknown: (name: string) => void,
): T[] {
  const out: T[] = [];
  for (const child of element.children) {
    if (child.name !== childName) {
      unknown(`${element.name}/${child.name}`);
      continue;
    }
    try {
      out.push(map(child));
    } catch (err) {
      throw err instanceof FieldError ? err.under(`${element.name}/${child.name}`) : err;
    }
  }
  return out;
}

/** Counts element paths the mappers do not know; they are reported, never fatal. */
export class UnknownElements {
  readonly counts: Record<string, number> = {};

  add(path: string): void {
    this.counts[path] = (this.counts[path] ?? 0) + 1;
  }

  /** A reporter for the children of one element, prefixing their names with its path. */
  under(prefix: string): (name: string) => void {
    return name => this.add(`${prefix}/${name}`);
  }
}

/** Runs a nested mapper, prefixing any error path with the element's name. */
export function nested<T>(element: XmlElement, map: (element: XmlElement) => T): T {
  try {
    return map(element);
  } catch (err) {
    throw err instanceof FieldError ? err.under(element.name) : err;
  }
}
