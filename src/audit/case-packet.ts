import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { drawDeadlineFigure } from '../../activities/notices/pdf/deadline-figure';
import { FlowDocument, type TextStyle } from '../../activities/notices/pdf/flow-document';
import { renderNotice } from '../../activities/notices/templates';
import { isStoredText, type LongText } from '../domain/case/stored-text';
import { caseDocumentStore, type DocumentStore } from './document-store';
import { readText, withStoredFacts } from './stored-texts';
import type { Actor } from '../domain/actor';
import type { CaseDeadline } from '../domain/calendar/case-clock-types';
import type { GrievanceCaseFile, GrievanceStart } from '../domain/grievance/grievance-case';
import { personName } from '../domain/grievance/grievance-notices';
import type { Notice, NoticeChannel, NoticeReceipt } from '../domain/notices/notice';
import { countText, dueText, noticeDeadline } from '../domain/notices/notice-wording';
import { readCaseChain, verifyCaseArchive, type ChainEntry, type ChainVerification } from './case-archive';
import { historyJsonText, historyToJson, type CaseRunHistory } from './case-history';
import { caseTimeline, commonRecordOf, projectTimeline, type CaseStateForTimeline, type TimelineEntry } from './case-timeline';
import type { RecordStore } from './record-store';
import { writeZip } from './zip';

const { EventType } = temporal.api.enums.v1;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

/** What an arbitration packet is made of: a case's runs, wherever they were read, and its archive. */
export interface CasePacketInput {
  readonly workflowId: string;
  readonly district: string;
  /** Where the runs were read (named on the first page). */
  readonly source: 'temporal' | 'archive';
  readonly runs: readonly CaseRunHistory[];
  /** The same runs with their payloads decrypted (issue 15); default `runs` (a clear history). history.json keeps `runs`. */
  readonly decodedRuns?: readonly CaseRunHistory[] | undefined;
  /** A running case's live state, for its latest deadlines (as the timeline route reads it). */
  readonly latest?: CaseStateForTimeline | undefined;
  /** The archive holding the case's digest chain. */
  readonly store: RecordStore;
  /** The case document store (issue 11: decision texts, long facts); default: the one beside `store` (without a key ring: clear documents only). */
  readonly documents?: DocumentStore | undefined;
  /** The notice templates the notices are rendered with. */
  readonly templatesDir: string;
  /** The public base URL case links in the notices are made absolute on (API_PUBLIC_URL), if any. */
  readonly publicUrl?: string | undefined;
  readonly generatedAt?: Date | undefined;
  /**
   * What the packet's reader may see (the case family's access table): without the whole record, the packet holds
   * the reader's timeline (`timeline.json`) instead of the raw history, and leaves out what they may not read.
   * Default: everything.
   */
  readonly reader?: { readonly seesWholeRecord: boolean; readonly seesAction: (action: string) => boolean } | undefined;
}

/** A decision as the case recorded it: who decided, at which level, the outcome and the full text. */
export interface PacketDecision {
  readonly at: string;
  readonly by: string;
  readonly level: number | undefined;
  readonly outcome: string;
  readonly text: string;
}

/** `chain.json`: the case's digest chain with its verification, or that it is not archived yet. */
export type PacketChain = { readonly archived: false } | { readonly archived: true; readonly verification: ChainVerification; readonly entries: readonly ChainEntry[] };

/** The files of the packet zip, in order; `timeline.json` stands for `history.json` for a reader without the whole record. */
export const PACKET_FILES = ['packet.pdf', 'history.json', 'chain.json'] as const;

/**
 * An arbitration packet: one zip holding `packet.pdf` (the timeline, every decision's text, every deadline pictured
 * day by day, and every notice as its template renders it), `history.json` (every run's history in the CLI's JSON)
 * and `chain.json` (the digest chain of the archived records and whether it holds).
 */
