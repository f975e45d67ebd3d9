import { type ServerResponse } from 'node:http';
import { createGzip } from 'node:zlib';

import { API, type ApiKey } from '../apis';
import {
  concurrencyLimitedAnswer,
  rateLimitedAnswer,
  renderSimpleReturn,
} from '../render/simple-return';
import { type Answer, XML_TYPE } from '../sources/source';
import { BodyAbortedError, BodyWriter, FirstMatchReplacer } from './body-writer';
import { type Fault } from './faults';

/** What the malformed-record fault replaces: the key of the first record of each API. */
const MALFORMED_RECORD: Partial<Record<ApiKey, readonly [RegExp, string]>> = {
  [API.hostDetection]: [/<QID>\s*\d+\s*<\/QID>/, '<QID>abc</QID>'],
  [API.knowledgeBase]: [/<QID>\s*\d+\s*<\/QID>/, '<QID>abc</QID>'],
  [API.hostList]: [/<ID>\s*\d+\s*<\/ID>/, '<ID>abc</ID>'],
  [API.policy]: [/<ID>\s*\d+\s*<\/ID>/, '<ID>abc</ID>'],
  [API.control]: [/<ID>\s*\d+\s*<\/ID>/, '<ID>abc</ID>'],
  [API.posture]: [/<HOST_ID>\s*\d+\s*<\/HOST_ID>/, '<HOST_ID>abc</HOST_ID>'],
  [API.qvs]: [/"qvs":\s*"\d+"/, '"qvs":"abc"'],
  [API.pcrsPolicyList]: [/"id":\s*"?\d+"?/, '"id":"abc"'],
  [API.pcrsHostIds]: [/"hostIds":\s*\["\d+"/, '"hostIds":["abc"'],
  [API.pcrsPosture]: [/"hostId":\s*\d+/, '"hostId":"abc"'],
};

export function sendText(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) {
    return;
  }
  res.writeHead(status, { 'Content-Type': contentType, ...headers });
  res.end(body);
}

export function sendSimpleReturn(
  res: ServerResponse,
  status: number,
  code: string,
  text: string,
  headers: Record<string, string> = {},
): void {
  sendText(
    res,
    status,
    XML_TYPE,
    renderSimpleReturn({ datetimeMs: Date.now(), code, text }),
    headers,
  );
}

export function sendConflict(
  res: ServerResponse,
  code: '1960' | '1965',
  amount: number,
  headers: Record<string, string>,
): void {
  const body =
    code === '1960'
      ? concurrencyLimitedAnswer(Date.now(), amount)
      : rateLimitedAnswer(Date.now(), amount);
  sendText(res, 409, XML_TYPE, body, headers);
}

/** Faults that replace the answer entirely; returns true when one was sent. */
export function sendReplacingFault(
  res: ServerResponse,
  fault: Fault | undefined,
  headers: Record<string, string>,
): boolean {
  switch (fault?.kind) {
    case 'conflict':
      sendConflict(
        res,
        fault.code,
        fault.code === '1960' ? 1 : (fault.secondsToWait ?? 68928),
        headers,
      );
      return true;
    case 'errorCode':
      sendSimpleReturn(
        res,
        fault.status ?? 200,
        fault.code ?? '2001',
        fault.text ?? 'This account has expired.',
        headers,
      );
      return true;
    case 'empty':
      sendText(res, 200, XML_TYPE, '', headers);
      return true;
    case 'serverError':
      sendText(
        res,
        fault.status ?? 503,
        'text/html',
        '<html><body><h1>Service Unavailable</h1></body></html>',
        headers,
      );
      return true;
    case 'cutOff':
    case 'malformedRecord':
    case 'slowFirstByte':
    case undefined:
      return false;
  }
}

/**
 * Sends an answer with its body streamed (backpressure kept), applying the faults that alter a
 * body (cut-off, malformed record) and gzip when the answer asks for it.
 */
export async function sendAnswer(
  res: ServerResponse,
  api: ApiKey,
  answer: Answer,
  headers: Record<string, string>,
  fault: Fault | undefined,
): Promise<void> {
  const malformed = fault?.kind === 'malformedRecord' ? MALFORMED_RECORD[api] : undefined;
  const allHeaders: Record<string, string> = {
    'Content-Type': answer.contentType,
    ...headers,
    ...answer.headers,
  };
  res.writeHead(answer.status, allHeaders);
  const gzip = allHeaders['Content-Encoding'] === 'gzip' ? createGzip() : undefined;
  gzip?.pipe(res);
  const writer = new BodyWriter(
    res,
    {
      cutOffAfterBytes: fault?.kind === 'cutOff' ? fault.afterBytes : undefined,
      replacer: malformed ? new FirstMatchReplacer(malformed[0], malformed[1]) : undefined,
    },
    gzip,
  );
  try {
    await answer.body(writer.write);
    await writer.end();
  } catch (error) {
    if (!(error instanceof BodyAbortedError)) {
      res.destroy();
      throw error;
    }
  }
}
