import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { ENCRYPTED_ENCODING, EncryptionCodec, keyIdOf, METADATA_KEY_ID, PayloadKeyError } from '../../src/crypto/encryption-codec';
import { generateKeyRingJson, KeyRingError, loadKeyRing, parseKeyRing } from '../../src/crypto/key-ring';
import { TEST_KEY_RING_JSON, testKeyRing } from '../helpers/key-ring';

const filing = { grievants: [{ name: 'Dana Reyes', email: 'dana@example.org' }], statement: 'No post-observation conference was held.' };
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');

describe('EncryptionCodec (issue 15: AES-256-GCM, a fresh nonce per payload, the key id in the metadata)', () => {
  const codec = new EncryptionCodec(testKeyRing());

  it('encrypts the whole payload under the active key, names the key id, and decrypts it back', async () => {
    const clear = defaultPayloadConverter.toPayload(filing);
    const [encrypted] = await codec.encode([clear]);
    expect(text(encrypted!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encrypted!.metadata![METADATA_KEY_ID])).toBe('test-key-1');
    expect(Object.keys(encrypted!.metadata!).sort()).toEqual(['encoding', METADATA_KEY_ID]);
    // Neither the data nor the metadata holds the filing, or even its original encoding, in clear.
    for (const bytes of [encrypted!.data, ...Object.values(encrypted!.metadata!)]) expect(text(bytes)).not.toMatch(/Dana|dana@|observation|json\/plain/);
    const [decrypted] = await codec.decode([encrypted!]);
    expect(defaultPayloadConverter.fromPayload(decrypted!)).toEqual(filing);
  });

  it('uses a fresh nonce for every payload: the same value encrypts differently each time', async () => {
    const clear = defaultPayloadConverter.toPayload(filing);
    const [a, b] = await codec.encode([clear, clear]);
    expect(Buffer.from(a!.data!).subarray(0, 12).equals(Buffer.from(b!.data!).subarray(0, 12))).toBe(false);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('passes clear payloads (histories recorded before encryption) through, and never encrypts twice', async () => {
    const clear = defaultPayloadConverter.toPayload('G-2026-001');
    expect(await codec.decode([clear])).toEqual([clear]);
    const [once] = await codec.encode([clear]);
    expect(await codec.encode([once!])).toEqual([once]);
  });

  it('decrypts payloads under every key of the ring, and encrypts under the active one only (rotation)', async () => {
    const [underOne] = await codec.encode([defaultPayloadConverter.toPayload(filing)]);
    const rotated = new EncryptionCodec(testKeyRing('test-key-2'));
    const [underTwo] = await rotated.encode([defaultPayloadConverter.toPayload(filing)]);
    expect([keyIdOf(underOne!), keyIdOf(underTwo!)]).toEqual(['test-key-1', 'test-key-2']);
    for (const payload of [underOne!, underTwo!]) expect(defaultPayloadConverter.fromPayload((await rotated.decode([payload]))[0]!)).toEqual(filing);
  });

  it('refuses a payload under a key the ring does not hold with an error naming the key id, never garbage', async () => {
    const [underOne] = await codec.encode([defaultPayloadConverter.toPayload(filing)]);
    const withoutKeyOne = new EncryptionCodec(testKeyRing('test-key-2', ['test-key-2']));
    const refusal = await withoutKeyOne.decode([underOne!]).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PayloadKeyError);
    expect((refusal as PayloadKeyError).keyId).toBe('test-key-1');
    expect((refusal as Error).message).toMatch(/key id "test-key-1", which the key ring does not hold \(it holds "test-key-2"\)/);
  });

  it('refuses a payload that was altered, or relabelled with another key id, naming the key id', async () => {
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(filing)]);
    const altered = Buffer.from(encrypted!.data!);
    altered[20] = altered[20]! ^ 1;
    await expect(codec.decode([{ ...encrypted!, data: altered }])).rejects.toThrow(/key id "test-key-1" does not decrypt/);
    const relabelled = { ...encrypted!, metadata: { ...encrypted!.metadata, [METADATA_KEY_ID]: Buffer.from('test-key-2') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(/key id "test-key-2" does not decrypt/);
  });
});

describe('the payload key ring (configuration)', () => {
  it('reads {active, keys} and refuses a bad ring naming what is wrong, never a key', () => {
    expect(parseKeyRing(TEST_KEY_RING_JSON, 'test').activeKeyId).toBe('test-key-1');
    const secret = Buffer.alloc(32, 7).toString('base64');
    const cases: [string, RegExp][] = [
      ['not json', /not JSON/],
      [JSON.stringify({ active: 'k2', keys: { k1: secret } }), /active the active key must be one of the keys/],
      [JSON.stringify({ active: 'k1', keys: { k1: Buffer.alloc(16).toString('base64') } }), /keys\.k1 must be 32 bytes/],
      [JSON.stringify({ active: 'k 1', keys: { 'k 1': secret } }), /a key id/],
    ];
    for (const [json, message] of cases) {
      let error: unknown;
      try {
        parseKeyRing(json, 'PAYLOAD_KEY_RING');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KeyRingError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it('the embedded run generates a development ring under DATA_DIR once (owner-only), says so, and reuses it', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'keys-')), 'keys', 'payload-key-ring.json');
    const generated: string[] = [];
    const first = loadKeyRing({ kind: 'dev', path: file }, (f) => generated.push(f));
    const again = loadKeyRing({ kind: 'dev', path: file }, (f) => generated.push(f));
    expect(generated).toEqual([file]);
    expect(again).toEqual(first);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(parseKeyRing(await readFile(file, 'utf8'), file).keys.get(first.activeKeyId)).toHaveLength(32);
    expect(generateKeyRingJson('k').keys.k).not.toBe(generateKeyRingJson('k').keys.k);
  });

  it('a mounted file that cannot be read stops the start naming the variable and the file', () => {
    expect(() => loadKeyRing({ kind: 'file', path: '/nonexistent/payload-key-ring.json' })).toThrow(/PAYLOAD_KEY_RING_FILE: cannot read \/nonexistent\/payload-key-ring.json: ENOENT/);
  });
});
