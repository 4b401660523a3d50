import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { visit, walkGetWorkflowExecutionHistoryResponse } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { EncryptionCodec } from './encryption-codec';
import type { KeyRing } from './key-ring';

/**
 * The one data converter of every connection to Temporal (issue 15): the API's client, the worker, the replayer,
 * the archive, the scripts and the tests all take it from here, so every case family (present or added later) is
 * encrypted without knowing it. Search attributes are not payloads the codec sees: they carry ids, statuses, dates
 * and codes only.
 */
export function caseDataConverter(ring: KeyRing): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(ring)] };
}

type History = temporal.api.history.v1.IHistory;
const HistoryMessage = temporal.api.history.v1.History;

/**
 * A copy of a history with every payload decoded by `codecs` (a timeline, a packet or a view read from it); the
 * history itself stays as it was, encrypted. Payloads a codec does not recognise (a clear history) pass through.
 * Throws the codec's error (e.g. an unknown key id) when a payload does not decode.
 */
export async function decodeHistory(history: History, codecs: readonly PayloadCodec[]): Promise<History> {
  if (codecs.length === 0) return history;
  // A copy through the wire format keeps the message types (int64 as Long) that readers of a history expect.
  const copy = { history: HistoryMessage.decode(HistoryMessage.encode(history).finish()) };
  const decode = async (payloads: Payload[]) => {
    let decoded = payloads;
    for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
    return decoded;
  };
  await visit(copy, walkGetWorkflowExecutionHistoryResponse, {
    transformPayload: async (payload) => (await decode([payload]))[0]!,
    transformPayloads: decode,
    skipSearchAttributes: true,
  });
  return copy.history;
}
