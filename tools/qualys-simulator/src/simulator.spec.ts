import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from '@jest/globals';
import { XMLValidator } from 'fast-xml-parser';

import { type Simulator, type SimulatorOptions, startSimulator } from './simulator';

const SAMPLES = join(__dirname, '../../../../shared/samples/qualys');
const AUTH = `Basic ${Buffer.from('qualys:qualys').toString('base64')}`;
const HEADERS = { Authorization: AUTH, 'X-Requested-With': 'exposure-graph tests' };
const HLD = '/api/2.0/fo/asset/host/vm/detection/';

let running: Simulator[] = [];

async function start(options: SimulatorOptions): Promise<Simulator> {
  const simulator = await startSimulator(options);
  running.push(simulator);
  return simulator;
}

afterEach(async () => {
  await Promise.all(running.map(s => s.stop()));
  running = [];
});

function post(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = HEADERS,
) {
  return fetch(url, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

function between(text: string, open: string, close: string): string[] {
  const values: string[] = [];
  let at = text.indexOf(open);
  while (at >= 0) {
    const end = text.indexOf(close, at + open.length);
    values.push(text.slice(at + open.length, end));
    at = text.indexOf(open, end);
  }
  return values;
}

/** Host ids of a HLD page: the first ID inside each HOST. */
function hostIds(xml: string): string[] {
  return between(xml, '<HOST>', '</HOST>').map(host => between(host, '<ID>', '</ID>')[0] ?? '');
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}

describe('FO authentication', () => {
  it('refuses a call without credentials with Bad Login/Password', async () => {
    const sim = await start({ generate: { hosts: 5 } });

    const res = await fetch(`${sim.url}${HLD}?action=list`, {
      headers: { 'X-Requested-With': 'tests' },
    });

    expect(res.status).toBe(401);
    const body = await res.text();
    expect(body).toContain('<CODE>2000</CODE>');
    expect(body).toContain('<TEXT>Bad Login/Password</TEXT>');
  });

  it('refuses a wrong password the same way', async () => {
    const sim = await start({ generate: { hosts: 5 } });
    const wrong = `Basic ${Buffer.from('qualys:nope').toString('base64')}`;

    const res = await fetch(`${sim.url}${HLD}?action=list`, {
      headers: { Authorization: wrong, 'X-Requested-With': 'tests' },
    });

    expect(res.status).toBe(401);
  });

  it('refuses a call without X-Requested-With', async () => {
    const sim = await start({ generate: { hosts: 5 } });

    const res = await fetch(`${sim.url}${HLD}?action=list`, { headers: { Authorization: AUTH } });

    expect(res.status).toBe(400);
    expect(await res.text()).toContain('X-Requested-With');
  });

  it('answers an expired account with HTTP 200 and CODE 2001', async () => {
    const sim = await start({ generate: { hosts: 5 } });
    const expired = `Basic ${Buffer.from('expired:expired').toString('base64')}`;

    const res = await fetch(`${sim.url}${HLD}?action=list`, {
      headers: { Authorization: expired, 'X-Requested-With': 'tests' },
    });

    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<CODE>2001</CODE>');
    expect(body).toContain('<TEXT>This account has expired.</TEXT>');
  });

  it('refuses a missing action with 1903 and an invalid ids value with 1905', async () => {
    const sim = await start({ generate: { hosts: 5 } });

    const missing = await fetch(`${sim.url}${HLD}`, { headers: HEADERS });
    const invalid = await post(`${sim.url}${HLD}`, { action: 'list', ids: 'abc123' });

    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('<CODE>1903</CODE>');
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain(
      'parameter ids has invalid value: abc123 (neither a positive integer nor a range: abc123)',
    );
  });
});

describe('recorded mode', () => {
  it('serves the HLD sample holding the asked host id byte for byte', async () => {
    const sim = await start({ recordedDir: SAMPLES });
    const file = readFileSync(
      join(SAMPLES, 'hld/j1-fixture-hld-doc-sample-3-detections-no-unique-vuln-id.xml'),
    );

    const res = await post(`${sim.url}${HLD}`, { action: 'list', ids: '6506432' });

    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(file)).toBe(true);
  });

  it('prefers the answer without a truncation WARNING when two files hold the host', async () => {
    const sim = await start({ recordedDir: SAMPLES });
    const mock = readFileSync(
      join(SAMPLES, 'hld/elastic-mock-hld-qds-factors-cisa-trending-mitigation.xml'),
    );

    const res = await fetch(`${sim.url}${HLD}?action=list&ids=12048633`, { headers: HEADERS });

    expect(Buffer.from(await res.arrayBuffer()).equals(mock)).toBe(true);
  });

  it('answers an unknown host id with the recorded no-match file', async () => {
    const sim = await start({ recordedDir: SAMPLES });

    const res = await post(`${sim.url}${HLD}`, { action: 'list', ids: '42' });
    const body = await res.text();

    expect(body).toContain('<DATETIME>2020-09-27T01:29:21Z</DATETIME>');
    expect(body).not.toContain('<HOST_LIST>');
  });

  it('serves the KB sample of a QID and the QVS sample of a CVE', async () => {
    const sim = await start({ recordedDir: SAMPLES });

    const kb = await post(`${sim.url}/api/2.0/fo/knowledge_base/vuln/`, {
      action: 'list',
      ids: '316760',
    });
    const qvs = await post(`${sim.url}/api/2.0/fo/knowledge_base/qvs/`, {
      action: 'list',
      details: 'All',
      cve: 'CVE-2021-36798',
    });

    const kbFile = readFileSync(join(SAMPLES, 'kb/j1-kb-qid-316760-cisco.xml'));
    expect(Buffer.from(await kb.arrayBuffer()).equals(kbFile)).toBe(true);
    const qvsBody = (await qvs.json()) as Record<string, { base: { qvs: string } }>;
    expect(qvsBody['CVE-2021-36798']?.base.qvs).toBe('78');
  });

  it('serves the ID_SET sample for details=None', async () => {
    const sim = await start({ recordedDir: SAMPLES });

    const res = await fetch(`${sim.url}/api/2.0/fo/asset/host/?action=list&details=None`, {
      headers: HEADERS,
    });

    expect(await res.text()).toContain('<ID>107800671</ID>');
  });

  it('replays the recorded scan launch and lists that scan', async () => {
    const sim = await start({ recordedDir: SAMPLES, scanTimings: { finishedAfterMs: 3_600_000 } });

    const launch = await post(`${sim.url}/api/2.0/fo/scan/`, {
      action: 'launch',
      scan_title: 'rescan',
      ip: '10.0.0.1',
      option_id: '1',
    });
    const launchBody = await launch.text();
    const list = await fetch(
      `${sim.url}/api/2.0/fo/scan/?action=list&scan_ref=scan/1701237133.81259`,
      { headers: HEADERS },
    );

    expect(launchBody).toContain('<VALUE>1781123</VALUE>');
    const listBody = await list.text();
    expect(listBody).toContain('<REF>scan/1701237133.81259</REF>');
    expect(listBody).toContain('<STATE>Submitted</STATE>');
  });
});

describe('data swaps', () => {
  it('serves another recorded folder after useRecorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qualys-recorded-'));
    mkdirSync(join(dir, 'kb'));
    const body =
      '<KNOWLEDGE_BASE_VULN_LIST_OUTPUT><RESPONSE><DATETIME>2021-01-01T00:00:00Z</DATETIME>' +
      '<VULN_LIST><VULN><QID>777</QID></VULN></VULN_LIST></RESPONSE></KNOWLEDGE_BASE_VULN_LIST_OUTPUT>';
    writeFileSync(join(dir, 'kb', 'one.xml'), body);
    const sim = await start({ generate: { hosts: 5 } });

    sim.useRecorded(dir);
    const res = await post(`${sim.url}/api/2.0/fo/knowledge_base/vuln/`, {
      action: 'list',
      ids: '777',
    });
    rmSync(dir, { recursive: true });

    expect(sim.estate).toBeUndefined();
    expect(await res.text()).toBe(body);
  });
});

