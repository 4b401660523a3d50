import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec, type SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { KeyRing } from './key-ring';

/**
 * Payload encryption the Temporal way (issue 15; after temporalio/samples-typescript `encryption`): every payload the
 * client, the worker, the replayer or the archive writes is the whole original payload (metadata and data)
 * encrypted with AES-256-GCM under the key ring's active key and a fresh 96-bit nonce, stored as
 * `nonce || ciphertext || tag` with the metadata `encoding: binary/encrypted` and `encryption-key-id: <id>`. A payload
 * of a case also names the case's family and district (`case-type`, `case-district`: both in the case's workflow id
 * already), so that the codec endpoint decodes it only for readers of that family's whole record in that district.
 * The key id and these labels are the GCM associated data: a payload relabelled does not decrypt.
 *
 * Decoding passes payloads that are not encrypted through unchanged (histories recorded before encryption, search
 * attributes), and refuses a payload under a key the ring does not hold with an error naming the key id: never a
 * silent garbage read. Codecs run outside the workflow sandbox, so node:crypto is fine here.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const METADATA_KEY_ID = 'encryption-key-id';
export const METADATA_CASE_TYPE = 'case-type';
export const METADATA_CASE_DISTRICT = 'case-district';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A payload under a key id the key ring does not hold (or damaged): the message names the key id. */
export class PayloadKeyError extends ValueError {
  constructor(
    message: string,
    readonly keyId: string | undefined,
  ) {
    super(message);
  }
}

export function isEncrypted(payload: Payload): boolean {
  return text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;
}

/** The key id an encrypted payload names, else undefined. */
export function keyIdOf(payload: Payload): string | undefined {
  return isEncrypted(payload) ? text(payload.metadata?.[METADATA_KEY_ID]) : undefined;
}

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly ring: KeyRing) {}

  // async: a refusal is a rejected promise, as callers of a codec expect.
  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const owner = context?.workflowId === undefined ? undefined : caseOwnerOf(context.workflowId);
    const labels: Record<string, string> = owner === undefined ? {} : { [METADATA_CASE_TYPE]: owner.caseType, [METADATA_CASE_DISTRICT]: owner.district };
    return payloads.map((payload) => this.encrypt(payload, labels));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : payload));
  }

  encrypt(payload: Payload, labels: Readonly<Record<string, string>> = {}): Payload {
    // Already encrypted (a payload copied from a history into a new command): left as it is, never wrapped twice.
    if (isEncrypted(payload)) return payload;
    const keyId = this.ring.activeKeyId;
    const key = this.ring.keys.get(keyId)!;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(keyId, labels[METADATA_CASE_TYPE], labels[METADATA_CASE_DISTRICT]));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const data = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
        [METADATA_KEY_ID]: Buffer.from(keyId, 'utf8'),
        ...Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, Buffer.from(v, 'utf8')])),
      },
      data,
    };
  }

  decrypt(payload: Payload): Payload {
    const keyId = text(payload.metadata?.[METADATA_KEY_ID]);
    if (keyId === undefined) throw new PayloadKeyError('An encrypted payload names no encryption-key-id: it cannot be decrypted', undefined);
    const key = this.ring.keys.get(keyId);
    if (!key) {
      throw new PayloadKeyError(
        `A payload is encrypted under key id "${keyId}", which the key ring does not hold (it holds ${[...this.ring.keys.keys()].map((k) => `"${k}"`).join(', ')}): add that key to PAYLOAD_KEY_RING or PAYLOAD_KEY_RING_FILE`,
        keyId,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < NONCE_BYTES + TAG_BYTES) throw new PayloadKeyError(`A payload under key id "${keyId}" is too short to be encrypted data`, keyId);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(keyId, text(payload.metadata?.[METADATA_CASE_TYPE]), text(payload.metadata?.[METADATA_CASE_DISTRICT])));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    } catch {
      throw new PayloadKeyError(`A payload under key id "${keyId}" does not decrypt with that key: it was altered, or the key is not the one it was written with`, keyId);
    }
  }
}

/**
 * The family and district a workflow id names: `<caseType>:<district>:<number>`, the number of one part or several
 * (`observation-cycle:<district>:<schoolYear>:<educator>`). Unscoped ids of cases opened before districts were in
 * the id (`grievance:<number>`) name none: their payloads are encrypted unlabelled, and decrypt for nobody at the
 * codec endpoint.
 */
export function caseOwnerOf(workflowId: string): { caseType: string; district: string } | undefined {
  const parts = workflowId.split(':');
  if (parts.length < 3 || !parts.every((part) => part.length > 0)) return undefined;
  return { caseType: parts[0]!, district: parts[1]! };
}

/** The payload's key id and case labels, bound to its ciphertext. */
function associatedData(keyId: string, caseType: string | undefined, district: string | undefined): Buffer {
  return Buffer.from(caseType === undefined ? keyId : `${keyId}\n${caseType}\n${district ?? ''}`, 'utf8');
}

/** The case family and district an encrypted payload is labelled with, if any. */
export function caseLabelsOf(payload: Payload): { caseType: string; district: string } | undefined {
  const caseType = text(payload.metadata?.[METADATA_CASE_TYPE]);
  const district = text(payload.metadata?.[METADATA_CASE_DISTRICT]);
  return caseType !== undefined && district !== undefined ? { caseType, district } : undefined;
}

function text(bytes: Uint8Array | null | undefined): string | undefined {
  return bytes ? Buffer.from(bytes).toString('utf8') : undefined;
}
