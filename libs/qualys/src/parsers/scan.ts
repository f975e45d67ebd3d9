import { type ScanLaunchResult, type ScanRecord } from '../records/scan';
import { type ErrorContext, malformed } from '../xml/error-context';
import { type XmlElement } from '../xml/xml-element';
import { date, FieldError, flag, text } from './fields';
import { type BodyChunks, type PageParser } from './page';
import { type DocumentParseOptions, parseSimpleReturn, simpleReturnError } from './simple-return';
import { type PageParseOptions, parseXmlPage, type RecordScope } from './xml-page';

/**
 * The answer to `POST /api/2.0/fo/scan/?action=launch`. Success is decided by "no CODE and an
 * ITEM REFERENCE", not by the TEXT wording; a CODE is thrown as its QualysApiError.
 */
export async function parseScanLaunchResponse(
  body: BodyChunks | string,
  options: DocumentParseOptions = {},
): Promise<ScanLaunchResult> {
  const context: ErrorContext = options.context ?? {};
  const answer = await parseSimpleReturn(body, options);
  if (answer.code !== null) throw simpleReturnError(answer, context);

  const reference = answer.items.REFERENCE ?? null;
  if (reference === null) {
    throw malformed(
      context,
      'Scan launch answer has no REFERENCE item',
      'ITEM_LIST/ITEM/REFERENCE',
    );
  }

  return {
    datetime: answer.datetime,
    text: answer.text,
    id: answer.items.ID ?? null,
    reference,
  };
}

/** Scan list page (`/api/2.0/fo/scan/?action=list`): one ScanRecord per SCAN. */
export function parseScanListPage(
  body: BodyChunks,
  options: PageParseOptions = {},
): PageParser<ScanRecord> {
  return parseXmlPage(
    body,
    { roots: ['SCAN_LIST_OUTPUT'], records: [{ path: 'RESPONSE/SCAN_LIST/SCAN', map: mapScan }] },
    options,
  );
}

function mapScan(element: XmlElement, scope: RecordScope): ScanRecord {
  const unknown = scope.unknown.under('SCAN');
  const scan: ScanRecord = {
    ref: '',
    type: null,
    title: null,
    userLogin: null,
    launchDatetime: null,
    duration: null,
    durationSeconds: null,
    processingPriority: null,
    processed: null,
    state: null,
    subState: null,
    target: null,
    optionProfileTitle: null,
    assetGroupTitles: [],
  };

  for (const field of element.children) {
    switch (field.name) {
      case 'REF':
        scan.ref = text(field) ?? '';
        scope.id = scan.ref;
        break;
      case 'TYPE':
        scan.type = text(field);
        break;
      case 'TITLE':
        scan.title = text(field);
        break;
      case 'USER_LOGIN':
        scan.userLogin = text(field);
        break;
      case 'LAUNCH_DATETIME':
        scan.launchDatetime = date(field);
        break;
      case 'DURATION':
        scan.duration = text(field);
        scan.durationSeconds = durationSeconds(scan.duration);
        break;
      case 'PROCESSING_PRIORITY':
        scan.processingPriority = text(field);
        break;
      case 'PROCESSED':
        scan.processed = flag(field);
        break;
      case 'STATUS':
        for (const part of field.children) {
          if (part.name === 'STATE') scan.state = text(part);
          else if (part.name === 'SUB_STATE') scan.subState = text(part);
          else unknown(`STATUS/${part.name}`);
        }
        break;
      case 'TARGET':
        scan.target = text(field);
        break;
      case 'OPTION_PROFILE':
        scan.optionProfileTitle = childText(field, 'TITLE');
        break;
      case 'ASSET_GROUP_TITLE_LIST':
        scan.assetGroupTitles = field.children
          .map(title => text(title))
          .filter((title): title is string => title !== null);
        break;
      default:
        unknown(field.name);
    }
  }

  if (scan.ref === '') throw new FieldError('REF', null, 'SCAN has no REF');
  return scan;
}

function childText(element: XmlElement, name: string): string | null {
  const found = element.children.find(c => c.name === name);
  return found === undefined ? null : text(found);
}

function durationSeconds(value: string | null): number | null {
  const match = value === null ? null : /^(\d+):(\d{2}):(\d{2})$/.exec(value);
  if (match === null) return null;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}