describe('generated compliance', () => {
  it('pages posture info by posture id with a glossary of the hosts and controls on the page', async () => {
    const sim = await start({ generate: { hosts: 12, policies: 1, controlsPerPolicy: 4 } });
    const policyId = sim.estate!.policies()[0]!.id;
    const first = await (
      await post(`${sim.url}/api/2.0/fo/compliance/posture/info/`, {
        action: 'list',
        policy_id: String(policyId),
        truncation_limit: '6',
      })
    ).text();
    const next = between(first, '<URL><![CDATA[', ']]></URL>')[0]!;
    const second = await (await fetch(next, { headers: HEADERS })).text();

    const firstIds = between(
      between(first, '<INFO_LIST>', '</INFO_LIST>')[0]!,
      '<INFO>\n        <ID>',
      '</ID>',
    );
    const secondIds = between(second, '<INFO>\n        <ID>', '</ID>');
    expect(firstIds).toHaveLength(6);
    expect(new URL(next).searchParams.get('id_min')).toBe(secondIds[0]);
    expect(new URL(next).searchParams.get('policy_id')).toBe(String(policyId));
    expect(first.indexOf('<WARNING>')).toBeLessThan(first.indexOf('<GLOSSARY>'));
    const glossaryHosts = between(
      between(first, '<GLOSSARY>', '</GLOSSARY>')[0]!,
      '<HOST>\n          <ID>',
      '</ID>',
    );
    const pageHosts = [...new Set(between(first, '<HOST_ID>', '</HOST_ID>'))];
    expect(glossaryHosts).toEqual(pageHosts);
    expect(XMLValidator.validate(first)).toBe(true);
  });

  it('exports a policy with its sections and refuses an unknown id with 1905', async () => {
    const sim = await start({ generate: { hosts: 5, policies: 2, controlsPerPolicy: 6 } });
    const policy = sim.estate!.policies()[1]!;

    const exported = await (
      await post(`${sim.url}/api/2.0/fo/compliance/policy/`, {
        action: 'export',
        id: String(policy.id),
      })
    ).text();
    const unknown = await post(`${sim.url}/api/2.0/fo/compliance/policy/`, {
      action: 'export',
      id: '1',
    });

    expect(between(exported, '<SECTION>', '</SECTION>')).toHaveLength(policy.sections.length);
    expect(exported).toContain(`<ID>${policy.id}</ID>`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('<CODE>1905</CODE>');
  });
});

describe('generated Host List Detection', () => {
  it('pages through 3+ pages with WARNING URLs that repeat the parameters', async () => {
    const sim = await start({ generate: { hosts: 23, detectionsPerHost: 3, qids: 200 } });
    const seen: string[] = [];
    let url: string | undefined = `${sim.url}${HLD}?action=list&truncation_limit=5&show_qds=1`;
    let pages = 0;

    while (url) {
      const body = await (await fetch(url, { headers: HEADERS })).text();
      expect(XMLValidator.validate(body)).toBe(true);
      const ids = hostIds(body);
      if (pages > 0) {
        expect(new URL(url).searchParams.get('id_min')).toBe(ids[0]);
      }
      seen.push(...ids);
      url = between(body, '<URL><![CDATA[', ']]></URL>')[0];
      if (url) {
        const next = new URL(url);
        expect(`${next.origin}${next.pathname}`).toBe(`${sim.url}${HLD}`);
        expect(next.searchParams.get('action')).toBe('list');
        expect(next.searchParams.get('truncation_limit')).toBe('5');
        expect(next.searchParams.get('show_qds')).toBe('1');
        expect(ids).toHaveLength(5);
      }
      pages += 1;
    }

    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => a - b));
  });

  it('writes a foreign host into WARNING URLs when configured', async () => {
    const sim = await start({
      generate: { hosts: 10, detectionsPerHost: 2 },
      nextPageBaseUrl: 'http://qualys_vmdr:8090',
    });

    const body = await (
      await fetch(`${sim.url}${HLD}?action=list&truncation_limit=2`, { headers: HEADERS })
    ).text();

    expect(between(body, '<URL><![CDATA[', ']]></URL>')[0]).toMatch(
      /^http:\/\/qualys_vmdr:8090\/api\/2\.0\/fo\/asset\/host\/vm\/detection\/\?action=list&truncation_limit=2&id_min=\d+$/,
    );
  });

  it('omits Fixed detections unless status asks for them', async () => {
    const sim = await start({ generate: { hosts: 3, detectionsPerHost: 4 } });
    const estate = sim.estate!;
    const hostId = estate.hostIds()[0]!;
    const qid = estate.detections(0).find(d => d.type !== 'Info')!.qid;
    estate.updateDetection(hostId, qid, { status: 'Fixed' });

    const byDefault = await (
      await post(`${sim.url}${HLD}`, { action: 'list', ids: String(hostId) })
    ).text();
    const withFixed = await (
      await post(`${sim.url}${HLD}`, {
        action: 'list',
        ids: String(hostId),
        status: 'New,Active,Fixed,Re-Opened',
      })
    ).text();

    expect(between(byDefault, '<QID>', '</QID>')).not.toContain(String(qid));
    const fixed = between(withFixed, '<DETECTION>', '</DETECTION>').find(d =>
      d.includes(`<QID>${qid}</QID>`),
    );
    expect(fixed).toContain('<STATUS>Fixed</STATUS>');
  });

  it('returns only what changed after the estate clock moved (detection_updated_since)', async () => {
    const sim = await start({ generate: { hosts: 20, detectionsPerHost: 5 } });
    const estate = sim.estate!;
    const since = new Date(estate.advanceTime(3600)).toISOString().replace('.000', '');
    const hostId = estate.hostIds()[7]!;
    const qid = estate.detections(7).find(d => d.type !== 'Info')!.qid;
    estate.updateDetection(hostId, qid, { status: 'Re-Opened' });

    const body = await (
      await post(`${sim.url}${HLD}`, { action: 'list', detection_updated_since: since })
    ).text();

    expect(hostIds(body)).toEqual([String(hostId)]);
    expect(between(body, '<QID>', '</QID>')).toEqual([String(qid)]);
    expect(body).toContain(`<LAST_UPDATE_DATETIME>${since}</LAST_UPDATE_DATETIME>`);
  });
});

