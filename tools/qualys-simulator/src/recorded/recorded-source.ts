import { API, type ApiKey, XML_ROOTS } from '../apis';
import { type IdRange, ParameterError, type RequestParams } from '../http/params';
import { noMatchAnswer } from '../render/simple-return';
import { pcrsHostIdsAnswer, pcrsPostureQuery } from '../sources/pcrs-calls';
import { answerScan } from '../sources/scan-calls';
import {
  type Answer,
  type DataSource,
  type FoCall,
  gzipHeaders,
  JSON_TYPE,
  type PcrsCall,
  requireAction,
  type SourceContext,
  textAnswer,
  XML_TYPE,
} from '../sources/source';
import {
  loadRecordedCatalog,
  type RecordedCatalog,
  type RecordedFile,
  type RecordedRecord,
} from './catalog';

type RecordFilter = (record: RecordedRecord) => boolean;

const CONTENT_TYPES = { xml: XML_TYPE, json: JSON_TYPE, csv: 'text/csv;charset=UTF-8' } as const;
const DEFAULT_STATUSES = ['New', 'Active', 'Re-Opened'];

function keyRange(key: string): IdRange | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(key);
  if (!match?.[1]) {
    return undefined;
  }
  return { from: Number(match[1]), to: Number(match[2] ?? match[1]) };
}

/** A filter on record keys from `ids` (ranges) and `id_min`/`id_max`, or undefined when none. */
function idFilter(params: RequestParams, idsName: string): RecordFilter | undefined {
  const ids = params.idRanges(idsName);
  const min = params.integer('id_min') ?? 0;
  const max = params.integer('id_max') ?? Number.MAX_SAFE_INTEGER;
  if (!ids && min === 0 && max === Number.MAX_SAFE_INTEGER) {
    return undefined;
  }
  return record => {
    const range = keyRange(record.key);
    if (!range || range.to < min || range.from > max) {
      return false;
    }
    return !ids || ids.some(r => r.from <= range.to && r.to >= range.from);
  };
}

function hostDetectionFilter(params: RequestParams): RecordFilter {
  const byId = idFilter(params, 'ids');
  const qids = params.idRanges('qids');
  const statuses = params.list('status') ?? DEFAULT_STATUSES;
  return record => {
    const detectionStatuses = record.statuses ?? [];
    return (
      (!byId || byId(record)) &&
      (!qids ||
        (record.qids ?? []).some(qid =>
          qids.some(r => Number(qid) >= r.from && Number(qid) <= r.to),
        )) &&
      (detectionStatuses.length === 0 || detectionStatuses.some(s => statuses.includes(s)))
    );
  };
}

function sameParams(
  a: ReadonlyArray<readonly [string, string]>,
  b: ReadonlyArray<readonly [string, string]>,
): boolean {
  const canonical = (entries: ReadonlyArray<readonly [string, string]>): string =>
    entries
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join('&');
  return canonical(a) === canonical(b);
}

/**
 * Picks the recorded file for a call. Rules, in order: a file whose `.meta.json` request has the
 * same parameters (exact replay); else the file with the most records passing the call's filters
 * (ties: without truncation WARNING first, then by name); else undefined ("no match").
 */
export function selectFile(
  files: readonly RecordedFile[],
  params: ReadonlyArray<readonly [string, string]>,
  filter: RecordFilter,
): RecordedFile | undefined {
  const exact = files.filter(f => f.recordedParams && sameParams(f.recordedParams, params));
  if (exact.length > 0) {
    return [...exact].sort((a, b) => b.records.length - a.records.length)[0];
  }
  return files
    .map(file => ({ file, score: file.records.filter(filter).length }))
    .filter(scored => scored.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(a.file.hasWarning) - Number(b.file.hasWarning) ||
        a.file.name.localeCompare(b.file.name),
    )[0]?.file;
}

function fileAnswer(file: RecordedFile): Answer {
  return {
    status: file.recordedStatus ?? 200,
    contentType: file.recordedContentType ?? CONTENT_TYPES[file.format],
    body: async write => await write(file.body),
  };
}

/**
 * Serves a folder of recorded responses as they are (byte for byte), chosen by API and by the
 * ids and filters of the call. See docs/qualys-simulator.md for the matching rules.
 */
export class RecordedSource implements DataSource {
  readonly kind = 'recorded';

  constructor(
    readonly catalog: RecordedCatalog,
    private readonly clock: () => number = Date.now,
  ) {}

