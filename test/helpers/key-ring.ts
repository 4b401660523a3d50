// The tests' payload key ring (issue 15): fixed keys that live with the tests, so the encrypted golden histories
// recorded with them replay in CI. Never a production key.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { caseDataConverter } from '../../src/crypto/data-converter';
import { parseKeyRing, type KeyRing } from '../../src/crypto/key-ring';

export const TEST_KEY_RING_FILE = path.resolve(__dirname, '../fixtures/keys/test-key-ring.json');
/** The ring as PAYLOAD_KEY_RING holds it: keys `test-key-1` (active) and `test-key-2`. */
export const TEST_KEY_RING_JSON = readFileSync(TEST_KEY_RING_FILE, 'utf8');

/** The test ring with `active` as its active key (rotation tests make `test-key-2` active). */
export function testKeyRing(active = 'test-key-1', only?: readonly string[]): KeyRing {
  const ring = parseKeyRing(TEST_KEY_RING_JSON, TEST_KEY_RING_FILE);
  const keys = new Map([...ring.keys].filter(([id]) => !only || only.includes(id)));
  return { activeKeyId: active, keys };
}

/** The encrypting data converter every test client and worker uses unless a test says otherwise. */
export function testDataConverter(ring: KeyRing = testKeyRing()): DataConverter {
  return caseDataConverter(ring);
}