describe('limits', () => {
  it('answers a third concurrent call with 409 CODE 1960 when the limit is 2', async () => {
    const sim = await start({
      generate: { hosts: 5 },
      limits: { perApi: { 'host-detection': { concurrency: 2 } } },
    });
    sim.faults.inject({ api: 'host-detection', kind: 'slowFirstByte', delayMs: 60_000, times: 2 });
    const aborts = [new AbortController(), new AbortController()];
    const slow = aborts.map(a =>
      fetch(`${sim.url}${HLD}?action=list`, { headers: HEADERS, signal: a.signal }).catch(
        () => undefined,
      ),
    );
    await waitFor(() => sim.stats.api('host-detection').running === 2);

    const third = await fetch(`${sim.url}${HLD}?action=list`, { headers: HEADERS });
    const body = await third.text();
    aborts.forEach(a => a.abort());
    await Promise.all(slow);

    expect(third.status).toBe(409);
    expect(body).toContain('<CODE>1960</CODE>');
    expect(body).toContain('<KEY>CALLS_TO_FINISH</KEY>');
    expect(third.headers.get('x-concurrency-limit-limit')).toBe('2');
    expect(sim.stats.api('host-detection').maxConcurrent).toBe(2);
    expect(sim.stats.api('host-detection').conflicts['1960']).toBe(1);
  });

  it('answers 409 CODE 1965 with SECONDS_TO_WAIT once the rate window is used up', async () => {
    const sim = await start({
      generate: { hosts: 5 },
      limits: { perApi: { kb: { rateLimit: 2, windowSec: 3600 } } },
    });
    const kb = `${sim.url}/api/2.0/fo/knowledge_base/vuln/?action=list&ids=10000-10100`;

    const first = await fetch(kb, { headers: HEADERS });
    await first.text();
    const second = await fetch(kb, { headers: HEADERS });
    await second.text();
    const third = await fetch(kb, { headers: HEADERS });
    const body = await third.text();

    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(third.status).toBe(409);
    expect(body).toContain('<CODE>1965</CODE>');
    expect(body).toMatch(
      /<TEXT>This API cannot be run again for another \d+ hours?, \d+ minutes? and \d+ seconds?\.<\/TEXT>/,
    );
    const wait = Number(
      between(body, '<KEY>SECONDS_TO_WAIT</KEY>\n        <VALUE>', '</VALUE>')[0],
    );
    expect(wait).toBeGreaterThan(3500);
    expect(wait).toBeLessThanOrEqual(3600);
    expect(Number(third.headers.get('x-ratelimit-towait-sec'))).toBeGreaterThan(0);
    expect(sim.stats.conflictsSent()).toBe(1);
  });

  it('sends the limit headers on every FO answer', async () => {
    const sim = await start({ generate: { hosts: 5 } });

    const res = await fetch(`${sim.url}/api/2.0/fo/asset/host/?action=list`, { headers: HEADERS });
    await res.text();

    expect(res.headers.get('x-ratelimit-limit')).toBe('300');
    expect(res.headers.get('x-ratelimit-window-sec')).toBe('3600');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('299');
    expect(res.headers.get('x-ratelimit-towait-sec')).toBe('0');
    expect(res.headers.get('x-concurrency-limit-limit')).toBe('2');
    expect(res.headers.get('x-concurrency-limit-running')).toBe('1');
  });
});

