import type { ParamEntries } from './params';

/**
 * Parameters of the next page from the truncation WARNING's URL. Only the URL's query counts:
 * its scheme, host and path are whatever the server believes it is called (a mock answers
 * `http://qualys_vmdr:8090`), and the request goes to the configured base URL instead.
 *
 * The URL's parameters win and add to the originals (it carries `id_min`); originals fill what
 * it leaves out (it can omit `truncation_limit` or the POSTed filters). A parameter the URL
 * repeats with the same value is sent once; different values of one name are comma-joined,
 * which is how Qualys spells lists.
 */
export function nextPageParams(original: ParamEntries, warningUrl: string): [string, string][] {
  const fromUrl = new Map<string, string[]>();
  for (const [name, value] of new URL(warningUrl, 'http://next-page.invalid').searchParams) {
    const values = fromUrl.get(name) ?? [];
    if (!values.includes(value)) {
      values.push(value);
    }
    fromUrl.set(name, values);
  }

  const merged: [string, string][] = [];
  const seen = new Set<string>();
  for (const [name, value] of original) {
    if (seen.has(name)) {
      continue;
    }
    seen.add(name);
    merged.push([name, fromUrl.get(name)?.join(',') ?? value]);
  }
  for (const [name, values] of fromUrl) {
    if (!seen.has(name)) {
      merged.push([name, values.join(',')]);
    }
  }
  return merged;
}
