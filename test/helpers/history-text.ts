/**
 * Issue 15: everything a reader of a history's JSON could see: the JSON itself and every string in it read back from
 * base64 (payload data and metadata), for the tests that grep a raw history for personal fields in clear.
 */
export function readableText(json: string): string {
  const texts: string[] = [json];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') texts.push(Buffer.from(value, 'base64').toString('utf8'));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(JSON.parse(json));
  return texts.join('\n');
}
