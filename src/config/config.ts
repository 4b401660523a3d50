import path from 'node:path';
import { z } from 'zod';
import { isValidTimeZone } from '../domain/calendar/time-zone';
import { authConfig, authEnvShape, type AuthConfig } from './auth-config';
import type { KeyRingSource } from '../crypto/key-ring';

export { DEFAULT_TOKEN_AUDIENCE, DEFAULT_TOKEN_ISSUER, DEV_JWT_SECRET, type AuthConfig } from './auth-config';

/**
 * The service's whole configuration, read from environment variables. Every default makes the embedded run
 * (`npm start` on a laptop) work untouched; a production deployment sets the Temporal address, the JWKS URL and
 * the data directory. An invalid value stops the process at start with the variable's name.
 */
const port = z.coerce.number().int().min(0).max(65535);
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The From header of notice emails unless NOTICE_FROM says otherwise. */
export const DEFAULT_NOTICE_FROM = 'Case deadlines <no-reply@case-deadlines.local>';

const envSchema = z.object({
  // host:port, as the SDK and the dev server's --port read it ("localhost" alone became `--port NaN`).
  TEMPORAL_ADDRESS: z
    .string()
    .refine((address) => {
      const port = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):([1-9]\d{0,4})$/.exec(address)?.[2];
      return port !== undefined && Number(port) <= 65535;
    }, 'must be host:port with a port from 1 to 65535, e.g. 127.0.0.1:7233 or temporal.internal:7233')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('case-deadlines'),
  /** Start the embedded Temporal dev server (npm start). Off when pointing at an existing cluster. */
  TEMPORAL_EMBEDDED: booleanFlag.default(true),
  TEMPORAL_UI_PORT: port.default(8233),
  /** The worker's case cache and task slots (issue 11: scale on one machine). */
  WORKER_CACHED_CASES: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  WORKER_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(1_000).default(40),
  WORKER_ACTIVITY_TASKS: z.coerce.number().int().min(1).max(1_000).default(40),
  /** The API's deadline for each call to Temporal: past it the caller gets 503 with Retry-After. */
  TEMPORAL_RPC_TIMEOUT_MS: z.coerce.number().int().min(200).max(60_000).default(2_000),
  /** TLS to the Temporal frontend: `true` with the system's CAs; implied by any TEMPORAL_TLS_* file below. */
  TEMPORAL_TLS: booleanFlag.optional(),
  /** mTLS: the client certificate and its key (PEM files), both or none; the CA of a private server; its name. */
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  /** Public base URL of the API, used in Location headers and the OpenAPI document. */
  API_PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  /** The embedded run publishes a sample calendar for this district when it has none (CAL-1). */
  SAMPLE_CALENDARS: booleanFlag.optional(),
  SAMPLE_DISTRICT: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a lowercase district id').default('demo-district'),
  SAMPLE_TIME_ZONE: z
    .string()
    .min(1)
    .refine(isValidTimeZone, 'must be an IANA time zone such as America/Chicago or Europe/Berlin')
    .default('America/Chicago'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...authEnvShape,
  /** Notice emails go over SMTP (`smtp://user:pass@host:587`, `smtps://...:465`); unset, into the outbox folder. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  NOTICE_FROM: z.string().regex(/@/, 'must be an email address, e.g. Case deadlines <no-reply@district.example>').default(DEFAULT_NOTICE_FROM),
  /** The HR system's endpoint that receives every notice as signed JSON (Standard Webhooks). */
  WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .refine((url) => !/^[a-z]+:\/\/[^/]*@/i.test(url), 'must not hold credentials: requests are signed with WEBHOOK_SECRET')
    .optional(),
  /** The webhook signing secret: `whsec_<base64>` or any string of 32+ characters. Required with WEBHOOK_URL. */
  WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Where the notice templates are (`<caseType>/<kind>.txt`); default `templates/` at the package root. */
  NOTICE_TEMPLATES_DIR: z.string().min(1).optional(),
  /** Closed cases are archived to this S3-compatible bucket (all five or none); unset: `<DATA_DIR>/archive`. */
  ARCHIVE_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  ARCHIVE_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3-63 lowercase letters, digits, dots and hyphens')
    .optional(),
  /**
   * Issue 15 item 5: the bucket of the per-case data keys (`_case-keys/`), default ARCHIVE_S3_BUCKET. Give it its own
   * bucket without object lock when the archive's has object lock: a default retention covers every object of a
   * bucket, prefixes included, and a locked key could never be deleted (no crypto-shredding).
   */
  ARCHIVE_S3_KEYS_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3-63 lowercase letters, digits, dots and hyphens')
    .optional(),
  ARCHIVE_S3_REGION: z.string().min(1).optional(),
  ARCHIVE_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  ARCHIVE_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** The payload key ring as JSON (issue 15): {"active": "<id>", "keys": {"<id>": "<base64 of 32 bytes>"}}. */
  PAYLOAD_KEY_RING: z.string().max(20_000).optional(),
  /** A mounted file holding the payload key ring (the same JSON); read at start. */
  PAYLOAD_KEY_RING_FILE: z.string().min(1).optional(),
  /** The Temporal Web UI's origin, the only one the codec endpoint answers across origins (CORS). */
  CODEC_CORS_ORIGIN: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// origin' }).optional(),
});

