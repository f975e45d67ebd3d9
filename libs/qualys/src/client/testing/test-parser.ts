import { QUALYS_ERROR_KINDS, QualysApiError } from '../../errors';
import type { BodyChunks, PageParser, PageTrailer, TruncationWarning } from '../../parsers/page';

export interface TestHost {
  id: string;
}

const HOST = /<HOST>([\s\S]*?)<\/HOST>/g;

/**
 * A deliberately small streaming parser for client tests: yields one record per complete
 * `<HOST>` as chunks arrive, reads the WARNING and SIMPLE_RETURN with regular expressions, and
 * fails like the real parsers do on a body that ends before its root closes.
 */
export async function* parseTestHosts(body: BodyChunks): PageParser<TestHost> {
  const decoder = new TextDecoder();
  let pending = '';
  let seen = '';
  let count = 0;

  for await (const chunk of body) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    pending += text;
    seen += text;

    let consumed = 0;
    for (const match of pending.matchAll(HOST)) {
      count += 1;
      yield { kind: 'record', record: { id: /<ID>(\d+)<\/ID>/.exec(match[1] ?? '')?.[1] ?? '' } };
      consumed = (match.index ?? 0) + match[0].length;
    }
    pending = pending.slice(consumed);
  }

  const code = /<SIMPLE_RETURN>[\s\S]*<CODE>(\d+)<\/CODE>/.exec(seen)?.[1];
  if (code !== undefined) {
    const text = /<TEXT>([^<]*)<\/TEXT>/.exec(seen)?.[1];
    throw new QualysApiError({
      kind: QUALYS_ERROR_KINDS.api,
      message: `Qualys answered code ${code}`,
      apiCode: code,
      apiText: text,
    });
  }
  if (!seen.includes('</HOST_LIST_VM_DETECTION_OUTPUT>')) {
    throw new QualysApiError({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
      message: 'Body ended before the root element </HOST_LIST_VM_DETECTION_OUTPUT> closed',
    });
  }

  const trailer: PageTrailer = {
    responseDatetime: null,
    warning: readWarning(seen),
    recordCount: count,
    unknownElements: {},
  };
  return trailer;
}

function readWarning(text: string): TruncationWarning | null {
  const block = /<WARNING>([\s\S]*?)<\/WARNING>/.exec(text)?.[1];
  if (block === undefined) {
    return null;
  }
  return {
    code: /<CODE>([^<]*)<\/CODE>/.exec(block)?.[1] ?? null,
    text: /<TEXT>([^<]*)<\/TEXT>/.exec(block)?.[1] ?? null,
    url: /<URL><!\[CDATA\[([\s\S]*?)\]\]><\/URL>/.exec(block)?.[1] ?? null,
  };
}

/** A clock whose sleeps return at once and move time forward by what was asked. */
export function manualClock(start = Date.UTC(2024, 2, 8, 20, 15, 41)) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number): Promise<void> => {
      sleeps.push(ms);
      now += ms;
      await Promise.resolve();
    },
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
  };
}
