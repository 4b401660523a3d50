import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** An operation of the document with the path template it is declared under. */
export interface DocumentedOperation {
  readonly method: (typeof METHODS)[number];
  readonly path: string;
  readonly operation: Json;
}

export function operationsOf(doc: Json): DocumentedOperation[] {
  return Object.entries<Json>(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => ({ method, path, operation: item[method] as Json })));
}

/** The operation a request reaches: static segments win over parameters, as the router's do. */
export function operationFor(doc: Json, method: string, url: string): DocumentedOperation | undefined {
  const segments = url.split('?')[0]!.split('/');
  const candidates = operationsOf(doc).filter((o) => {
    if (o.method !== method.toLowerCase()) return false;
    const template = o.path.split('/');
    return template.length === segments.length && template.every((t, i) => /^\{.+\}$/.test(t) || t === segments[i]);
  });
  const staticCount = (o: DocumentedOperation) => o.path.split('/').filter((t) => !/^\{.+\}$/.test(t)).length;
  return candidates.sort((a, b) => staticCount(b) - staticCount(a))[0];
}

/** Response headers the document must declare when the server sends them. */
const DECLARED_HEADERS = ['location', 'retry-after', 'www-authenticate'];

/**
 * What in a response the OpenAPI document does not declare: its status, its media type, a header it carries.
 * Empty when the response is as documented (or no documented route answers the URL).
 */
export function undeclared(doc: Json, method: string, url: string, response: { statusCode: number; headers: Record<string, unknown>; body?: string }): string[] {
  const found = operationFor(doc, method, url);
  if (!found) return [];
  const where = `${method.toUpperCase()} ${found.path} answered ${response.statusCode}`;
  const declared: Json | undefined = found.operation.responses?.[String(response.statusCode)] ?? found.operation.responses?.default;
  if (!declared) return [`${where}, which the document does not declare (it declares ${Object.keys(found.operation.responses ?? {}).join(', ')})`];
  const problems: string[] = [];
  const contentType = String(response.headers['content-type'] ?? '').split(';')[0]!.trim();
  const mediaTypes = Object.keys(declared.content ?? {});
  if (contentType && response.body !== '' && !mediaTypes.includes(contentType)) problems.push(`${where} as ${contentType}; the document declares ${mediaTypes.join(', ') || 'no body'}`);
  const declaredHeaders = Object.keys(declared.headers ?? {}).map((h) => h.toLowerCase());
  for (const header of DECLARED_HEADERS) {
    if (response.headers[header] !== undefined && !declaredHeaders.includes(header)) problems.push(`${where} with a ${header} header the document does not declare`);
  }
  return problems;
}

/**
 * Makes every `inject` of the app check its answer against the app's own OpenAPI document: a response the document
 * does not describe fails the test that drove it, naming what differs. So each API test also checks the document.
 */
export function checkResponsesAgainstDocument(app: FastifyInstance): FastifyInstance {
  const inject = app.inject.bind(app) as (...args: any[]) => any;
  let doc: Json | undefined;
  const check = (options: any) => async (response: LightMyRequestResponse) => {
    doc ??= app.swagger() as Json;
    const method = typeof options === 'string' ? 'GET' : (options.method ?? 'GET');
    const url = typeof options === 'string' ? options : (options.url ?? options.path);
    const problems = undeclared(doc, method, String(url), { statusCode: response.statusCode, headers: response.headers, body: response.body });
    if (problems.length > 0) throw new Error(`The response is not as the OpenAPI document says: ${problems.join('; ')}`);
    return response;
  };
  (app as any).inject = (options?: any, callback?: any) => {
    if (options === undefined || callback !== undefined || (typeof options === 'object' && typeof options.url !== 'string' && typeof options.path !== 'string')) return inject(options, callback);
    return (inject(options) as Promise<LightMyRequestResponse>).then(check(options));
  };
  return app;
}