export async function buildCasePacket(input: CasePacketInput): Promise<Buffer> {
  const generatedAt = input.generatedAt ?? new Date();
  const reader = input.reader ?? { seesWholeRecord: true, seesAction: () => true };
  const readable = input.decodedRuns ?? input.runs;
  const timeline = projectTimeline(caseTimeline(readable, input.latest), reader.seesAction);
  const entries = await readCaseChain(input.store, input.district, input.workflowId);
  const chain: PacketChain =
    entries.length === 0 ? { archived: false } : { archived: true, verification: await verifyCaseArchive(input.store, input.district, input.workflowId), entries };
  // Issue 11: decision texts and other long facts are in the case document store beside the archive.
  const documents = input.documents ?? caseDocumentStore(input.store);
  const notices = await Promise.all(
    noticesOf(readable)
      .filter((notice) => notice.facts.action === undefined || reader.seesAction(notice.facts.action))
      .map(async (recorded) => {
        const notice = await withStoredFacts(documents, recorded);
        try {
          return { notice, rendered: await renderNotice(input.templatesDir, notice, { publicUrl: input.publicUrl, recorded: true }) };
        } catch (error) {
          return { notice, failure: error instanceof Error ? error.message : String(error) };
        }
      }),
  );
  const decisions = reader.seesAction('decide')
    ? await Promise.all(decisionsOf(readable).map(async (d) => ({ ...d, text: isStoredText(d.text) ? await readText(documents, { district: input.district, workflowId: input.workflowId }, d.text) : d.text })))
    : [];
  const deadlines = (input.latest ?? recordedState(readable))?.clock.deadlines ?? [];
  const pdf = await packetPdf({ ...input, runs: readable, generatedAt, timeline, decisions, notices, chain, deadlines, skipped: skippedDeliveries(readable) });
  const record = !reader.seesWholeRecord
    ? { name: 'timeline.json', text: `${JSON.stringify({ workflowId: input.workflowId, entries: timeline }, null, 2)}\n` }
    : {
        name: 'history.json',
        text:
          input.runs.length === 1
            ? historyJsonText(input.runs[0]!.history)
            : `${JSON.stringify({ workflowId: input.workflowId, runs: input.runs.map((r) => ({ runId: r.runId, ...historyToJson(r.history) })) }, null, 2)}\n`,
      };
  return writeZip(
    [
      { name: 'packet.pdf', data: pdf },
      { name: record.name, data: Buffer.from(record.text) },
      { name: 'chain.json', data: Buffer.from(`${JSON.stringify(chain, null, 2)}\n`) },
    ],
    generatedAt,
  );
}

const NOTICE_ACTIVITIES = new Set(['sendNoticeEmail', 'postNoticeWebhook', 'printNoticeLetter']);

/** Every notice the case sent (once each, whatever its channels), in the order it was first scheduled. */
export function noticesOf(runs: readonly CaseRunHistory[]): Notice[] {
  const notices = new Map<string, Notice>();
  for (const event of runs.flatMap((r) => r.history.events ?? [])) {
    const attributes = event.activityTaskScheduledEventAttributes;
    if (event.eventType !== EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED || !NOTICE_ACTIVITIES.has(attributes?.activityType?.name ?? '')) continue;
    const notice = decode<Notice>(attributes?.input);
    if (notice?.deliveryId && !notices.has(notice.deliveryId)) notices.set(notice.deliveryId, notice);
  }
  return [...notices.values()];
}

/**
 * Every decision the case applied (a `decide` action whose update completed), with its full text; the decider named
 * as the case names them, with the account they acted with (an arbitrator reads both).
 */
export function decisionsOf(runs: readonly CaseRunHistory[]): (Omit<PacketDecision, 'text'> & { readonly text: LongText })[] {
  const decisions: (Omit<PacketDecision, 'text'> & { readonly text: LongText })[] = [];
  const file = caseFileOf(runs);
  const nameOf = (by: Actor | undefined, level: number | undefined) => (by ? (file ? `${personName(file, by, level)} (${by.id})` : by.id) : 'unknown');
  for (const { history } of runs) {
    const asked = new Map<string, { by?: Actor; action: { outcome?: string; text?: LongText } }>();
    for (const event of history.events ?? []) {
      const accepted = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
      const args = decode<{ action?: { type?: string; outcome?: string; text?: LongText }; by?: Actor }>(accepted?.input?.args);
      if (accepted?.input?.name === 'grievanceAction' && args?.action?.type === 'decide') asked.set(accepted.meta?.updateId ?? '', { by: args.by, action: args.action });
      const completed = event.workflowExecutionUpdateCompletedEventAttributes;
      const decision = asked.get(completed?.meta?.updateId ?? '\u0000');
      if (!completed?.outcome?.success || !decision) continue;
      const last = decode<{ actions?: { at: string; stage?: { level: number } }[] }>(completed.outcome.success)?.actions?.at(-1);
      decisions.push({ at: last?.at ?? '', by: nameOf(decision.by, last?.stage?.level), level: last?.stage?.level, outcome: decision.action.outcome ?? '', text: decision.action.text ?? '' });
    }
  }
  return decisions;
}