describe('fault modes', () => {
  const url = (sim: Simulator): string => `${sim.url}${HLD}?action=list`;

  it('injects a 409 1965 on the next call only', async () => {
    const sim = await start({ generate: { hosts: 5 } });
    sim.faults.inject({ api: 'host-detection', kind: 'conflict', code: '1965', secondsToWait: 90 });

    const first = await fetch(url(sim), { headers: HEADERS });
    const firstBody = await first.text();
    const second = await fetch(url(sim), { headers: HEADERS });
    await second.text();

    expect(first.status).toBe(409);
    expect(firstBody).toContain('<VALUE>90</VALUE>');
    expect(firstBody).toContain('another 0 hours, 1 minute and 30 seconds.');
    expect(second.status).toBe(200);
  });

  it('cuts the body off mid-document', async () => {
    const sim = await start({ generate: { hosts: 5 } });
    sim.faults.inject({ kind: 'cutOff', afterBytes: 300 });

    const res = await fetch(url(sim), { headers: HEADERS });

    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('holds the first byte back while the call counts as running', async () => {
    const sim = await start({ generate: { hosts: 5 } });
    sim.faults.inject({ kind: 'slowFirstByte', delayMs: 200 });
    let settled = false;

    const pending = fetch(url(sim), { headers: HEADERS }).then(res => {
      settled = true;
      return res;
    });
    await waitFor(() => sim.stats.api('host-detection').running === 1);
    const settledWhileRunning = settled;
    const res = await pending;

    expect(settledWhileRunning).toBe(false);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<HOST_LIST>');
  });

  it('answers HTTP 200 carrying an error code', async () => {
    const sim = await start({ generate: { hosts: 5 } });
    sim.faults.inject({ kind: 'errorCode', code: '1999', text: 'Temporary failure' });

    const res = await fetch(url(sim), { headers: HEADERS });
    const body = await res.text();

    expect(res.status).toBe(200);
    expect(body).toContain('<CODE>1999</CODE>');
    expect(body).toContain('<TEXT>Temporary failure</TEXT>');
  });

  it('writes one malformed DETECTION with QID abc', async () => {
    const sim = await start({ generate: { hosts: 5, detectionsPerHost: 3 } });
    sim.faults.inject({ kind: 'malformedRecord' });

    const body = await (await fetch(url(sim), { headers: HEADERS })).text();

    expect(between(body, '<QID>', '</QID>').filter(q => q === 'abc')).toHaveLength(1);
    expect(XMLValidator.validate(body)).toBe(true);
  });

  it('answers an empty body', async () => {
    const sim = await start({ generate: { hosts: 5 } });
    sim.faults.inject({ kind: 'empty' });

    const res = await fetch(url(sim), { headers: HEADERS });

    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('answers a 5xx for as many calls as asked', async () => {
    const sim = await start({ generate: { hosts: 5 } });
    sim.faults.inject({ kind: 'serverError', status: 502, times: 2 });

    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await fetch(url(sim), { headers: HEADERS });
      await res.text();
      statuses.push(res.status);
    }

    expect(statuses).toEqual([502, 502, 200]);
    expect(sim.faults.pending()).toBe(0);
  });
});

describe('PCRS', () => {
  async function token(sim: Simulator, password = 'qualys'): Promise<Response> {
    return await fetch(`${sim.pcrsUrl}/auth`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'qualys', password, token: 'true' }).toString(),
    });
  }

  it('issues a token and serves policy list, host ids and posture info', async () => {
    const sim = await start({ generate: { hosts: 10, policies: 2, controlsPerPolicy: 3 } });
    const jwt = await (await token(sim)).text();
    const bearer = { Authorization: `Bearer ${jwt}` };
    const policyId = String(sim.estate!.policies()[0]!.id);

    const list = (await (
      await fetch(`${sim.pcrsUrl}/pcrs/1.0/posture/policy/list`, { headers: bearer })
    ).json()) as { policyList: Array<{ id: string }> };
    const hostIds = (await (
      await fetch(`${sim.pcrsUrl}/pcrs/1.0/posture/hostids?policyId=${policyId}`, {
        headers: bearer,
      })
    ).json()) as Array<{ policyId: string; hostIds: string[] }>;
    const posture = await fetch(
      `${sim.pcrsUrl}/pcrs/1.0/posture/postureInfo?evidenceRequired=1&compressionRequired=1`,
      {
        method: 'POST',
        headers: { ...bearer, 'Content-Type': 'application/json' },
        body: JSON.stringify(hostIds),
      },
    );
    const records = (await posture.json()) as Array<{
      policyId: number;
      controlId: number;
      evidence: string;
    }>;

    expect(jwt.split('.')).toHaveLength(3);
    expect(list.policyList.map(p => p.id)).toContain(policyId);
    expect(hostIds[0]?.policyId).toBe(policyId);
    expect(posture.headers.get('content-encoding')).toBe('gzip');
    expect(records).toHaveLength((hostIds[0]?.hostIds.length ?? 0) * 3);
    expect(
      records.every(r => r.policyId === Number(policyId) && typeof r.evidence === 'string'),
    ).toBe(true);
  });

  it('answers an unknown policy with 200, an error and no host ids; more than 10 ids with 400', async () => {
    const sim = await start({ generate: { hosts: 5 } });
    const bearer = { Authorization: `Bearer ${await (await token(sim)).text()}` };

    const unknown = await fetch(`${sim.pcrsUrl}/pcrs/1.0/posture/hostids?policyId=1`, {
      headers: bearer,
    });
    const tooMany = await fetch(
      `${sim.pcrsUrl}/pcrs/1.0/posture/hostids?policyId=1,2,3,4,5,6,7,8,9,10,11`,
      { headers: bearer },
    );

    expect(unknown.status).toBe(200);
    const [entry] = (await unknown.json()) as Array<{ hostIds: string[]; error?: string }>;
    expect(entry?.hostIds).toEqual([]);
    expect(entry?.error).toContain('1');
    expect(tooMany.status).toBe(400);
  });

  it('refuses bad credentials and then an expired token with JWT expired', async () => {
    const sim = await start({ generate: { hosts: 5 } });
    const refused = await token(sim, 'wrong');
    const jwt = await (await token(sim)).text();
    const listUrl = `${sim.pcrsUrl}/pcrs/1.0/posture/policy/list`;

    sim.tokens.expireAll();
    const expired = await fetch(listUrl, { headers: { Authorization: `Bearer ${jwt}` } });
    const renewed = await fetch(listUrl, {
      headers: { Authorization: `Bearer ${await (await token(sim)).text()}` },
    });

    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('InvalidCredentialsException');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({
      status: 401,
      error: 'Unauthorized',
      message: 'JWT expired',
    });
    expect(renewed.status).toBe(200);
  });

  it('lets tokens expire by lifetime and limits the call rate with 429', async () => {
    const short = await start({ generate: { hosts: 5 }, pcrs: { tokenLifetimeSec: 0 } });
    const limited = await start({ generate: { hosts: 5 }, pcrs: { rateLimit: 1, port: 0 } });
    const listPath = '/pcrs/1.0/posture/policy/list';

    const expired = await fetch(`${short.pcrsUrl}${listPath}`, {
      headers: { Authorization: `Bearer ${await (await token(short)).text()}` },
    });
    const bearer = { Authorization: `Bearer ${await (await token(limited)).text()}` };
    const first = await fetch(`${limited.pcrsUrl}${listPath}`, { headers: bearer });
    await first.text();
    const second = await fetch(`${limited.pcrsUrl}${listPath}`, { headers: bearer });

    expect(((await expired.json()) as { message: string }).message).toBe('JWT expired');
    expect(limited.pcrsUrl).not.toBe(limited.url);
    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(limited.stats.api('pcrs-policy-list').tooManyRequests).toBe(1);
  });

  it('answers bad 0/1 flags with 404 Invalid input Parameter', async () => {
    const sim = await start({ generate: { hosts: 5 } });
    const bearer = { Authorization: `Bearer ${await (await token(sim)).text()}` };

    const res = await fetch(`${sim.pcrsUrl}/pcrs/1.0/posture/postureInfo?compressionRequired=2`, {
      method: 'POST',
      headers: bearer,
      body: '[]',
    });

    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: 'Invalid input Parameter.' });
  });
});

