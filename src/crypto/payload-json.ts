import type { Payload } from '@temporalio/common';

/**
 * A payload as JSON, the way the Temporal codec-server protocol and proto3 JSON write it: metadata values and data in
 * base64 (after temporalio/samples-typescript `encryption/src/codec-server.ts`).
 */
export interface PayloadJson {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

export function payloadToJson({ metadata, data }: Payload): PayloadJson {
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    ...(data ? { data: Buffer.from(data).toString('base64') } : {}),
  };
}

export function payloadFromJson({ metadata, data }: PayloadJson): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: data ? Buffer.from(data, 'base64') : new Uint8Array(),
  };
}

/** Whether a parsed JSON value is a payload in that form (an object with base64 metadata and data, nothing else). */
export function isPayloadJson(value: unknown): value is PayloadJson {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { metadata, data, ...rest } = value as Record<string, unknown>;
  return Object.keys(rest).length === 0 && typeof metadata === 'object' && metadata !== null && (data === undefined || typeof data === 'string');
}