/** A grievance's case file as its first run started (the filing names the people of the case). */
function caseFileOf(runs: readonly CaseRunHistory[]): GrievanceCaseFile | undefined {
  const started = runs[0]?.history.events?.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
  const start = decode<Partial<GrievanceStart>>(started?.workflowExecutionStartedEventAttributes?.input);
  if (!start?.filing || !start.filedBy) return undefined;
  return { caseType: 'grievance', id: start.filing.id, district: start.filedBy.district, filing: start.filing, filedBy: start.filedBy, filedAt: '' };
}

/** The case as its history last recorded it (an update's result or the run's result): its clock's deadlines. */
function recordedState(runs: readonly CaseRunHistory[]): CaseStateForTimeline | undefined {
  let state: CaseStateForTimeline | undefined;
  for (const event of runs.flatMap((r) => r.history.events ?? [])) {
    const result = event.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success ?? event.workflowExecutionCompletedEventAttributes?.result;
    state = (result ? commonRecordOf(decode<unknown>(result)) : undefined) ?? state;
  }
  return state;
}

/**
 * The deliveries a channel did not make, and why (no webhook configured, no recipient with an address), by
 * delivery id: a receipt with no destination is no delivery, and the packet says so instead of "delivered".
 */
function skippedDeliveries(runs: readonly CaseRunHistory[]): Map<string, string> {
  const skipped = new Map<string, string>();
  for (const event of runs.flatMap((r) => r.history.events ?? [])) {
    const receipt = decode<Partial<NoticeReceipt>>(event.activityTaskCompletedEventAttributes?.result);
    if (!receipt?.deliveryId || !receipt.channel || !Array.isArray(receipt.destination) || receipt.destination.length > 0) continue;
    skipped.set(receipt.deliveryId, receipt.skipped ?? NOTHING_DELIVERED[receipt.channel]);
  }
  return skipped;
}

/** Why a channel delivered nothing, for receipts recorded before they said so. */
const NOTHING_DELIVERED: Readonly<Record<NoticeChannel, string>> = {
  email: 'no recipient has an email address',
  webhook: 'no webhook configured',
  letter: 'no recipient',
};

function decode<T>(payloads: Payloads): T | undefined {
  const payload = payloads?.payloads?.[0];
  try {
    return payload ? defaultPayloadConverter.fromPayload<T>(payload) : undefined;
  } catch {
    return undefined;
  }
}

const STYLES = {
  title: { size: 18, style: 'bold', leading: 24 },
  heading: { size: 14, style: 'bold', leading: 20 },
  strong: { size: 10, style: 'bold', leading: 13 },
  text: { size: 10, style: 'regular', leading: 13 },
  small: { size: 8.5, style: 'regular', leading: 11, grey: 0.2 },
} as const satisfies Record<string, TextStyle>;

interface PacketContent extends CasePacketInput {
  readonly generatedAt: Date;
  readonly timeline: readonly TimelineEntry[];
  readonly decisions: readonly PacketDecision[];
  readonly notices: readonly { readonly notice: Notice; readonly rendered?: { subject: string; text: string }; readonly failure?: string }[];
  readonly chain: PacketChain;
  readonly deadlines: readonly CaseDeadline[];
  readonly skipped: ReadonlyMap<string, string>;
}

