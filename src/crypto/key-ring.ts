import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The payload key ring (issue 15): one active key encrypts new payloads, every key of the ring decrypts. Rotating
 * the active key keeps the old one in the ring, so cases started under it go on (their history holds payloads under
 * both). Keys are AES-256 keys: 32 random bytes, base64.
 *
 * The ring comes from configuration: `PAYLOAD_KEY_RING` (the JSON below) or `PAYLOAD_KEY_RING_FILE` (a mounted file
 * holding it, e.g. a Kubernetes secret); the embedded run generates one under `DATA_DIR` on first start.
 *
 * ```json
 * { "active": "2026-11", "keys": { "2026-09": "<base64 of 32 bytes>", "2026-11": "<base64 of 32 bytes>" } }
 * ```
 *
 * A KMS plugs in as another `KeyRingSource`: it answers the same ring (the keys unwrapped by the KMS at start).
 */
export interface KeyRing {
  /** The id of the key new payloads are encrypted with; recorded in each payload's metadata. */
  readonly activeKeyId: string;
  /** Every key of the ring by id, active and retired. */
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** Where the ring comes from. */
export type KeyRingSource =
  | { readonly kind: 'env'; readonly json: string }
  | { readonly kind: 'file'; readonly path: string }
  /** The embedded run: `<DATA_DIR>/keys/payload-key-ring.json`, generated when missing. */
  | { readonly kind: 'dev'; readonly path: string };

const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const keyRingSchema = z
  .object({
    active: z.string().regex(KEY_ID, 'a key id: letters, digits, ".", "_", "-", at most 64'),
    keys: z
      .record(
        z.string().regex(KEY_ID, 'a key id: letters, digits, ".", "_", "-", at most 64'),
        z.base64('must be base64').refine((key) => Buffer.from(key, 'base64').length === 32, 'must be 32 bytes (AES-256), base64'),
      )
      .refine((keys) => Object.keys(keys).length >= 1 && Object.keys(keys).length <= 100, 'holds 1 to 100 keys'),
  })
  .refine((ring) => ring.active in ring.keys, { message: 'the active key must be one of the keys', path: ['active'] });

export type KeyRingJson = z.infer<typeof keyRingSchema>;

export class KeyRingError extends Error {
  override name = 'KeyRingError';
}

/** Reads a ring from its JSON; throws KeyRingError naming what is wrong (never the keys). */
export function parseKeyRing(json: string, from: string): KeyRing {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new KeyRingError(`${from}: not JSON (expected {"active": "<key id>", "keys": {"<key id>": "<base64 of 32 bytes>"}})`);
  }
  const parsed = keyRingSchema.safeParse(value);
  if (!parsed.success) {
    throw new KeyRingError(`${from}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '/'} ${i.message}`).join('; ')}`);
  }
  return { activeKeyId: parsed.data.active, keys: new Map(Object.entries(parsed.data.keys).map(([id, key]) => [id, Buffer.from(key, 'base64')])) };
}

/** A new ring of one fresh key, as JSON (the embedded run's first start, and a key for an operator to add). */
export function generateKeyRingJson(keyId = `dev-${new Date().toISOString().slice(0, 10)}`): KeyRingJson {
  return { active: keyId, keys: { [keyId]: randomBytes(32).toString('base64') } };
}

/**
 * Loads the ring from its source. The embedded run's ring is created (readable by its owner only) when it does
 * not exist; `onGenerated` tells the caller so that the log says it.
 */
export function loadKeyRing(source: KeyRingSource, onGenerated: (file: string) => void = () => {}): KeyRing {
  switch (source.kind) {
    case 'env':
      return parseKeyRing(source.json, 'PAYLOAD_KEY_RING');
    case 'file':
      return parseKeyRing(readKeyFile(source.path, 'PAYLOAD_KEY_RING_FILE'), `PAYLOAD_KEY_RING_FILE (${source.path})`);
    case 'dev': {
      if (!existsSync(source.path)) {
        mkdirSync(path.dirname(source.path), { recursive: true, mode: 0o700 });
        writeFileSync(source.path, `${JSON.stringify(generateKeyRingJson(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
        onGenerated(source.path);
      }
      return parseKeyRing(readKeyFile(source.path, 'the development key ring'), source.path);
    }
  }
}

function readKeyFile(file: string, name: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new KeyRingError(`${name}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
