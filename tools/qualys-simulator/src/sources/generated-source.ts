import { API } from '../apis';
import { type Estate } from '../generator/estate';
import { type DetectionStatus } from '../generator/model';
import { ParameterError, type RequestParams } from '../http/params';
import {
  type ControlListQuery,
  type PolicyListQuery,
  type PostureInfoQuery,
  renderControlListPage,
  renderPolicyExport,
  renderPolicyListPage,
  renderPostureInfoPage,
} from '../render/compliance';
import { type HostDetectionQuery, renderHostDetectionPage } from '../render/hld';
import { parseHostMetadata } from '../render/host-fields';
import { type HostListQuery, renderHostListPage } from '../render/host-list';
import { type KnowledgeBaseQuery, renderKnowledgeBasePage } from '../render/kb';
import { pcrsHostIds, renderPcrsPolicyList, renderPcrsPosture } from '../render/pcrs';
import { renderQvs } from '../render/qvs';
import { noMatchAnswer } from '../render/simple-return';
import { type ChunkWrite } from '../render/xml';
import { pcrsHostIdsAnswer, pcrsPostureQuery } from './pcrs-calls';
import { answerScan } from './scan-calls';
import {
  type Answer,
  type DataSource,
  type FoCall,
  gzipHeaders,
  JSON_TYPE,
  oneOf,
  type PcrsCall,
  requireAction,
  type SourceContext,
  textAnswer,
  truncationOf,
  XML_TYPE,
} from './source';

const STATUSES: readonly DetectionStatus[] = ['New', 'Active', 'Fixed', 'Re-Opened'];

function streamed(render: (write: ChunkWrite) => Promise<unknown>, contentType = XML_TYPE): Answer {
  return {
    status: 200,
    contentType,
    body: async write => {
      await render(write);
    },
  };
}

function statuses(params: RequestParams): DetectionStatus[] | undefined {
  const list = params.list('status');
  for (const status of list ?? []) {
    if (!(STATUSES as readonly string[]).includes(status)) {
      throw new ParameterError('1905', `parameter status has invalid value: ${status}`);
    }
  }
  return list as DetectionStatus[] | undefined;
}

export function hostDetectionQuery(call: FoCall, context: SourceContext): HostDetectionQuery {
  const p = call.params;
  const vulnType = p.get('include_vuln_type');
  return {
    ids: p.idRanges('ids'),
    idMin: p.integer('id_min'),
    idMax: p.integer('id_max'),
    statuses: statuses(p),
    qids: p.idRanges('qids'),
    severities: p.idRanges('severities'),
    includeVulnType: vulnType === 'confirmed' || vulnType === 'potential' ? vulnType : undefined,
    showIgs: p.flag('show_igs'),
    showResults: p.get('show_results') !== '0',
    showQds: p.flag('show_qds'),
    showQdsFactors: p.flag('show_qds_factors'),
    qdsMin: p.integer('qds_min'),
    qdsMax: p.integer('qds_max'),
    showTags: p.flag('show_tags'),
    showAssetId: p.flag('show_asset_id'),
    showCloudTags: p.flag('show_cloud_tags'),
    hostMetadata: parseHostMetadata(p.get('host_metadata')),
    includeIgnored: p.flag('include_ignored'),
    includeDisabled: p.flag('include_disabled'),
    detectionUpdatedSince: p.date('detection_updated_since'),
    detectionUpdatedBefore: p.date('detection_updated_before'),
    detectionProcessedAfter: p.date('detection_processed_after'),
    detectionProcessedBefore: p.date('detection_processed_before'),
    vmProcessedAfter: p.date('vm_processed_after'),
    vmProcessedBefore: p.date('vm_processed_before'),
    truncationLimit: truncationOf(call, context),
    nextPageUrl: call.nextPageUrl,
  };
}

/** Answers every API from a generated {@link Estate}, rendering as it streams. */
export class GeneratedSource implements DataSource {
  readonly kind = 'generated';

  constructor(readonly estate: Estate) {}

  answerFo(call: FoCall, context: SourceContext): Promise<Answer> {
    return Promise.resolve(this.answer(call, context));
  }

  answerPcrs(call: PcrsCall): Promise<Answer> {
    return Promise.resolve(this.pcrs(call));
  }

  private pcrs(call: PcrsCall): Answer {
    const estate = this.estate;
    if (call.api === API.pcrsPolicyList) {
      const body = renderPcrsPolicyList(estate, call.params.date('lastEvaluationDate'));
      return body.includes('"policyList":[]')
        ? textAnswer(204, JSON_TYPE, '')
        : textAnswer(200, JSON_TYPE, body);
    }
    if (call.api === API.pcrsHostIds) {
      return pcrsHostIdsAnswer(call, ids =>
        pcrsHostIds(estate, ids, call.params.date('lastScanDate')),
      );
    }
    const query = pcrsPostureQuery(call);
    if ('error' in query) {
      return query.error;
    }
    return {
      status: 200,
      contentType: JSON_TYPE,
      headers: gzipHeaders(query.compress),
      body: async write => {
        await renderPcrsPosture(estate, query, write);
      },
    };
  }

