import { type IdSetEntry } from '../records/host-list';
import { type XmlElement } from '../xml/xml-element';
import { FieldError, id, text } from './fields';
import { type BodyChunks, type PageParser } from './page';
import { type PageParseOptions, parseXmlPage, type RecordScope } from './xml-page';

/**
 * An ID_SET page (details=None of the host list, the KB, policies, controls): yields one entry
 * per ID or ID_RANGE ("100-200" → first 100, last 200), ids kept as strings.
 */
export function parseIdSetPage(
  body: BodyChunks,
  roots: readonly string[],
  options: PageParseOptions = {},
): PageParser<IdSetEntry> {
  return parseXmlPage(
    body,
    {
      roots,
      records: [
        { path: 'RESPONSE/ID_SET/ID', map: mapId },
        { path: 'RESPONSE/ID_SET/ID_RANGE', map: mapIdRange },
      ],
    },
    options,
  );
}

function mapId(element: XmlElement, scope: RecordScope): IdSetEntry {
  const value = id(element);
  if (value === null) throw new FieldError('', null, 'ID is empty');
  scope.id = value;
  return { first: value, last: value };
}

function mapIdRange(element: XmlElement, scope: RecordScope): IdSetEntry {
  const value = text(element);
  const match = value === null ? null : /^(\d+)\s*-\s*(\d+)$/.exec(value);
  if (match === null) throw new FieldError('', value, 'Not an id range "first-last"');
  scope.id = value;
  return { first: match[1] as string, last: match[2] as string };
}
