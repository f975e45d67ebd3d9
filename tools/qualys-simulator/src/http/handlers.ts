import { type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { type Logger } from '@exposure-graph/logging';

import { API, type ApiKey, matchFoRoute } from '../apis';
import { type DataSource, JSON_TYPE, type SourceContext } from '../sources/source';
import { checkBasicAuth, findUser, type SimulatorUser, type TokenIssuer } from './auth';
import { type Fault, type FaultInjector } from './faults';
import { type LimitTracker, type PcrsRateLimiter, type SimulatorStats } from './limits';
import { mergeParams, ParameterError, readBody } from './params';
import {
  sendAnswer,
  sendConflict,
  sendReplacingFault,
  sendSimpleReturn,
  sendText,
} from './respond';

/** Everything a request handler needs; the simulator owns it and may swap `source`. */
export interface HandlerState {
  source: DataSource;
  context: SourceContext;
  users: readonly SimulatorUser[];
  limits: LimitTracker;
  pcrsLimiter: PcrsRateLimiter;
  faults: FaultInjector;
  stats: SimulatorStats;
  tokens: TokenIssuer;
  /** Base of next-page URLs (scheme, host, port), e.g. http://127.0.0.1:8090. */
  nextPageBase: () => string;
  pcrsBasePath: string;
  logger: Logger;
}

/** Waits for a slow-first-byte fault, giving up when the client leaves. */
async function applyDelay(fault: Fault | undefined, res: ServerResponse): Promise<void> {
  if (fault?.kind !== 'slowFirstByte') {
    return;
  }
  const controller = new AbortController();
  const onClose = (): void => controller.abort();
  res.once('close', onClose);
  try {
    await sleep(fault.delayMs, undefined, { signal: controller.signal });
  } catch {
    // The client went away while waiting; the response is closed already.
  } finally {
    res.off('close', onClose);
  }
}

function runningUntilClosed(res: ServerResponse, release: () => void): void {
  res.once('close', release);
}

async function handleFo(
  state: HandlerState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  api: ApiKey,
  version: string,
): Promise<void> {
  state.stats.api(api).requests += 1;
  if (!req.headers['x-requested-with']) {
    sendSimpleReturn(res, 400, '1903', 'Missing required header(s): X-Requested-With');
    return;
  }
  const auth = checkBasicAuth(req.headers.authorization, state.users);
  if (!auth.ok) {
    sendSimpleReturn(res, 401, '2000', 'Bad Login/Password', {
      'WWW-Authenticate': 'Basic realm="Qualys"',
    });
    return;
  }
  if (auth.user.expired) {
    sendSimpleReturn(res, 200, '2001', 'This account has expired.');
    return;
  }
  const params = mergeParams(url, await readBody(req), req.headers['content-type']);
  const admission = state.limits.admit(api);
  if (!admission.admitted) {
    state.stats.api(api).conflicts[admission.code] += 1;
    sendConflict(
      res,
      admission.code,
      admission.code === '1960' ? admission.callsToFinish : admission.secondsToWait,
      admission.headers,
    );
    return;
  }
  runningUntilClosed(res, admission.release);
  state.stats.api(api).calls += 1;
  const fault = state.faults.take(api);
  if (fault?.kind === 'conflict') {
    state.stats.api(api).conflicts[fault.code] += 1;
  }
  if (sendReplacingFault(res, fault, admission.headers)) {
    return;
  }
  await applyDelay(fault, res);
  if (res.destroyed) {
    return;
  }
  const call = {
    api,
    version,
    pathname: url.pathname,
    params,
    user: auth.user,
    nextPageUrl: (idMin: number) =>
      `${state.nextPageBase()}${url.pathname}?${params.with('id_min', String(idMin)).toQueryString()}`,
  };
  try {
    const answer = await state.source.answerFo(call, state.context);
    await sendAnswer(res, api, answer, admission.headers, fault);
  } catch (error) {
    if (!(error instanceof ParameterError)) {
      throw error;
    }
    sendSimpleReturn(res, 400, error.code, error.message, admission.headers);
  }
}

const PCRS_ROUTES: ReadonlyArray<readonly [RegExp, ApiKey, string]> = [
  [/^\/pcrs\/(\d\.\d)\/posture\/policy\/list\/?$/, API.pcrsPolicyList, 'GET'],
  [/^\/pcrs\/(\d\.\d)\/posture\/hostids\/?$/, API.pcrsHostIds, 'GET'],
  [/^\/pcrs\/(\d\.\d)\/posture\/postureInfo\/?$/, API.pcrsPosture, 'POST'],
];

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendText(res, status, JSON_TYPE, JSON.stringify(body), headers);
}

