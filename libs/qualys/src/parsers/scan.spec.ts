import { describe, expect, it } from '@jest/globals';

import { collectPage, textChunks } from './sample-files';
import { parseScanListPage } from './scan';

describe('parseScanListPage', () => {
  it('reads each SCAN with its state, duration and targets', async () => {
    const { records, rejections } = await collectPage(
      parseScanListPage(
        textChunks(`<!DOCTYPE SCAN_LIST_OUTPUT SYSTEM "https://x/scan_list_output.dtd">
<SCAN_LIST_OUTPUT><RESPONSE><DATETIME>2023-11-29T09:00:00Z</DATETIME><SCAN_LIST>
  <SCAN><REF>scan/1701237133.81259</REF><TYPE>API</TYPE><TITLE><![CDATA[Rescan web01]]></TITLE>
    <USER_LOGIN>user_x</USER_LOGIN><LAUNCH_DATETIME>2023-11-29T08:38:54Z</LAUNCH_DATETIME>
    <DURATION>00:12:05</DURATION><PROCESSING_PRIORITY>0 - No Priority</PROCESSING_PRIORITY>
    <PROCESSED>1</PROCESSED><STATUS><STATE>Finished</STATE></STATUS>
    <TARGET><![CDATA[10.0.0.1-10.0.0.3]]></TARGET>
    <OPTION_PROFILE><TITLE><![CDATA[Initial Options]]></TITLE></OPTION_PROFILE></SCAN>
  <SCAN><REF>scan/1701237200.1</REF><DURATION>Pending</DURATION>
    <STATUS><STATE>Running</STATE><SUB_STATE>Scanning</SUB_STATE></STATUS></SCAN>
  <SCAN><TITLE>no ref</TITLE></SCAN>
</SCAN_LIST></RESPONSE></SCAN_LIST_OUTPUT>`),
      ),
    );

    expect(records[0]).toMatchObject({
      ref: 'scan/1701237133.81259',
      type: 'API',
      title: 'Rescan web01',
      launchDatetime: new Date('2023-11-29T08:38:54Z'),
      duration: '00:12:05',
      durationSeconds: 725,
      processed: true,
      state: 'Finished',
      subState: null,
      target: '10.0.0.1-10.0.0.3',
      optionProfileTitle: 'Initial Options',
    });
    expect(records[1]).toMatchObject({
      durationSeconds: null,
      state: 'Running',
      subState: 'Scanning',
    });
    expect(rejections).toEqual([
      { index: 2, id: null, element: 'SCAN/REF', value: null, reason: 'SCAN has no REF' },
    ]);
  });
});
