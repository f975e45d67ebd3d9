import { ParameterError } from '../http/params';
import { renderSimpleReturn } from '../render/simple-return';
import {
  type Answer,
  type FoCall,
  requireAction,
  type SourceContext,
  textAnswer,
  XML_TYPE,
} from './source';

const LAUNCH_DTD = 'https://qualysapi.qualys.com/api/2.0/fo/scan/dtd/launch_output.dtd';
const TARGET_PARAMS = ['ip', 'asset_groups', 'asset_group_ids', 'target_from', 'fqdn'] as const;

/**
 * Scan launch and scan list. A launch needs a target and an option profile (1903 otherwise);
 * the list shows each scan moving Submitted -> Running -> Finished with wall-clock time.
 * `recordedLaunch` is a recorded launch answer to serve as is (its ID and REFERENCE are
 * registered so that the list finds the scan).
 */
export function answerScan(
  call: FoCall,
  context: SourceContext,
  recordedLaunch?: { body: Buffer; id: number; ref: string },
): Answer {
  const action = requireAction(call);
  const params = call.params;
  if (action === 'list') {
    const refs = params.list('scan_ref');
    return textAnswer(200, XML_TYPE, context.scans.renderList(context.scans.find(refs)));
  }
  const target = TARGET_PARAMS.map(name => params.get(name)).find(value => value !== undefined);
  if (target === undefined) {
    throw new ParameterError(
      '1922',
      `Please specify at least one of the following parameters: ${TARGET_PARAMS.join(', ')}`,
    );
  }
  const option = params.get('option_id') ?? params.get('option_title');
  if (option === undefined) {
    throw new ParameterError('1903', 'Missing required parameter(s): option_id or option_title');
  }
  const request = {
    title: params.get('scan_title') ?? 'API scan',
    target,
    userLogin: call.user.username,
    optionTitle: option,
  };
  if (recordedLaunch) {
    context.scans.register({ ...request, id: recordedLaunch.id, ref: recordedLaunch.ref });
    return {
      status: 200,
      contentType: XML_TYPE,
      body: async write => await write(recordedLaunch.body),
    };
  }
  const scan = context.scans.launch(request);
  return textAnswer(
    200,
    XML_TYPE,
    renderSimpleReturn({
      datetimeMs: scan.launchedMs,
      text: 'New vm scan launched',
      items: [
        ['ID', String(scan.id)],
        ['REFERENCE', scan.ref],
      ],
      dtdUrl: LAUNCH_DTD,
    }),
  );
}
