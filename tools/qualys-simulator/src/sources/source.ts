import { API, type ApiKey } from '../apis';
import { type SimulatorUser } from '../http/auth';
import { ParameterError, type RequestParams } from '../http/params';
import { type ScanRegistry } from '../scans';

/** Receives body chunks; resolves when the next chunk may be sent. */
export type BodyWrite = (chunk: string | Buffer) => Promise<void>;

/** An answer before it is sent: status, type, and a body written on demand (streamed). */
export interface Answer {
  status: number;
  contentType: string;
  headers?: Record<string, string>;
  body: (write: BodyWrite) => Promise<void>;
}

/** One classic FO call after authentication. */
export interface FoCall {
  api: ApiKey;
  version: string;
  pathname: string;
  params: RequestParams;
  user: SimulatorUser;
  /** The URL of the same call with `id_min` set: what a truncation WARNING points at. */
  nextPageUrl: (idMin: number) => string;
}

/** One PCRS call after the bearer token was accepted. */
export interface PcrsCall {
  api: ApiKey;
  version: string;
  params: RequestParams;
  body: string;
}

/** Records per page when the call does not say (`truncation_limit`); 0 = no truncation. */
export type TruncationDefaults = Partial<Record<ApiKey, number>>;

export const DEFAULT_TRUNCATION: TruncationDefaults = {
  [API.hostDetection]: 1000,
  [API.hostList]: 1000,
  [API.policy]: 1000,
  [API.control]: 1000,
  [API.posture]: 1000,
  [API.knowledgeBase]: 0,
};

export interface SourceContext {
  scans: ScanRegistry;
  truncation: TruncationDefaults;
}

/** Where answers come from: the generated estate or a folder of recorded responses. */
export interface DataSource {
  readonly kind: 'generated' | 'recorded';
  answerFo(call: FoCall, context: SourceContext): Promise<Answer>;
  answerPcrs(call: PcrsCall, context: SourceContext): Promise<Answer>;
}

export const XML_TYPE = 'text/xml;charset=UTF-8';
export const JSON_TYPE = 'application/json';

export function textAnswer(status: number, contentType: string, text: string): Answer {
  return { status, contentType, body: async write => await write(text) };
}

const ACTIONS: Partial<Record<ApiKey, readonly string[]>> = {
  [API.policy]: ['list', 'export'],
  [API.scan]: ['list', 'launch'],
};

/** The `action` parameter, checked like Qualys does (1903 when missing, 1905 when unknown). */
export function requireAction(call: FoCall): string {
  const action = call.params.get('action');
  if (action === undefined || action === '') {
    throw new ParameterError('1903', 'Missing required parameter(s): action');
  }
  if (!(ACTIONS[call.api] ?? ['list']).includes(action)) {
    throw new ParameterError('1905', `parameter action has invalid value: ${action}`);
  }
  return action;
}

export function oneOf<T extends string>(
  params: RequestParams,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = params.get(name);
  if (value === undefined || value === '') {
    return fallback;
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ParameterError('1905', `parameter ${name} has invalid value: ${value}`);
  }
  return value as T;
}

/** `truncation_limit` of the call, or the API's default. */
export function truncationOf(call: FoCall, context: SourceContext): number {
  return call.params.integer('truncation_limit') ?? context.truncation[call.api] ?? 0;
}

/** PCRS posture streams are gzip-compressed when `compressionRequired` is 1 (the default). */
export function gzipHeaders(compress: boolean): Record<string, string> {
  return compress ? { 'Content-Encoding': 'gzip' } : {};
}
