import cors from '@fastify/cors';
import type { Payload } from '@temporalio/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseLabelsOf, isEncrypted, PayloadKeyError } from '../../src/crypto/encryption-codec';
import { payloadFromJson, payloadToJson } from '../../src/crypto/payload-json';
import { hasAnyRole, type Actor } from '../../src/domain/actor';
import { CASE_FAMILIES, familyOfCaseType } from '../families';
import { HttpProblem } from '../plugins/problem-details';
import { problemResponses } from '../schemas/problem';

/**
 * The codec endpoint of the Temporal Web UI and CLI (issue 15), after the Temporal codec-server protocol
 * (temporalio/samples-typescript `encryption/src/codec-server.ts`): `POST /codec/decode` and `POST /codec/encode`,
 * `{ "payloads": [{ "metadata": { "<key>": "<base64>" }, "data": "<base64>" }] }` in and out.
 *
 * Authenticated with the API's bearer tokens. A payload of a case is decrypted only for a reader of its district
 * whose role the case family's access table lets see the whole record (`recordRoles`: grievances and improvement
 * plans, HR and auditors; Teacher Assistance Plans, HR; observation cycles, auditors; PAR, nobody); every other
 * payload comes back as it came, still encrypted, so a participant's Web UI shows ciphertext. Encoding and the Web
 * UI's sign-in are for tokens that read some family's whole record (403 otherwise). Browsers may call it from the
 * configured Web UI origin only (CORS).
 */
const base64 = z.string().max(8 * 1024 * 1024).regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
const payloadSchema = z.object({
  metadata: z.record(z.string().max(200), base64.max(4096)).nullish(),
  data: base64.nullish(),
});
/** A clear payload as the codec-server protocol writes it: `json/plain` metadata and the JSON `"G-1"`, both base64. */
const EXAMPLE = { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'IkctMSI=' }] };
const codecBodySchema = z.object({ payloads: z.array(payloadSchema).max(1000) }).meta({ examples: [EXAMPLE] });
const codecResponseSchema = z
  .object({ payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()).nullish(), data: z.string().nullish() })) })
  .meta({ examples: [EXAMPLE] });

export interface CodecRouteOptions {
  /** The Web UI's origin(s) (`CODEC_CORS_ORIGIN`): the only origins a browser may call the endpoint from. */
  readonly corsOrigins: readonly string[];
}

/** The families whose payloads `actor` may read decrypted through the codec endpoint. */
export function decodableCaseTypes(actor: Actor): string[] {
  return CASE_FAMILIES.filter((api) => hasAnyRole(actor, [...(api.family.recordRoles ?? [])])).map((api) => api.family.caseType);
}

/** The cookie that carries a bearer token for the Web UI, which sends no Authorization header of its own. */
export const CODEC_COOKIE = 'codec_token';

function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CODEC_COOKIE && value.length > 0) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const SESSION_PAGE = `<!doctype html><meta charset="utf-8"><title>Codec sign-in</title>
<h1>Temporal Web UI: read cases decrypted</h1>
<p>Paste a bearer token (<code>npm run -s token -- --role auditor --district &lt;district&gt;</code>). The Web UI, with this
endpoint as its codec server and "Include cross-origin credentials" on, then decrypts the cases the token may read in full.</p>
<form method="post" action="session"><textarea name="token" rows="6" cols="80" required></textarea><br><button>Sign in</button></form>`;

