import { escapeText, isoSeconds } from './xml';

const SIMPLE_RETURN_DTD = 'https://qualysapi.qualys.com/api/2.0/simple_return.dtd';

export interface SimpleReturn {
  datetimeMs: number;
  /** Absent on successes of write-type actions (scan launch). */
  code?: string;
  text: string;
  items?: ReadonlyArray<readonly [string, string]>;
  /** DOCTYPE system id; the launch answer points at its own DTD. */
  dtdUrl?: string;
}

/** A SIMPLE_RETURN document: the error envelope of the FO APIs and the launch answer. */
export function renderSimpleReturn(answer: SimpleReturn): string {
  const items = answer.items?.length
    ? '    <ITEM_LIST>\n' +
      answer.items
        .map(
          ([key, value]) =>
            `      <ITEM>\n        <KEY>${escapeText(key)}</KEY>\n        <VALUE>${escapeText(value)}</VALUE>\n      </ITEM>\n`,
        )
        .join('') +
      '    </ITEM_LIST>\n'
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" ?>\n' +
    `<!DOCTYPE SIMPLE_RETURN SYSTEM "${answer.dtdUrl ?? SIMPLE_RETURN_DTD}">\n` +
    '<SIMPLE_RETURN>\n  <RESPONSE>\n' +
    `    <DATETIME>${isoSeconds(answer.datetimeMs)}</DATETIME>\n` +
    (answer.code === undefined ? '' : `    <CODE>${answer.code}</CODE>\n`) +
    `    <TEXT>${escapeText(answer.text)}</TEXT>\n` +
    items +
    '  </RESPONSE>\n</SIMPLE_RETURN>\n'
  );
}

/** "23 hours, 57 minutes and 54 seconds", the wording of the 1965 answer. */
export function describeWait(seconds: number): string {
  const unit = (count: number, name: string): string => `${count} ${name}${count === 1 ? '' : 's'}`;
  return (
    `${unit(Math.floor(seconds / 3600), 'hour')}, ${unit(Math.floor((seconds % 3600) / 60), 'minute')} ` +
    `and ${unit(seconds % 60, 'second')}`
  );
}

export function rateLimitedAnswer(datetimeMs: number, secondsToWait: number): string {
  return renderSimpleReturn({
    datetimeMs,
    code: '1965',
    text: `This API cannot be run again for another ${describeWait(secondsToWait)}.`,
    items: [['SECONDS_TO_WAIT', String(secondsToWait)]],
  });
}

export function concurrencyLimitedAnswer(datetimeMs: number, callsToFinish: number): string {
  return renderSimpleReturn({
    datetimeMs,
    code: '1960',
    text:
      `This API cannot be run again until ${callsToFinish} currently running ` +
      `instance${callsToFinish === 1 ? ' has' : 's have'} finished.`,
    items: [['CALLS_TO_FINISH', String(callsToFinish)]],
  });
}

/** RESPONSE with DATETIME only: Qualys' "nothing matched" for any list API. */
export function noMatchAnswer(root: string, datetimeMs: number): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" ?>\n' +
    `<!DOCTYPE ${root} SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/${root.toLowerCase()}.dtd">\n` +
    `<${root}>\n  <RESPONSE>\n    <DATETIME>${isoSeconds(datetimeMs)}</DATETIME>\n  </RESPONSE>\n</${root}>\n`
  );
}
