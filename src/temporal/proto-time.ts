import type { google } from '@temporalio/proto';

/**
 * A protobuf Timestamp as an ISO instant, or undefined when absent. Works for timestamps read over gRPC (Long
 * seconds) and for histories read back from JSON (numbers or strings), where the SDK's `tsToMs` needs a Long.
 */
export function timestampToIso(ts: google.protobuf.ITimestamp | null | undefined): string | undefined {
  if (!ts?.seconds) return undefined;
  return new Date(Number(ts.seconds) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6)).toISOString();
}