const ARCHIVE_S3_VARIABLES = ['ARCHIVE_S3_ENDPOINT', 'ARCHIVE_S3_BUCKET', 'ARCHIVE_S3_REGION', 'ARCHIVE_S3_ACCESS_KEY_ID', 'ARCHIVE_S3_SECRET_ACCESS_KEY'] as const;

export type Env = z.input<typeof envSchema>;

export interface Config {
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    embedded: boolean;
    uiPort: number;
    rpcTimeoutMs: number;
    /** TLS to the frontend (files read at connection time); undefined: plain gRPC (the embedded dev server). */
    tls: { clientCertPath?: string; clientKeyPath?: string; caPath?: string; serverName?: string } | undefined;
  };
  worker: { cachedCases: number; workflowTasks: number; activityTasks: number };
  api: { host: string; port: number; publicUrl: string | undefined };
  dataDir: string;
  sampleCalendars: { enabled: boolean; district: string; timeZone: string };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  auth: AuthConfig;
  /** Where the payload key ring comes from (issue 15); the embedded run generates one under DATA_DIR. */
  payloadKeys: KeyRingSource;
  /** The codec endpoint (`/codec/encode|decode`): the Web UI origins it answers across origins. */
  codec: { corsOrigins: readonly string[] };
  notices: {
    /** The embedded run's emails (one JSON file per delivery) and the SMTP sent-ledger: `<DATA_DIR>/outbox`. */
    outboxDir: string;
    /** Printed letters (PDF): `<DATA_DIR>/letters`. */
    lettersDir: string;
    from: string;
    smtpUrl: string | undefined;
    webhook: { url: string; secret: string } | undefined;
    templatesDir: string | undefined;
  };
  /** Where closed cases' histories, timelines and digest chains are archived (append-only). */
  archive:
    | { kind: 'local'; dir: string }
    | { kind: 's3'; endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string; keysBucket: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as a shell user would expect from `FOO= npm start`.
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in envSchema.shape && value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message })),
    );
  }
  const e = parsed.data;
  if (e.WEBHOOK_URL !== undefined && e.WEBHOOK_SECRET === undefined) {
    throw new ConfigError([{ variable: 'WEBHOOK_SECRET', message: 'is required when WEBHOOK_URL is set (at least 32 characters)' }]);
  }
  const s3Missing = ARCHIVE_S3_VARIABLES.filter((variable) => e[variable] === undefined);
  if (s3Missing.length > 0 && s3Missing.length < ARCHIVE_S3_VARIABLES.length) {
    throw new ConfigError(s3Missing.map((variable) => ({ variable, message: 'is required when any ARCHIVE_S3_* variable is set (all five or none)' })));
  }
  if (e.ARCHIVE_S3_KEYS_BUCKET !== undefined && s3Missing.length > 0) {
    throw new ConfigError([{ variable: 'ARCHIVE_S3_KEYS_BUCKET', message: 'is read only with the five ARCHIVE_S3_* variables (the keys bucket is on the same service)' }]);
  }
  if ((e.TEMPORAL_TLS_CERT === undefined) !== (e.TEMPORAL_TLS_KEY === undefined)) {
    const missing = e.TEMPORAL_TLS_CERT === undefined ? 'TEMPORAL_TLS_CERT' : 'TEMPORAL_TLS_KEY';
    throw new ConfigError([{ variable: missing, message: 'is required with the other: the client certificate and its key go together (mTLS)' }]);
  }
  const auth = authConfig(e, e.TEMPORAL_EMBEDDED);
  if ('problems' in auth) throw new ConfigError(auth.problems);
  const dataDir = path.resolve(e.DATA_DIR);
  const payloadKeys = payloadKeySource(e, dataDir);
  if ('problem' in payloadKeys) throw new ConfigError([payloadKeys.problem]);
  return {
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      embedded: e.TEMPORAL_EMBEDDED,
      uiPort: e.TEMPORAL_UI_PORT,
      rpcTimeoutMs: e.TEMPORAL_RPC_TIMEOUT_MS,
      tls: temporalTls(e),
    },
    worker: { cachedCases: e.WORKER_CACHED_CASES, workflowTasks: e.WORKER_WORKFLOW_TASKS, activityTasks: e.WORKER_ACTIVITY_TASKS },
    api: { host: e.API_HOST, port: e.API_PORT, publicUrl: e.API_PUBLIC_URL },
    dataDir,
    // On by default for the embedded run only: a production cluster gets the districts' real calendars.
    sampleCalendars: { enabled: e.SAMPLE_CALENDARS ?? e.TEMPORAL_EMBEDDED, district: e.SAMPLE_DISTRICT, timeZone: e.SAMPLE_TIME_ZONE },
    logLevel: e.LOG_LEVEL,
    auth: auth.config,
    payloadKeys,
    codec: {
      corsOrigins: e.CODEC_CORS_ORIGIN !== undefined ? [new URL(e.CODEC_CORS_ORIGIN).origin] : [`http://127.0.0.1:${e.TEMPORAL_UI_PORT}`, `http://localhost:${e.TEMPORAL_UI_PORT}`],
    },
    notices: {
      outboxDir: path.join(dataDir, 'outbox'),
      lettersDir: path.join(dataDir, 'letters'),
      from: e.NOTICE_FROM,
      smtpUrl: e.SMTP_URL,
      webhook: e.WEBHOOK_URL !== undefined && e.WEBHOOK_SECRET !== undefined ? { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET } : undefined,
      templatesDir: e.NOTICE_TEMPLATES_DIR === undefined ? undefined : path.resolve(e.NOTICE_TEMPLATES_DIR),
    },
    archive:
      e.ARCHIVE_S3_ENDPOINT !== undefined && e.ARCHIVE_S3_BUCKET !== undefined && e.ARCHIVE_S3_REGION !== undefined && e.ARCHIVE_S3_ACCESS_KEY_ID !== undefined && e.ARCHIVE_S3_SECRET_ACCESS_KEY !== undefined
        ? {
            kind: 's3',
            endpoint: e.ARCHIVE_S3_ENDPOINT,
            bucket: e.ARCHIVE_S3_BUCKET,
            region: e.ARCHIVE_S3_REGION,
            accessKeyId: e.ARCHIVE_S3_ACCESS_KEY_ID,
            secretAccessKey: e.ARCHIVE_S3_SECRET_ACCESS_KEY,
            keysBucket: e.ARCHIVE_S3_KEYS_BUCKET ?? e.ARCHIVE_S3_BUCKET,
          }
        : { kind: 'local', dir: path.join(dataDir, 'archive') },
  };
}