  static load(dir: string): RecordedSource {
    return new RecordedSource(loadRecordedCatalog(dir));
  }

  filesOf(api: ApiKey): RecordedFile[] {
    return this.catalog.files.filter(file => file.api === api);
  }

  answerFo(call: FoCall, context: SourceContext): Promise<Answer> {
    return Promise.resolve(this.answer(call, context));
  }

  answerPcrs(call: PcrsCall): Promise<Answer> {
    const files = this.filesOf(call.api);
    if (call.api === API.pcrsPolicyList) {
      const file = files.find(f => f.records.length > 0);
      return Promise.resolve(file ? fileAnswer(file) : textAnswer(204, JSON_TYPE, ''));
    }
    if (call.api === API.pcrsHostIds) {
      // Unknown policies answer 200 with an error per policy, as the service does.
      const unmatched = pcrsHostIdsAnswer(call, ids =>
        ids.map(policyId => ({
          policyId,
          subscriptionId: '',
          hostIds: [],
          error: `Policy ${policyId} does not exist or is not accessible`,
        })),
      );
      const asked = call.params.list('policyId') ?? [];
      const file = selectFile(files, call.params.entries, record => asked.includes(record.key));
      return Promise.resolve(unmatched.status === 200 && file ? fileAnswer(file) : unmatched);
    }
    const query = pcrsPostureQuery(call);
    if ('error' in query) {
      return Promise.resolve(query.error);
    }
    const file = selectFile(files, [], record =>
      query.batches.some(
        b => b.policyId === record.key && (record.hostIds ?? []).some(h => b.hostIds.includes(h)),
      ),
    );
    if (!file) {
      return Promise.resolve(textAnswer(204, JSON_TYPE, ''));
    }
    return Promise.resolve({ ...fileAnswer(file), headers: gzipHeaders(query.compress) });
  }

  private answer(call: FoCall, context: SourceContext): Answer {
    const action = requireAction(call);
    const params = call.params;
    const files = this.filesOf(call.api);
    switch (call.api) {
      case API.hostDetection: {
        const csv = (params.get('output_format') ?? 'XML').startsWith('CSV');
        return this.pick(
          call,
          files.filter(f => (f.format === 'csv') === csv),
          hostDetectionFilter(params),
        );
      }
      case API.hostList:
      case API.knowledgeBase: {
        const none = params.get('details') === 'None';
        const byId = idFilter(params, 'ids') ?? (() => true);
        return this.pick(
          call,
          files.filter(f => f.idSet === none || f.records.length === 0),
          byId,
        );
      }
      case API.policy:
        if (action === 'export') {
          return textAnswer(200, XML_TYPE, noMatchAnswer('POLICY_EXPORT_OUTPUT', this.clock()));
        }
        return this.pick(call, files, idFilter(params, 'ids') ?? (() => true));
      case API.control:
        return this.pick(call, files, idFilter(params, 'ids') ?? (() => true));
      case API.posture:
        return this.pick(call, files, idFilter(params, 'host_ids') ?? (() => true));
      case API.qvs: {
        const cves = params.list('cve');
        if (!cves) {
          throw new ParameterError('1903', 'Missing required parameter(s): cve');
        }
        const file = selectFile(files, params.entries, record => cves.includes(record.key));
        return file ? fileAnswer(file) : textAnswer(200, JSON_TYPE, '{}');
      }
      case API.scan: {
        const launch = files.find(f => f.launch);
        return answerScan(
          call,
          context,
          launch?.launch
            ? { body: launch.body, id: launch.launch.id, ref: launch.launch.ref }
            : undefined,
        );
      }
      case API.pcrsAuth:
      case API.pcrsPolicyList:
      case API.pcrsHostIds:
      case API.pcrsPosture:
        throw new ParameterError('1905', `No recorded answers for ${call.pathname}`);
    }
  }

  /** The selected file, else the folder's own "no match" file, else a synthesized one. */
  private pick(call: FoCall, files: readonly RecordedFile[], filter: RecordFilter): Answer {
    const file = selectFile(files, call.params.entries, filter);
    if (file) {
      return fileAnswer(file);
    }
    const empty = files.find(f => f.records.length === 0 && !f.launch && f.format === 'xml');
    if (empty) {
      return fileAnswer(empty);
    }
    const root = XML_ROOTS[call.api] ?? 'RESPONSE';
    return textAnswer(200, XML_TYPE, noMatchAnswer(root, this.clock()));
  }
}