  private answer(call: FoCall, context: SourceContext): Answer {
    const estate = this.estate;
    const p = call.params;
    const action = requireAction(call);
    switch (call.api) {
      case API.hostDetection: {
        const query = hostDetectionQuery(call, context);
        return streamed(write => renderHostDetectionPage(estate, query, write));
      }
      case API.knowledgeBase: {
        const query: KnowledgeBaseQuery = {
          details: oneOf(p, 'details', ['Basic', 'All', 'None'] as const, 'Basic'),
          ids: p.idRanges('ids'),
          idMin: p.integer('id_min'),
          idMax: p.integer('id_max'),
          lastModifiedAfter: p.date('last_modified_after'),
          lastModifiedBefore: p.date('last_modified_before'),
          publishedAfter: p.date('published_after'),
          publishedBefore: p.date('published_before'),
          isPatchable: p.has('is_patchable') ? p.flag('is_patchable') : undefined,
          showPciReasons: p.flag('show_pci_reasons'),
          showSupportedModules: p.flag('show_supported_modules_info'),
          showDisabledFlag: p.flag('show_disabled_flag'),
          showQidChangeLog: p.flag('show_qid_change_log'),
          truncationLimit: truncationOf(call, context),
          nextPageUrl: call.nextPageUrl,
        };
        return streamed(write => renderKnowledgeBasePage(estate, query, write));
      }
      case API.qvs: {
        const cves = p.list('cve');
        if (!cves) {
          throw new ParameterError('1903', 'Missing required parameter(s): cve');
        }
        const body = renderQvs(estate, {
          cves,
          details: oneOf(p, 'details', ['Basic', 'All'] as const, 'Basic'),
          qvsLastModifiedAfter: p.date('qvs_last_modified_after'),
          qvsLastModifiedBefore: p.date('qvs_last_modified_before'),
          qvsMin: p.integer('qvs_min'),
          qvsMax: p.integer('qvs_max'),
          nvdPublishedAfter: p.date('nvd_published_after'),
          nvdPublishedBefore: p.date('nvd_published_before'),
        });
        return textAnswer(200, JSON_TYPE, body);
      }
      case API.hostList: {
        const query: HostListQuery = {
          details: oneOf(
            p,
            'details',
            ['None', 'Basic', 'Basic/AGs', 'All', 'All/AGs'] as const,
            'Basic',
          ),
          ids: p.idRanges('ids'),
          idMin: p.integer('id_min'),
          idMax: p.integer('id_max'),
          vmProcessedAfter: p.date('vm_processed_after'),
          vmProcessedBefore: p.date('vm_processed_before'),
          showTags: p.flag('show_tags'),
          showAssetId: p.flag('show_asset_id'),
          showCloudTags: p.flag('show_cloud_tags'),
          hostMetadata: parseHostMetadata(p.get('host_metadata')),
          truncationLimit: truncationOf(call, context),
          nextPageUrl: call.nextPageUrl,
        };
        return streamed(write => renderHostListPage(estate, query, write));
      }
      case API.policy:
        return action === 'export' ? this.policyExport(call) : this.policyList(call, context);
      case API.control: {
        const query: ControlListQuery = {
          details: oneOf(p, 'details', ['Basic', 'All', 'None'] as const, 'Basic'),
          ids: p.idRanges('ids'),
          idMin: p.integer('id_min'),
          idMax: p.integer('id_max'),
          updatedAfter: p.date('updated_after_datetime'),
          createdAfter: p.date('created_after_datetime'),
          truncationLimit: truncationOf(call, context),
          nextPageUrl: call.nextPageUrl,
        };
        return streamed(write => renderControlListPage(estate, query, write));
      }
      case API.posture:
        return this.postureInfo(call, context);
      case API.scan:
        return answerScan(call, context);
      case API.pcrsAuth:
      case API.pcrsPolicyList:
      case API.pcrsHostIds:
      case API.pcrsPosture:
        throw new ParameterError('1905', `No such API: ${call.pathname}`);
    }
  }

  private policyList(call: FoCall, context: SourceContext): Answer {
    const p = call.params;
    const query: PolicyListQuery = {
      details: oneOf(p, 'details', ['Basic', 'All', 'None'] as const, 'Basic'),
      ids: p.idRanges('ids'),
      idMin: p.integer('id_min'),
      idMax: p.integer('id_max'),
      updatedAfter: p.date('updated_after_datetime'),
      createdAfter: p.date('created_after_datetime'),
      apiVersion: call.version,
      truncationLimit: truncationOf(call, context),
      nextPageUrl: call.nextPageUrl,
    };
    return streamed(write => renderPolicyListPage(this.estate, query, write));
  }

  private policyExport(call: FoCall): Answer {
    const id = call.params.integer('id');
    if (id === undefined) {
      throw new ParameterError('1903', 'Missing required parameter(s): id');
    }
    const policy = this.estate.policyById(id);
    if (!policy) {
      throw new ParameterError('1905', `parameter id has invalid value: ${id}`);
    }
    return textAnswer(
      200,
      XML_TYPE,
      renderPolicyExport(this.estate, policy, {
        showUserControls: call.params.flag('show_user_controls'),
        showAppendix: call.params.flag('show_appendix'),
      }),
    );
  }

  private postureInfo(call: FoCall, context: SourceContext): Answer {
    const p = call.params;
    const policyId = p.integer('policy_id') ?? p.list('policy_ids')?.map(Number)[0];
    if (policyId === undefined || Number.isNaN(policyId)) {
      throw new ParameterError('1903', 'Missing required parameter(s): policy_id');
    }
    const policy = this.estate.policyById(policyId);
    if (!policy) {
      return textAnswer(
        200,
        XML_TYPE,
        noMatchAnswer('POSTURE_INFO_LIST_OUTPUT', this.estate.now()),
      );
    }
    const query: PostureInfoQuery = {
      policy,
      hostIds: p.idRanges('host_ids'),
      idMin: p.integer('id_min'),
      statusChangesSince: p.date('status_changes_since'),
      details: oneOf(p, 'details', ['Basic', 'All', 'None'] as const, 'Basic'),
      hideEvidence: p.flag('hide_evidence'),
      truncationLimit: truncationOf(call, context),
      nextPageUrl: call.nextPageUrl,
    };
    return streamed(write => renderPostureInfoPage(this.estate, query, write));
  }
}
