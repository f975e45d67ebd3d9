import { cdataElement, isoSeconds, xmlDeclaration } from './render/xml';

/** How long a launched scan stays in each state, in wall-clock milliseconds since launch. */
export interface ScanTimings {
  /** Submitted until then, Running after. Default 200. */
  runningAfterMs: number;
  /** Finished (and processed) from then on. Default 1000. */
  finishedAfterMs: number;
}

export type ScanState = 'Submitted' | 'Running' | 'Finished';

export interface ScanEntry {
  id: number;
  ref: string;
  title: string;
  target: string;
  userLogin: string;
  optionTitle: string;
  launchedMs: number;
  finishedForced: boolean;
}

/** Scans launched through the simulator, and the state each one has reached. */
export class ScanRegistry {
  private readonly scans: ScanEntry[] = [];
  private nextId = 1_781_123;

  constructor(
    private readonly timings: ScanTimings,
    private readonly clock: () => number = Date.now,
  ) {}

  launch(request: Omit<ScanEntry, 'id' | 'ref' | 'launchedMs' | 'finishedForced'>): ScanEntry {
    const launchedMs = this.clock();
    const id = this.nextId;
    this.nextId += 1;
    const entry: ScanEntry = {
      ...request,
      id,
      ref: `scan/${Math.floor(launchedMs / 1000)}.${id % 100_000}`,
      launchedMs,
      finishedForced: false,
    };
    this.scans.push(entry);
    return entry;
  }

  /** Records a scan whose launch answer came from a recorded file. */
  register(entry: Omit<ScanEntry, 'launchedMs' | 'finishedForced'>): void {
    this.scans.push({ ...entry, launchedMs: this.clock(), finishedForced: false });
  }

  state(entry: ScanEntry): ScanState {
    const elapsed = this.clock() - entry.launchedMs;
    if (entry.finishedForced || elapsed >= this.timings.finishedAfterMs) {
      return 'Finished';
    }
    return elapsed >= this.timings.runningAfterMs ? 'Running' : 'Submitted';
  }

  /** Every scan becomes Finished now (tests that do not want to wait). */
  finishAll(): void {
    for (const scan of this.scans) {
      scan.finishedForced = true;
    }
  }

  find(refs: readonly string[] | undefined): ScanEntry[] {
    return refs ? this.scans.filter(scan => refs.includes(scan.ref)) : [...this.scans];
  }

  renderList(entries: readonly ScanEntry[]): string {
    const now = this.clock();
    const scans = entries
      .map(scan => {
        const state = this.state(scan);
        const finished = state === 'Finished';
        const seconds = Math.max(
          0,
          Math.round(Math.min(now - scan.launchedMs, this.timings.finishedAfterMs) / 1000),
        );
        const duration = finished
          ? new Date(seconds * 1000).toISOString().slice(11, 19)
          : 'Pending';
        const S = '        ';
        return (
          `      <SCAN>\n${S}<REF>${scan.ref}</REF>\n${S}<TYPE>API</TYPE>\n${S}${cdataElement('TITLE', scan.title)}\n` +
          `${S}<USER_LOGIN>${scan.userLogin}</USER_LOGIN>\n${S}<LAUNCH_DATETIME>${isoSeconds(scan.launchedMs)}</LAUNCH_DATETIME>\n` +
          `${S}<DURATION>${duration}</DURATION>\n${S}<PROCESSING_PRIORITY>0 - No Priority</PROCESSING_PRIORITY>\n` +
          `${S}<PROCESSED>${finished ? 1 : 0}</PROCESSED>\n${S}<STATUS>\n${S}  <STATE>${state}</STATE>\n${S}</STATUS>\n` +
          `${S}${cdataElement('TARGET', scan.target)}\n${S}<OPTION_PROFILE>\n${S}  ${cdataElement('TITLE', scan.optionTitle)}\n` +
          `${S}</OPTION_PROFILE>\n      </SCAN>\n`
        );
      })
      .join('');
    return (
      xmlDeclaration(
        'SCAN_LIST_OUTPUT',
        'https://qualysapi.qualys.com/api/2.0/fo/scan/scan_list_output.dtd',
      ) +
      `<SCAN_LIST_OUTPUT>\n  <RESPONSE>\n    <DATETIME>${isoSeconds(now)}</DATETIME>\n` +
      (scans === '' ? '' : `    <SCAN_LIST>\n${scans}    </SCAN_LIST>\n`) +
      '  </RESPONSE>\n</SCAN_LIST_OUTPUT>\n'
    );
  }
}
