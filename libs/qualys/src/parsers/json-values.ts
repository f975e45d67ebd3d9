/**
 * A JSON scalar as trimmed text: strings and numbers alike (Qualys sends `"qvs": "35"` in one
 * place and numbers in the next), objects as their JSON; empty, `null` and absent → null.
 */
export function jsonText(value: unknown): string | null {
  if (value === null || value === undefined) return null;

  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else text = JSON.stringify(value);

  text = text.trim();
  return text.length === 0 || text === 'null' ? null : text;
}