function temporalTls(e: z.output<typeof envSchema>): Config['temporal']['tls'] {
  const files = { clientCertPath: e.TEMPORAL_TLS_CERT, clientKeyPath: e.TEMPORAL_TLS_KEY, caPath: e.TEMPORAL_TLS_CA, serverName: e.TEMPORAL_TLS_SERVER_NAME };
  const set = Object.fromEntries(Object.entries(files).filter(([, value]) => value !== undefined));
  if (e.TEMPORAL_TLS === false || (e.TEMPORAL_TLS === undefined && Object.keys(set).length === 0)) return undefined;
  return set;
}

/** The development key ring of the embedded run. */
export function devKeyRingPath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'payload-key-ring.json');
}

/**
 * The key ring's source: the variable, the mounted file, or (embedded run only) the development ring under
 * DATA_DIR. A cluster of our own without a ring would write clear personal data: refused at start.
 */
function payloadKeySource(e: z.output<typeof envSchema>, dataDir: string): KeyRingSource | { problem: { variable: string; message: string } } {
  if (e.PAYLOAD_KEY_RING !== undefined && e.PAYLOAD_KEY_RING_FILE !== undefined) {
    return { problem: { variable: 'PAYLOAD_KEY_RING_FILE', message: 'set PAYLOAD_KEY_RING or PAYLOAD_KEY_RING_FILE, not both' } };
  }
  if (e.PAYLOAD_KEY_RING !== undefined) return { kind: 'env', json: e.PAYLOAD_KEY_RING };
  if (e.PAYLOAD_KEY_RING_FILE !== undefined) return { kind: 'file', path: path.resolve(e.PAYLOAD_KEY_RING_FILE) };
  if (e.TEMPORAL_EMBEDDED) return { kind: 'dev', path: devKeyRingPath(dataDir) };
  return { problem: { variable: 'PAYLOAD_KEY_RING', message: 'is required with TEMPORAL_EMBEDDED=false (or PAYLOAD_KEY_RING_FILE): case payloads are encrypted with it' } };
}