export async function codecRoutes(app: FastifyInstance, opts: CodecRouteOptions) {
  // The Web UI (no sign-in of its own in the embedded run) sends the token as a same-site cookie set below.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/codec/') || request.headers.authorization !== undefined) return;
    const token = cookieToken(request.headers.cookie);
    if (token !== undefined) request.headers.authorization = `Bearer ${token}`;
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  await app.register(cors, {
    origin: [...opts.corsOrigins],
    methods: ['POST'],
    allowedHeaders: ['authorization', 'content-type', 'x-namespace'],
    credentials: true,
    maxAge: 600,
  });
  const codecs = () => app.temporal.client.options.loadedDataConverter.payloadCodecs;

  const mayUseCodec = async (request: FastifyRequest) => {
    if (decodableCaseTypes(request.user).length > 0) return;
    const readers = CASE_FAMILIES.filter((api) => (api.family.recordRoles ?? []).length > 0).map((api) => `${api.family.caseType}: ${api.family.recordRoles!.join(', ')}`);
    throw new HttpProblem(403, `The codec endpoint decrypts case payloads for the roles that read a family's whole record (${readers.join('; ')}); the token carries ${request.user.roles.join(', ')}.`);
  };

  const route = (name: 'decode' | 'encode', summary: string, mayCall: (request: FastifyRequest) => Promise<void>, handle: (payloads: Payload[], request: FastifyRequest) => Promise<Payload[]>) =>
    app.withTypeProvider<ZodTypeProvider>().post(
      `/codec/${name}`,
      {
        bodyLimit: 64 * 1024 * 1024,
        onRequest: [app.authenticate, mayCall],
        schema: {
          tags: ['codec'],
          summary,
          security: [{ bearerAuth: [] }],
          body: codecBodySchema,
          response: { 200: codecResponseSchema, ...problemResponses(400, 401, 403, 413, 415, 422) },
        },
      },
      async (request) => {
        const payloads = request.body.payloads.map((p) => payloadFromJson(p));
        return { payloads: (await handle(payloads, request)).map(payloadToJson) };
      },
    );

  // Any token may ask; only the payloads its roles read in full come back decrypted.
  const anyToken = async () => {};
  route('decode', 'Decrypt payloads for the Temporal Web UI and CLI (codec-server protocol), for readers of the whole record', anyToken, async (payloads, request) => {
    const readable = new Set(decodableCaseTypes(request.user));
    const mayRead = (payload: Payload) => {
      const labels = caseLabelsOf(payload);
      return labels !== undefined && labels.district === request.user.district && readable.has(labels.caseType) && familyOfCaseType(labels.caseType) !== undefined;
    };
    return Promise.all(
      payloads.map(async (payload) => {
        if (!isEncrypted(payload) || !mayRead(payload)) return payload;
        let decoded = [payload];
        try {
          for (const codec of [...codecs()].reverse()) decoded = await codec.decode(decoded);
        } catch (error) {
          if (error instanceof PayloadKeyError) throw new HttpProblem(422, error.message);
          throw error;
        }
        return decoded[0]!;
      }),
    );
  });

  // A page where an operator signs the Web UI in with a token, and the form it posts: the token is checked, then kept
  // in an HttpOnly, SameSite=Strict cookie for /codec only, for as long as the token lives.
  app.get('/codec/session', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(SESSION_PAGE));
  app.withTypeProvider<ZodTypeProvider>().post(
    '/codec/session',
    {
      schema: { hide: true, body: z.object({ token: z.string().trim().min(1).max(8192) }) },
    },
    async (request, reply) => {
      request.headers.authorization = `Bearer ${request.body.token}`;
      await app.authenticate(request);
      await mayUseCodec(request);
      const exp = (JSON.parse(Buffer.from(request.body.token.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}') as { exp?: number }).exp;
      const maxAge = exp === undefined ? 3600 : Math.max(0, exp - Math.floor(Date.now() / 1000));
      return reply
        .header('set-cookie', `${CODEC_COOKIE}=${encodeURIComponent(request.body.token)}; Path=/codec; HttpOnly; SameSite=Strict; Max-Age=${maxAge}`)
        .type('text/html; charset=utf-8')
        .send(`<!doctype html><meta charset="utf-8"><p>Signed in as ${escapeHtml(request.user.id)} (${escapeHtml(request.user.roles.join(', '))}, ${escapeHtml(request.user.district)}) for ${maxAge} seconds. The Web UI now decrypts what this token may read.</p>`);
    },
  );

  route('encode', 'Encrypt payloads with the active key (codec-server protocol)', mayUseCodec, async (payloads) => {
    let encoded = payloads;
    for (const codec of codecs()) encoded = await codec.encode(encoded);
    return encoded;
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
