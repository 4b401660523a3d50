/**
 * The claim checks a request names (issue 11, issue 15 item 5): `{ sha256, size, contentType }` anywhere in it (a
 * stored text's `stored`, an artifact's `document`). Pure and free of Node APIs: the API walks a request with it to
 * keep its documents at once (src/audit/stored-texts.ts `keepDocuments`), and the case kernel walks the accepted
 * opening or action with it to keep them durably (workflows/shared/case-documents.ts).
 */
export interface NamedClaimCheck {
  readonly sha256: string;
  readonly size: number;
  readonly contentType: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Lower-case hex SHA-256: the only names the document store knows. */
export function isSha256(value: string): boolean {
  return SHA256.test(value);
}

export function isClaimCheck(node: unknown): node is NamedClaimCheck {
  if (!node || typeof node !== 'object') return false;
  const { sha256, size, contentType } = node as Record<string, unknown>;
  return typeof sha256 === 'string' && isSha256(sha256) && typeof size === 'number' && typeof contentType === 'string';
}

/** The SHA-256 of every document `value` names by its claim check, each once, in the order first named. */
export function namedDocuments(value: unknown): string[] {
  const named = new Set<string>();
  const walk = (node: unknown): void => {
    if (isClaimCheck(node)) named.add(node.sha256);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(value);
  return [...named];
}
