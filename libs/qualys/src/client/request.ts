import type { QualysRequestSummary } from '../errors';
import {
  apiFamily,
  apiPath,
  type QualysApiFamily,
  type QualysApiName,
  type QualysCall,
} from './apis';
import type { QualysSource } from './config';
import { formEncode, type ParamEntries } from './params';

/** One HTTP request ready to send, with the summary errors and logs may show. */
export interface PreparedRequest {
  api: QualysApiName;
  family: QualysApiFamily;
  method: 'GET' | 'POST';
  url: string;
  /** The parameters sent (form body or query); the base of the next page's parameters. */
  params: ParamEntries;
  body?: string;
  contentType?: string;
  summary: QualysRequestSummary;
}

// Parameter names whose values never reach a summary, should a caller ever send one.
const SENSITIVE_PARAM = /pass|token|secret|username|credential/i;

export function prepareRequest(
  source: QualysSource,
  call: QualysCall,
  params: ParamEntries,
): PreparedRequest {
  const family = apiFamily(call.api);
  const path = apiPath(call.api, source.apiVersions);
  if (family === 'classic') {
    return prepareClassic(source.baseUrl, path, call, params);
  }
  return preparePcrs(gatewayUrl(source), path, call, params);
}

function prepareClassic(
  baseUrl: string,
  path: string,
  call: QualysCall,
  params: ParamEntries,
): PreparedRequest {
  const base = { api: call.api, family: 'classic' as const, method: call.method, params };
  if (call.method === 'GET') {
    const query = formEncode(params);
    return {
      ...base,
      url: `${baseUrl}${path}${query ? `?${query}` : ''}`,
      summary: { method: 'GET', url: withQuery(path, params) },
    };
  }

  return {
    ...base,
    url: `${baseUrl}${path}`,
    body: formEncode(params),
    contentType: 'application/x-www-form-urlencoded',
    summary: { method: 'POST', url: path, formFields: fieldNames(params) },
  };
}

function preparePcrs(
  gateway: string,
  path: string,
  call: QualysCall,
  params: ParamEntries,
): PreparedRequest {
  const query = formEncode(params);
  const json = call.json === undefined ? {} : { body: JSON.stringify(call.json) };
  return {
    api: call.api,
    family: 'pcrs',
    method: call.method,
    url: `${gateway}${path}${query ? `?${query}` : ''}`,
    params,
    ...json,
    ...(call.json === undefined ? {} : { contentType: 'application/json' }),
    summary: { method: call.method, url: withQuery(path, params) },
  };
}

/** POST <gateway>/auth with the credentials as form fields; the answer is the JWT itself. */
export function prepareTokenRequest(source: QualysSource): PreparedRequest {
  const path = apiPath('pcrsAuth', source.apiVersions);
  const { username, password } = source.credentials;
  const form: ParamEntries = [
    ['username', username],
    ['password', password],
    ['token', 'true'],
  ];
  return {
    api: 'pcrsAuth',
    family: 'pcrsAuth',
    method: 'POST',
    url: `${gatewayUrl(source)}${path}`,
    params: [],
    body: formEncode(form),
    contentType: 'application/x-www-form-urlencoded',
    summary: { method: 'POST', url: path, formFields: fieldNames(form) },
  };
}

function gatewayUrl(source: QualysSource): string {
  if (source.pcrsGatewayUrl === undefined) {
    throw new Error(`Qualys source ${source.name} has no PCRS gateway URL configured`);
  }
  return source.pcrsGatewayUrl;
}

function withQuery(path: string, params: ParamEntries): string {
  const shown: [string, string][] = params.map(([name, value]) => [
    name,
    SENSITIVE_PARAM.test(name) ? 'redacted' : value,
  ]);
  const query = formEncode(shown);
  return query ? `${path}?${query}` : path;
}

function fieldNames(params: ParamEntries): string[] {
  return [...new Set(params.map(([name]) => name))];
}
