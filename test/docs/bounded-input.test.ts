import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/docs/openapi-document';

/**
 * Issue 11, bounded input: every string and every array a client may send (request bodies, path and query
 * parameters, headers, of every route of every family) has a documented maximum in the OpenAPI document, so no
 * request can carry an unbounded field into a case. A string needs `maxLength` unless it is an enum, a const, or a
 * date or time format with its pattern (an email or an id with a pattern still needs one); an array needs `maxItems`.
 */
type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema | Schema[];
  prefixItems?: Schema[];
  additionalProperties?: Schema | boolean;
  $ref?: string;
};

interface Operation {
  readonly parameters?: readonly { name: string; in: string; schema?: Schema }[];
  readonly requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Formats whose pattern bounds them: a calendar date, a time, an instant. */
const DATE_FORMATS = ['date', 'time', 'date-time'];

/** Every unbounded string or array under `schema`, as `<where>: <JSON pointer>: <what is missing>`. */
export function unboundedFields(schema: Schema | undefined, at: string, resolve: (ref: string) => Schema | undefined, seen = new Set<Schema>()): string[] {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
  seen.add(schema);
  if (schema.$ref) return unboundedFields(resolve(schema.$ref), at, resolve, seen);
  const found: string[] = [];
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const bounded = (key: string) => typeof schema[key] === 'number';
  if (types.includes('string') && !bounded('maxLength') && schema.enum === undefined && schema.const === undefined && !(DATE_FORMATS.includes(schema.format as string) && schema.pattern)) {
    found.push(`${at}: a string without maxLength`);
  }
  if (types.includes('array') && !bounded('maxItems')) found.push(`${at}: an array without maxItems`);
  for (const [name, property] of Object.entries(schema.properties ?? {})) found.push(...unboundedFields(property, `${at}/${name}`, resolve, seen));
  const items = Array.isArray(schema.items) ? schema.items : schema.items ? [schema.items] : [];
  for (const item of [...items, ...(schema.prefixItems ?? [])]) found.push(...unboundedFields(item, `${at}/*`, resolve, seen));
  if (typeof schema.additionalProperties === 'object') found.push(...unboundedFields(schema.additionalProperties, `${at}/*`, resolve, seen));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) for (const part of (schema[key] as Schema[] | undefined) ?? []) found.push(...unboundedFields(part, at, resolve, new Set(seen)));
  if (schema.not && typeof schema.not === 'object') return found;
  return found;
}

describe('issue 11: every string and array a request may carry has a documented maximum', () => {
  let doc: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
  beforeAll(async () => {
    doc = (await openApiDocument()) as typeof doc;
  }, 60_000);
  const resolve = (ref: string) => doc.components?.schemas?.[ref.replace('#/components/schemas/', '')];
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );

  it('covers the routes of every family (grievances, PAR, TAP, PIP, observation cycles) and the shared ones', () => {
    const paths = Object.keys(doc.paths);
    for (const prefix of ['/v1/grievances', '/v1/par', '/v1/tap', '/v1/pip', '/v1/observations', '/v1/calendars', '/v1/cases', '/v1/documents']) {
      expect(paths.some((p) => p.startsWith(prefix)), prefix).toBe(true);
    }
  });

  it('finds no string without maxLength and no array without maxItems in any request body, path, query or header parameter', () => {
    const unbounded = operations().flatMap(({ route, operation }) => [
      ...(operation.parameters ?? []).flatMap((p) => unboundedFields(p.schema, `${route} ${p.in} ${p.name}`, resolve)),
      ...Object.entries(operation.requestBody?.content ?? {})
        .filter(([type]) => type.includes('json'))
        .flatMap(([type, media]) => unboundedFields(media.schema, `${route} body (${type})`, resolve)),
    ]);
    expect(unbounded).toEqual([]);
  });

  it('tells an unbounded string or array apart from a bounded one, an enum, a const and a date', () => {
    const schema: Schema = {
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 200 },
        email: { type: 'string', format: 'email', pattern: '^[^@]+@[^@]+$' },
        id: { type: 'string', pattern: '^[a-z]{1,64}$', maxLength: 64 },
        kind: { type: 'string', enum: ['a', 'b'] },
        on: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        tags: { type: 'array', items: { type: 'string', maxLength: 10 } },
        notes: { type: 'array', maxItems: 3, items: { type: 'string' } },
        nested: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
    };
    expect(unboundedFields(schema, 'body', () => undefined)).toEqual([
      'body/email: a string without maxLength',
      'body/tags: an array without maxItems',
      'body/notes/*: a string without maxLength',
      'body/nested: a string without maxLength',
    ]);
  });
});
