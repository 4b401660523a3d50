import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { CaseDestroyedError } from '../../src/audit/case-tombstone';
import type { Problem } from '../schemas/problem';
import { isTemporalUnavailable, RETRY_AFTER_SECONDS } from '../temporal-unavailable';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error a route throws to answer with problem details (and headers such as Retry-After or WWW-Authenticate). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly extra: Partial<Pick<Problem, 'rule' | 'errors' | 'type' | 'deadline' | 'destroyed'>> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** 503 for a service this one depends on and cannot reach now: not the caller's fault, so Retry-After says when to try again. */
export function serviceUnavailable(detail: string, retryAfterSeconds: number): HttpProblem {
  return new HttpProblem(503, detail, {}, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Rule ID a request body's validation enforces (e.g. GRV-CONTENT), named in the problem it answers with; or, for
     * a route whose body says what it is (an action's `type`), the rule of that body.
     */
    validationRule?: string | ((body: unknown) => string | undefined);
  }
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Omit<Problem, 'instance' | 'title' | 'type'> & Partial<Problem>) {
  const body: Problem = {
    type: problem.type ?? 'about:blank',
    title: problem.title ?? TITLES[problem.status] ?? 'Error',
    instance: request.url,
    ...problem,
  };
  return reply.code(problem.status).type('application/problem+json').send(body);
}

/** Every error leaves the API as RFC 9457 problem+json (application/problem+json). */
export const problemDetails = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
      if (error instanceof HttpProblem) {
        reply.headers(error.headers);
        return sendProblem(reply, request, { status: error.status, detail: error.message, ...error.extra });
      }
      // Issue 15 item 5: what a destroyed case kept (a document of it, say) answers 410 with its tombstone's summary, never 500.
      if (error instanceof CaseDestroyedError) {
        return sendProblem(reply, request, { status: 410, detail: `${error.message}.` });
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const rule = validationRuleOf(request);
        const location = error.validationContext;
        // Issue 11: a text or a list past its documented maximum is no malformed request: 422, naming the field.
        const oversized = error.validation.every((v) => v.keyword === 'too_big' && OVERSIZED_ORIGINS.includes(String((v.params as { origin?: unknown }).origin)));
        return sendProblem(reply, request, {
          status: oversized ? 422 : 400,
          detail: `The request ${location ?? 'input'} ${oversized ? 'is over its documented maximum' : 'is invalid'}: ${error.validation.map((v) => `${pointer(v.instancePath)} ${v.message}`).join('; ')}`,
          ...(rule ? { rule } : {}),
          errors: error.validation.map((v) => ({
            ...(location ? { in: location } : {}),
            field: pointer(v.instancePath),
            message: v.message ?? 'is invalid',
            ...(rule && location === 'body' ? { rule } : {}),
          })),
        });
      }
      // Overload and outages are 503 with Retry-After, quickly: the case is untouched and the caller tries again.
      if (isTemporalUnavailable(error)) {
        request.log.warn({ err: error }, 'Temporal did not answer in time');
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        return sendProblem(reply, request, { status: 503, detail: `The case service is unavailable or overloaded: nothing was changed. Try again in ${RETRY_AFTER_SECONDS} seconds.` });
      }
      if (isResponseSerializationError(error)) {
        request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
        return sendProblem(reply, request, { status: 500, detail: 'The server produced an invalid response.' });
      }
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'request failed');
        return sendProblem(reply, request, { status, detail: 'The server could not complete the request.' });
      }
      // A body past the route's limit changes nothing and names what was too large (and the rule the body is read under).
      if (status === 413) {
        const rule = validationRuleOf(request);
        return sendProblem(reply, request, {
          status,
          detail: `The request body is larger than this route takes (${request.routeOptions.bodyLimit ?? 'its limit'} bytes): nothing was changed.`,
          ...(rule ? { rule } : {}),
          errors: [{ in: 'body', field: '/', message: `is larger than ${request.routeOptions.bodyLimit ?? 'the limit'} bytes`, ...(rule ? { rule } : {}) }],
        });
      }
      // Fastify's own client errors (malformed JSON, wrong content type).
      return sendProblem(reply, request, { status, detail: error.message });
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, request, { status: 404, detail: `No route ${request.method} ${request.url}.` }),
    );
  },
  { name: 'problem-details' },
);

/** What a too-big issue bounds when it is an oversized field: a text's length or a list's count (not a number's value). */
const OVERSIZED_ORIGINS = ['string', 'array', 'set'];

function validationRuleOf(request: FastifyRequest): string | undefined {
  const rule = request.routeOptions.config.validationRule;
  return typeof rule === 'function' ? rule(request.body) : rule;
}

function pointer(instancePath: string | undefined): string {
  if (!instancePath) return '/';
  return instancePath.startsWith('/') ? instancePath : `/${instancePath.replace(/\./g, '/')}`;
}