async function handlePcrsAuth(
  state: HandlerState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  state.stats.api(API.pcrsAuth).requests += 1;
  const form = new URLSearchParams(await readBody(req));
  const user = findUser(state.users, form.get('username') ?? '', form.get('password') ?? '');
  if (!user || user.expired) {
    sendJson(res, 401, {
      authentication_exceptions: [
        [
          'Authentication Failure: 1 errors, 0 successes:authenticationFailure.InvalidCredentialsException',
        ],
      ],
    });
    return;
  }
  state.stats.api(API.pcrsAuth).calls += 1;
  sendText(res, 201, 'text/plain;charset=UTF-8', state.tokens.issue(user.username));
}

async function handlePcrs(
  state: HandlerState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  api: ApiKey,
  version: string,
): Promise<void> {
  const stats = state.stats.api(api);
  stats.requests += 1;
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const check = token ? state.tokens.check(token) : 'invalid';
  if (check !== 'valid') {
    const message = check === 'expired' ? 'JWT expired' : 'Not authenticated';
    sendJson(res, 401, { status: 401, error: 'Unauthorized', message });
    return;
  }
  const wait = state.pcrsLimiter.take(api);
  if (wait > 0) {
    stats.tooManyRequests += 1;
    sendJson(
      res,
      429,
      { status: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' },
      { 'Retry-After': String(wait) },
    );
    return;
  }
  const body = await readBody(req);
  stats.calls += 1;
  stats.running += 1;
  stats.maxConcurrent = Math.max(stats.maxConcurrent, stats.running);
  let released = false;
  runningUntilClosed(res, () => {
    if (!released) {
      released = true;
      stats.running -= 1;
    }
  });
  const fault = state.faults.take(api);
  if (sendReplacingFault(res, fault, {})) {
    return;
  }
  await applyDelay(fault, res);
  if (res.destroyed) {
    return;
  }
  const answer = await state.source.answerPcrs(
    { api, version, params: mergeParams(url, '', undefined), body },
    state.context,
  );
  await sendAnswer(res, api, answer, {}, fault);
}

/** Routes one request: classic FO APIs, the PCRS gateway (under its base path), or 404. */
export async function handleRequest(
  state: HandlerState,
  req: IncomingMessage,
  res: ServerResponse,
  pcrsOnly = false,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.local');
  try {
    const fo = pcrsOnly ? undefined : matchFoRoute(url.pathname);
    if (fo) {
      await handleFo(state, req, res, url, fo.api, fo.version);
      return;
    }
    const base = state.pcrsBasePath;
    const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : undefined;
    if (path === '/auth' && req.method === 'POST') {
      await handlePcrsAuth(state, req, res);
      return;
    }
    for (const [pattern, api, method] of PCRS_ROUTES) {
      const match = path === undefined ? null : pattern.exec(path);
      if (match?.[1]) {
        if (req.method !== method) {
          sendJson(res, 405, {
            status: 405,
            error: 'Method Not Allowed',
            message: `Use ${method}`,
          });
          return;
        }
        await handlePcrs(state, req, res, url, api, match[1]);
        return;
      }
    }
    sendText(res, 404, 'text/html', '<html><body><h1>404 Not Found</h1></body></html>');
  } catch (error) {
    if (error instanceof ParameterError) {
      sendSimpleReturn(res, 400, error.code, error.message);
      return;
    }
    state.logger.error({ err: error, url: url.pathname }, 'Simulator request failed');
    if (!res.headersSent) {
      sendText(res, 500, 'text/plain', 'Internal simulator error');
    } else {
      res.destroy();
    }
  }
}
