/**
 * What every route of this server does whether or not its own schema says so, written into the OpenAPI document
 * once for all routes (the kernel's, each family's own, and any registered later): errors are RFC 9457
 * problem+json; every /v1 route authenticates (401 with WWW-Authenticate), checks its role (403) and can answer
 * 503 with Retry-After when Temporal or the identity provider is out of reach; a route with input answers 400 for
 * bad input and 422 for a field over its documented maximum (issue 11) and, with a body, 413 for a body too large and 415 for one it cannot read; a 201 carries Location. Each operation gets an
 * operationId when its route names none. `readOnly` is dropped: zod writes it for `.readonly()`, a TypeScript
 * immutability marker, and generated clients leave such fields out of requests (then get 400).
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- OpenAPI documents are plain JSON walked here */
type Json = Record<string, any>;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/Problem';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

const DESCRIPTIONS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created: `Location` names the new resource',
  '204': 'No Content',
  '400': 'Bad Request: the input is invalid (`errors` names each field, `rule` the rule it breaks)',
  '401': 'Unauthorized: no valid bearer token',
  '403': "Forbidden: the token's roles do not allow this action",
  '404': 'Not Found: no such resource, or none the caller stands in a relation to',
  '409': 'Conflict: not possible in the current state',
  '413': 'Content Too Large: the body is over the size this operation reads',
  '415': 'Unsupported Media Type: the body is not of a type this operation reads',
  '422': 'Unprocessable Content: a rule refuses the request, or a field is over its documented maximum (`errors` names the field, `rule` the rule)',
  '500': 'Internal Server Error',
  '503': 'Service Unavailable: nothing was changed; try again after `Retry-After` seconds',
};

const HEADERS: Record<string, Json> = {
  '201': { Location: { description: 'The path of the resource created', schema: { type: 'string' } } },
  '401': { 'WWW-Authenticate': { description: 'The Bearer challenge (RFC 6750)', schema: { type: 'string' } } },
  '503': { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } } },
};

/** The document with the server's conventions written into every operation (a new object; the input is not changed). */
export function describeServerConventions(input: Json): Json {
  const doc = structuredClone(input);
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (operation) describeOperation(path, method, operation);
      if (operation) exampleOnMedia(operation, doc.components?.schemas ?? {});
    }
  }
  dropReadOnly(doc);
  pruneUnusedSchemas(doc);
  return doc;
}

function describeOperation(path: string, method: string, operation: Json) {
  const secured = path.startsWith('/v1/');
  if (secured) operation.security ??= [{ bearerAuth: [] }];
  operation.operationId ??= operationIdOf(method, path);
  const responses: Json = (operation.responses ??= {});
  const hasInput = (operation.parameters ?? []).length > 0 || operation.requestBody !== undefined;
  const implied = [...(hasInput ? ['400', '422'] : []), ...(operation.requestBody ? ['413', '415'] : []), ...(secured ? ['401', '403', '503'] : [])];
  for (const status of implied) responses[status] ??= {};
  for (const [status, response] of Object.entries<Json>(responses)) {
    if (!response.description || response.description === 'Default Response') response.description = DESCRIPTIONS[status] ?? `HTTP ${status}`;
    if (Number(status) >= 400) response.content = { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: PROBLEM_REF } } };
    if (HEADERS[status]) response.headers = { ...HEADERS[status], ...response.headers };
  }
  operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
  // A body read as bytes (a PDF, an image) takes no text example: one route schema's example lands on every type.
  const content: Json | undefined = operation.requestBody?.content;
  for (const [type, media] of Object.entries<Json>(content ?? {})) {
    // The media types may share one object: each binary type gets its own copy, without the example.
    if (!isTextual(type)) content![type] = Object.fromEntries(Object.entries(media).filter(([key]) => key !== 'example' && key !== 'examples'));
  }
}

/** JSON, text/* and +json/+xml media types: what an example written as text stands for. */
function isTextual(mediaType: string): boolean {
  return /^text\/|^application\/(?:[\w.+-]*\+)?(?:json|xml)$/.test(mediaType);
}

/**
 * A request or response body whose schema is a component carries the component's first example on its media type
 * too, where clients and documentation viewers look for it (and where the linter checks it against the schema).
 */
function exampleOnMedia(operation: Json, schemas: Json) {
  const media = [...Object.values<Json>(operation.requestBody?.content ?? {}), ...Object.values<Json>(operation.responses ?? {}).flatMap((r) => Object.values<Json>(r.content ?? {}))];
  for (const entry of media) {
    const ref: unknown = entry.schema?.$ref;
    const examples: unknown = typeof ref === 'string' ? schemas[ref.replace('#/components/schemas/', '')]?.examples : undefined;
    if (entry.example === undefined && entry.examples === undefined && Array.isArray(examples) && examples.length > 0) entry.example = examples[0];
  }
}

/** `GET /v1/cases/{id}/timeline` -> `getCasesByIdTimeline`: unique, since method and path are. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((segment) => segment && segment !== 'v1')
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? `By-${param[1]}` : segment;
    })
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function dropReadOnly(node: unknown) {
  if (Array.isArray(node)) node.forEach(dropReadOnly);
  else if (node && typeof node === 'object') {
    delete (node as Json).readOnly;
    Object.values(node).forEach(dropReadOnly);
  }
}

/** Drops component schemas nothing refers to (zod's registry writes an input and an output form of each). */
function pruneUnusedSchemas(doc: Json) {
  const schemas: Json = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
          const name = value.slice('#/components/schemas/'.length);
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else visit(value);
      }
    }
  };
  visit(doc.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
}
