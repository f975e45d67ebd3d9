/**
 * The streaming candidate the HLD benchmark compares with the saxes engine: a splitter that
 * cuts each <HOST>…</HOST> out of the decoded stream and hands it to fast-xml-parser (validated,
 * through the library's parseHostDetectionRecord). The splitter looks for the literal tags
 * only, which the generated pages allow; a production splitter would also have to skip CDATA
 * and comments, which would only make this candidate slower.
 */
import { type HostDetectionRecord, parseHostDetectionRecord } from '@exposure-graph/qualys';

const OPEN = '<HOST>';
const CLOSE = '</HOST>';

export async function* splitHostsWithFastXmlParser(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<HostDetectionRecord, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';

  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });

    let start = pending.indexOf(OPEN);
    while (start >= 0) {
      const end = pending.indexOf(CLOSE, start);
      if (end < 0) break;
      const { host } = await parseHostDetectionRecord(pending.slice(start, end + CLOSE.length));
      yield host;
      pending = pending.slice(end + CLOSE.length);
      start = pending.indexOf(OPEN);
    }

    if (start < 0) pending = pending.slice(Math.max(0, pending.length - OPEN.length));
    else if (start > 0) pending = pending.slice(start);
  }
}
