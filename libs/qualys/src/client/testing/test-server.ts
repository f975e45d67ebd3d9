import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the test server received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The form body's fields (POST application/x-www-form-urlencoded). */
  form: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
}

export type TestHandler = (
  request: ReceivedRequest,
  response: ServerResponse,
  index: number,
) => void | Promise<void>;

export interface TestServer {
  url: string;
  requests: ReceivedRequest[];
  /** Most requests the server was answering at the same time. */
  maxInFlight(): number;
  close(): Promise<void>;
}

/**
 * A local HTTP server for client tests: records every request and counts how many it is
 * answering at once (from the request's arrival until its response is finished or its socket
 * closed).
 */
export async function startTestServer(handler: TestHandler): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((incoming, response) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let counted = true;
    const done = () => {
      if (counted) {
        counted = false;
        inFlight -= 1;
      }
    };
    response.on('finish', done);
    response.on('close', done);

    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://test.invalid');
      const body = Buffer.concat(chunks).toString('utf8');
      const isForm = /x-www-form-urlencoded/.test(incoming.headers['content-type'] ?? '');
      const request: ReceivedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        form: isForm ? Object.fromEntries(new URLSearchParams(body)) : {},
        headers: incoming.headers,
        body,
      };
      requests.push(request);
      void Promise.resolve(handler(request, response, requests.length - 1)).catch(() => {
        response.destroy();
      });
    });
  });

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    maxInFlight: () => maxInFlight,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

/** Limit headers as Qualys sends them (values from a recorded answer by default). */
export function limitHeaders(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'x-ratelimit-limit': '300',
    'x-ratelimit-window-sec': '3600',
    'x-ratelimit-remaining': '293',
    'x-ratelimit-towait-sec': '0',
    'x-concurrency-limit-limit': '2',
    'x-concurrency-limit-running': '0',
    ...overrides,
  };
}

/** Writes a whole answer with the limit headers. */
export function answer(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'text/xml;charset=UTF-8',
    ...limitHeaders(),
    ...headers,
  });
  response.end(body);
}

export interface WarningSpec {
  code?: string;
  text?: string;
  url?: string;
}

/** A Host List Detection page holding hosts with the given ids, optionally truncated. */
export function detectionPage(ids: readonly string[], warning?: WarningSpec): string {
  const hosts = ids
    .map(id => `      <HOST>\n        <ID>${id}</ID>\n        <IP>10.0.0.1</IP>\n      </HOST>\n`)
    .join('');
  return `${detectionPageStart()}${hosts}${detectionPageEnd(warning)}`;
}

export function detectionPageStart(): string {
  return [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT SYSTEM ' +
      '"https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/dtd/output.dtd">',
    '<HOST_LIST_VM_DETECTION_OUTPUT>',
    '  <RESPONSE>',
    '    <DATETIME>2024-03-08T20:15:41Z</DATETIME>',
    '    <HOST_LIST>',
    '',
  ].join('\n');
}

export function detectionPageEnd(warning?: WarningSpec): string {
  const parts = ['    </HOST_LIST>'];
  if (warning) {
    parts.push('    <WARNING>');
    if (warning.code !== undefined) parts.push(`      <CODE>${warning.code}</CODE>`);
    if (warning.text !== undefined) parts.push(`      <TEXT>${warning.text}</TEXT>`);
    if (warning.url !== undefined) parts.push(`      <URL><![CDATA[${warning.url}]]></URL>`);
    parts.push('    </WARNING>');
  }
  parts.push('  </RESPONSE>', '</HOST_LIST_VM_DETECTION_OUTPUT>', '');
  return parts.join('\n');
}

/** A SIMPLE_RETURN error body. */
export function simpleReturnBody(code: string, text: string, items: Record<string, string> = {}) {
  const itemList = Object.entries(items)
    .map(([key, value]) => `<ITEM><KEY>${key}</KEY><VALUE>${value}</VALUE></ITEM>`)
    .join('');
  return [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<SIMPLE_RETURN>',
    '  <RESPONSE>',
    '    <DATETIME>2024-03-08T20:15:41Z</DATETIME>',
    `    <CODE>${code}</CODE>`,
    `    <TEXT>${text}</TEXT>`,
    itemList ? `    <ITEM_LIST>${itemList}</ITEM_LIST>` : '',
    '  </RESPONSE>',
    '</SIMPLE_RETURN>',
    '',
  ].join('\n');
}

/** A JWT-shaped token (unsigned) with the given claims. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.c2lnbmF0dXJl`;
}