describe('scans', () => {
  it('moves a launched scan to Finished', async () => {
    const sim = await start({
      generate: { hosts: 5 },
      scanTimings: { finishedAfterMs: 3_600_000 },
    });

    const launch = await (
      await post(`${sim.url}/api/2.0/fo/scan/`, {
        action: 'launch',
        scan_title: 'rescan',
        ip: '10.0.0.1',
        option_title: 'Initial Options',
      })
    ).text();
    const ref = between(launch, '<KEY>REFERENCE</KEY>\n        <VALUE>', '</VALUE>')[0]!;
    const before = await (
      await fetch(`${sim.url}/api/2.0/fo/scan/?action=list&scan_ref=${ref}`, { headers: HEADERS })
    ).text();
    sim.scans.finishAll();
    const after = await (
      await fetch(`${sim.url}/api/2.0/fo/scan/?action=list&scan_ref=${ref}`, { headers: HEADERS })
    ).text();

    expect(launch).toContain('<TEXT>New vm scan launched</TEXT>');
    expect(ref).toMatch(/^scan\/\d+\.\d+$/);
    expect(before).toContain('<STATE>Submitted</STATE>');
    expect(after).toContain('<STATE>Finished</STATE>');
    expect(after).toContain('<PROCESSED>1</PROCESSED>');
  });

  it('refuses a launch without target with 1922', async () => {
    const sim = await start({ generate: { hosts: 5 } });

    const res = await post(`${sim.url}/api/2.0/fo/scan/`, { action: 'launch', option_id: '1' });

    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<CODE>1922</CODE>');
  });
});
