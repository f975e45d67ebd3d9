/**
 * The TypeScript side of the proto messages. Each message has a hand-written interface and a
 * `MessageSpec` listing its fields with their proto shape. The compiler checks that the spec and
 * the interface agree (every field, nothing extra, a shape that fits the TypeScript type), and
 * a unit test checks that the spec agrees with the loaded descriptors, so neither side can
 * drift silently. At run time the spec turns loader output into the interface's shape: an
 * absent `optional` field becomes `null` and a Timestamp becomes a Date.
 */

export type ScalarType = 'string' | 'bool' | 'int32' | 'uint32' | 'double';

export interface ScalarField<T extends ScalarType> {
  readonly kind: 'scalar';
  readonly type: T;
}

/** A proto3 `optional` scalar: `null` in TypeScript when absent on the wire. */
export interface OptionalField<T extends ScalarType> {
  readonly kind: 'optional';
  readonly type: T;
}

export interface RepeatedField<T extends ScalarType> {
  readonly kind: 'repeated';
  readonly type: T;
}

/** An enum, a string union in TypeScript (the loader runs with `enums: String`). */
export interface EnumField {
  readonly kind: 'enum';
  /** The enum's name as the proto writes it where the field is declared. */
  readonly type: string;
}

/** `google.protobuf.Timestamp`, a `Date` (or `null` when absent) in TypeScript. */
export interface TimestampField {
  readonly kind: 'timestamp';
}

/** `map<string, string>`. */
export interface StringMapField {
  readonly kind: 'map';
}

export interface RepeatedMessageField<M> {
  readonly kind: 'repeatedMessage';
  readonly message: MessageSpec<M>;
}

/** The field shapes a TypeScript property type may have. */
export type FieldFor<V> = [V] extends [Date | null]
  ? TimestampField
  : [V] extends [string]
    ? ScalarField<'string'> | EnumField
    : [V] extends [number]
      ? ScalarField<'int32' | 'uint32' | 'double'>
      : [V] extends [boolean]
        ? ScalarField<'bool'>
        : [V] extends [string | null]
          ? OptionalField<'string'>
          : [V] extends [number | null]
            ? OptionalField<'int32' | 'uint32' | 'double'>
            : [V] extends [boolean | null]
              ? OptionalField<'bool'>
              : [V] extends [readonly string[]]
                ? RepeatedField<'string'>
                : [V] extends [readonly number[]]
                  ? RepeatedField<'int32' | 'uint32' | 'double'>
                  : [V] extends [readonly (infer M)[]]
                    ? RepeatedMessageField<M>
                    : [V] extends [Readonly<Record<string, string>>]
                      ? StringMapField
                      : never;

export type MessageFields<T> = { readonly [K in keyof T]-?: FieldFor<T[K]> };

/** A message: its fully qualified proto name and the shape of every field. */
export interface MessageSpec<T> {
  readonly name: string;
  readonly fields: MessageFields<T>;
}

export type AnyField =
  | ScalarField<ScalarType>
  | OptionalField<ScalarType>
  | RepeatedField<ScalarType>
  | EnumField
  | TimestampField
  | StringMapField
  | RepeatedMessageField<unknown>;

export function scalar<T extends ScalarType>(type: T): ScalarField<T> {
  return { kind: 'scalar', type };
}

export function optional<T extends ScalarType>(type: T): OptionalField<T> {
  return { kind: 'optional', type };
}

export function repeated<T extends ScalarType>(type: T): RepeatedField<T> {
  return { kind: 'repeated', type };
}

export function enumeration(type: string): EnumField {
  return { kind: 'enum', type };
}

export function timestamp(): TimestampField {
  return { kind: 'timestamp' };
}

export function stringMap(): StringMapField {
  return { kind: 'map' };
}

export function repeatedMessage<M>(message: MessageSpec<M>): RepeatedMessageField<M> {
  return { kind: 'repeatedMessage', message };
}

/** The fields of a spec, typed for code that walks any message. */
export function fieldsOf(spec: MessageSpec<unknown>): [string, AnyField][] {
  return Object.entries<AnyField>(spec.fields);
}

/** Loader output → the interface's shape. Properties the spec does not know are dropped. */
export function fromWire<T>(spec: MessageSpec<T>, raw: unknown): T {
  const source = (raw ?? {}) as Record<string, unknown>;
  const message: Record<string, unknown> = {};
  for (const [name, field] of fieldsOf(spec)) {
    message[name] = fieldFromWire(field, source[name]);
  }
  return message as T;
}

/** The interface's shape → what the loader serialises (Dates become Timestamps). */
export function toWire<T>(spec: MessageSpec<T>, value: T): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const message: Record<string, unknown> = {};
  for (const [name, field] of fieldsOf(spec)) {
    message[name] = fieldToWire(field, source[name], name);
  }
  return message;
}

function fieldFromWire(field: AnyField, value: unknown): unknown {
  switch (field.kind) {
    case 'scalar':
    case 'enum':
      return value;
    case 'optional':
      return value ?? null;
    case 'repeated':
      return value ?? [];
    case 'map':
      return value ?? {};
    case 'timestamp':
      return value ? dateFromTimestamp(value as WireTimestamp) : null;
    case 'repeatedMessage':
      return ((value ?? []) as unknown[]).map(item => fromWire(field.message, item));
  }
}

function fieldToWire(field: AnyField, value: unknown, name: string): unknown {
  switch (field.kind) {
    case 'scalar':
    case 'enum':
    case 'optional':
    case 'repeated':
    case 'map':
      return value;
    case 'timestamp':
      return value === null || value === undefined ? null : timestampFromDate(value, name);
    case 'repeatedMessage':
      return ((value ?? []) as unknown[]).map(item => toWire(field.message, item));
  }
}

/** `google.protobuf.Timestamp` as the loader gives it (`longs: String`). */
interface WireTimestamp {
  seconds: string;
  nanos: number;
}

function dateFromTimestamp(value: WireTimestamp): Date {
  return new Date(Number(value.seconds) * 1000 + Math.floor(value.nanos / 1_000_000));
}

function timestampFromDate(value: unknown, name: string): WireTimestamp {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new TypeError(`Field ${name} must be a valid Date`);
  }
  const milliseconds = value.getTime();
  // Floor, not truncate: a Timestamp's nanos are never negative, even before 1970.
  const seconds = Math.floor(milliseconds / 1000);
  return { seconds: String(seconds), nanos: (milliseconds - seconds * 1000) * 1_000_000 };
}