/** The packet's PDF: title page facts, then the timeline, the decisions, the deadlines pictured, the notices. */
async function packetPdf(c: PacketContent): Promise<Buffer> {
  const doc = new FlowDocument({
    title: `Arbitration packet ${c.workflowId}`,
    subject: `Arbitration packet of case ${c.workflowId}, district ${c.district}`,
    caseId: c.workflowId,
    footer: `${c.workflowId} \u00b7 arbitration packet`,
    margin: 60,
    createdAt: c.generatedAt,
  });
  doc.paragraph('Arbitration packet', STYLES.title);
  doc.paragraph(`Case ${c.workflowId}, district ${c.district}.`, STYLES.text, { before: 6 });
  doc.paragraph(
    `Generated ${c.generatedAt.toISOString()} from ${c.source === 'archive' ? 'the archive (Temporal no longer holds the case)' : 'Temporal'}; runs, first to latest: ${c.runs.map((r) => r.runId).join(', ')}.`,
    STYLES.text,
  );
  doc.paragraph(`Records: ${chainSummary(c.chain)}`, STYLES.text);
  doc.paragraph(
    'The zip also holds history.json (every run as `temporal workflow show --output json` prints it; for a reader the access table does not give the whole record, timeline.json, the timeline below) and chain.json (the digest chain and its check).',
    STYLES.small,
    { before: 4 },
  );

  heading(doc, '1. Timeline');
  for (const entry of c.timeline) {
    doc.paragraph(`${entry.at}  ${entry.kind}: ${entry.summary}`, STYLES.text, { before: 3 });
    if (entry.rules.length > 0) doc.paragraph(`rules: ${entry.rules.join(', ')}${entry.eventId !== undefined ? ` \u00b7 history event ${entry.eventId}` : ''}`, STYLES.small);
  }

  heading(doc, '2. Decisions');
  if (c.decisions.length === 0) doc.paragraph('No decision was recorded.', STYLES.text);
  for (const d of c.decisions) {
    doc.paragraph(`${d.level !== undefined ? `Level ${d.level} decision` : 'Decision'} by ${d.by}, ${d.at}: ${d.outcome}`, STYLES.strong, { before: 8, keepWith: STYLES.text.leading });
    doc.paragraph(d.text.replace(/\n+$/, ''), STYLES.text, { before: 2 });
  }

  // The first deadline's picture comes with its heading: keep room for both.
  heading(doc, '3. Deadlines, day by day', 220);
  const pictured = c.deadlines.filter((d) => d.current?.state === 'running');
  if (pictured.length === 0) doc.paragraph('No deadline was computed.', STYLES.text);
  for (const deadline of pictured) {
    const explained = noticeDeadline(deadline)!;
    doc.paragraph(`${deadline.label} (${explained.rule}): due ${dueText(explained)}; ${deadline.status}.`, STYLES.strong, { before: 10, keepWith: 60 });
    // Counts on the district calendar are pictured; plain calendar spans (weeks, months) need no picture.
    if (explained.unit === 'school-day' || explained.unit === 'work-day') drawDeadlineFigure(doc, explained, `Counted on the district calendar: ${countText(explained.count, explained.unit)}`);
  }

  heading(doc, '4. Notices');
  if (c.notices.length === 0) doc.paragraph('No notice was sent.', STYLES.text);
  for (const { notice, rendered, failure } of c.notices) {
    const delivered = c.timeline.filter((e) => e.notice?.deliveryId.startsWith(`${notice.deliveryId}:`));
    const deliveries = delivered.map((e) => `${e.notice!.channel} ${e.notice!.failure ? `failed (${e.notice!.failure})` : `to ${e.notice!.destination.join(', ')}`} at ${e.at}`);
    const notSent = notice.channels
      .filter((channel) => !delivered.some((e) => e.notice!.channel === channel))
      .map((channel) => `${channel}: ${c.skipped.get(`${notice.deliveryId}:${channel}`) ?? 'no outcome recorded yet'}`);
    doc.paragraph(`${notice.kind} \u00b7 ${notice.deliveryId}`, STYLES.strong, { before: 10, keepWith: 3 * STYLES.small.leading });
    doc.paragraph(`To: ${notice.recipients.map((r) => `${r.name} (${r.role})`).join('; ') || 'nobody'}`, STYLES.small);
    doc.paragraph(`Delivered: ${deliveries.join('; ') || 'no delivery recorded'}`, STYLES.small);
    if (notSent.length > 0) doc.paragraph(`Not sent: ${notSent.join('; ')}`, STYLES.small);
    if (rendered) {
      doc.paragraph(`Subject: ${rendered.subject}`, STYLES.strong, { before: 4 });
      doc.paragraph(rendered.text.replace(/\n+$/, ''), STYLES.text, { before: 2 });
    } else {
      doc.paragraph(`The notice could not be rendered with today's templates: ${failure}`, STYLES.text, { before: 4 });
    }
  }
  return doc.finish();
}

function heading(doc: FlowDocument, text: string, keepWith = 3 * STYLES.text.leading): void {
  doc.paragraph(text, STYLES.heading, { before: 18, keepWith });
}

function chainSummary(chain: PacketChain): string {
  if (!chain.archived) return 'not archived yet (a case is archived when it closes).';
  const { verification } = chain;
  return verification.ok
    ? `archived; the digest chain of ${verification.entries} entries holds (head ${verification.head}).`
    : `archived, but the digest chain is BROKEN at entry ${verification.broken.seq}: ${verification.broken.problem}.`;
}
