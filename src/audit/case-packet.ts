import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { PAGE_HEIGHT, PAGE_WIDTH, wrapText, writePdf, type PdfFont, type PdfPage, type PdfTextRun } from '../../activities/notices/pdf-writer';
import { renderNotice } from '../../activities/notices/templates';
import type { Actor } from '../domain/actor';
import type { Notice } from '../domain/notices/notice';
import { readCaseChain, verifyCaseArchive, type ChainEntry, type ChainVerification } from './case-archive';
import { historyJsonText, historyToJson, type CaseRunHistory } from './case-history';
import { caseTimeline, projectTimeline, type CaseStateForTimeline, type TimelineEntry } from './case-timeline';
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
  /** A running case's live state, for its latest deadlines (as the timeline route reads it). */
  readonly latest?: CaseStateForTimeline | undefined;
  /** The archive holding the case's digest chain. */
  readonly store: RecordStore;
  /** The notice templates the notices are rendered with. */
  readonly templatesDir: string;
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
 * An arbitration packet: one zip holding `packet.pdf` (the timeline, every decision's text and every notice as
 * its template renders it), `history.json` (every run's history in the CLI's JSON) and `chain.json` (the digest
 * chain of the archived records and whether it holds).
 */
export async function buildCasePacket(input: CasePacketInput): Promise<Buffer> {
  const generatedAt = input.generatedAt ?? new Date();
  const reader = input.reader ?? { seesWholeRecord: true, seesAction: () => true };
  const timeline = projectTimeline(caseTimeline(input.runs, input.latest), reader.seesAction);
  const entries = await readCaseChain(input.store, input.district, input.workflowId);
  const chain: PacketChain =
    entries.length === 0 ? { archived: false } : { archived: true, verification: await verifyCaseArchive(input.store, input.district, input.workflowId), entries };
  const notices = await Promise.all(
    noticesOf(input.runs)
      .filter((notice) => notice.facts.action === undefined || reader.seesAction(notice.facts.action))
      .map(async (notice) => {
      try {
        return { notice, rendered: await renderNotice(input.templatesDir, notice) };
      } catch (error) {
        return { notice, failure: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const decisions = reader.seesAction('decide') ? decisionsOf(input.runs) : [];
  const pdf = writePdf(layoutPacket(packetBlocks({ ...input, generatedAt, timeline, decisions, notices, chain }), `${input.workflowId} \u00b7 arbitration packet`), {
    title: `Arbitration packet ${input.workflowId}`,
  });
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

/** Every decision the case applied (a `decide` action whose update completed), with its full text. */
export function decisionsOf(runs: readonly CaseRunHistory[]): PacketDecision[] {
  const decisions: PacketDecision[] = [];
  for (const { history } of runs) {
    const asked = new Map<string, { by?: Actor; action: { outcome?: string; text?: string } }>();
    for (const event of history.events ?? []) {
      const accepted = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
      const args = decode<{ action?: { type?: string; outcome?: string; text?: string }; by?: Actor }>(accepted?.input?.args);
      if (accepted?.input?.name === 'grievanceAction' && args?.action?.type === 'decide') asked.set(accepted.meta?.updateId ?? '', { by: args.by, action: args.action });
      const completed = event.workflowExecutionUpdateCompletedEventAttributes;
      const decision = asked.get(completed?.meta?.updateId ?? '\u0000');
      if (!completed?.outcome?.success || !decision) continue;
      const last = decode<{ actions?: { at: string; stage?: { level: number } }[] }>(completed.outcome.success)?.actions?.at(-1);
      decisions.push({ at: last?.at ?? '', by: decision.by?.id ?? 'unknown', level: last?.stage?.level, outcome: decision.action.outcome ?? '', text: decision.action.text ?? '' });
    }
  }
  return decisions;
}

function decode<T>(payloads: Payloads): T | undefined {
  const payload = payloads?.payloads?.[0];
  try {
    return payload ? defaultPayloadConverter.fromPayload<T>(payload) : undefined;
  } catch {
    return undefined;
  }
}

/** A piece of the document: a heading, a bold line, or a paragraph. */
interface Block {
  readonly style: 'title' | 'heading' | 'strong' | 'text' | 'small';
  readonly text: string;
  /** Space before it, in points. */
  readonly before?: number;
}

const STYLES: Readonly<Record<Block['style'], { font: PdfFont; size: number; leading: number }>> = {
  title: { font: 'Helvetica-Bold', size: 18, leading: 24 },
  heading: { font: 'Helvetica-Bold', size: 14, leading: 20 },
  strong: { font: 'Helvetica-Bold', size: 10, leading: 13 },
  text: { font: 'Helvetica', size: 10, leading: 13 },
  small: { font: 'Helvetica', size: 8.5, leading: 11 },
};

interface PacketContent extends CasePacketInput {
  readonly generatedAt: Date;
  readonly timeline: readonly TimelineEntry[];
  readonly decisions: readonly PacketDecision[];
  readonly notices: readonly { readonly notice: Notice; readonly rendered?: { subject: string; text: string }; readonly failure?: string }[];
  readonly chain: PacketChain;
}

function packetBlocks(c: PacketContent): Block[] {
  const blocks: Block[] = [
    { style: 'title', text: 'Arbitration packet' },
    { style: 'text', text: `Case ${c.workflowId}, district ${c.district}.`, before: 6 },
    { style: 'text', text: `Generated ${c.generatedAt.toISOString()} from ${c.source === 'archive' ? 'the archive (Temporal no longer holds the case)' : 'Temporal'}; runs, first to latest: ${c.runs.map((r) => r.runId).join(', ')}.` },
    { style: 'text', text: `Records: ${chainSummary(c.chain)}` },
    { style: 'small', text: 'The zip also holds history.json (every run as `temporal workflow show --output json` prints it; for a reader the access table does not give the whole record, timeline.json, the timeline above) and chain.json (the digest chain and its check).', before: 4 },
    { style: 'heading', text: '1. Timeline', before: 18 },
  ];
  for (const entry of c.timeline) {
    blocks.push({ style: 'text', text: `${entry.at}  ${entry.kind}: ${entry.summary}`, before: 3 });
    if (entry.rules.length > 0) blocks.push({ style: 'small', text: `rules: ${entry.rules.join(', ')}${entry.eventId !== undefined ? ` \u00b7 history event ${entry.eventId}` : ''}` });
  }
  blocks.push({ style: 'heading', text: '2. Decisions', before: 18 });
  if (c.decisions.length === 0) blocks.push({ style: 'text', text: 'No decision was recorded.' });
  for (const d of c.decisions) {
    blocks.push({ style: 'strong', text: `${d.level !== undefined ? `Level ${d.level} decision` : 'Decision'} by ${d.by}, ${d.at}: ${d.outcome}`, before: 8 });
    blocks.push(...paragraphs(d.text));
  }
  blocks.push({ style: 'heading', text: '3. Notices', before: 18 });
  if (c.notices.length === 0) blocks.push({ style: 'text', text: 'No notice was sent.' });
  for (const { notice, rendered, failure } of c.notices) {
    const deliveries = c.timeline.filter((e) => e.notice?.deliveryId.startsWith(`${notice.deliveryId}:`)).map((e) => `${e.notice!.channel} ${e.notice!.failure ? `failed (${e.notice!.failure})` : `to ${e.notice!.destination.join(', ') || 'no destination'}`} at ${e.at}`);
    blocks.push({ style: 'strong', text: `${notice.kind} \u00b7 ${notice.deliveryId}`, before: 10 });
    blocks.push({ style: 'small', text: `To: ${notice.recipients.map((r) => `${r.name} (${r.role})`).join('; ') || 'nobody'}` });
    blocks.push({ style: 'small', text: `Delivered: ${deliveries.join('; ') || 'no delivery recorded'}` });
    if (rendered) blocks.push({ style: 'strong', text: `Subject: ${rendered.subject}`, before: 4 }, ...paragraphs(rendered.text));
    else blocks.push({ style: 'text', text: `The notice could not be rendered with today's templates: ${failure}`, before: 4 });
  }
  return blocks;
}

function chainSummary(chain: PacketChain): string {
  if (!chain.archived) return 'not archived yet (a case is archived when it closes).';
  const { verification } = chain;
  return verification.ok
    ? `archived; the digest chain of ${verification.entries} entries holds (head ${verification.head}).`
    : `archived, but the digest chain is BROKEN at entry ${verification.broken.seq}: ${verification.broken.problem}.`;
}

function paragraphs(text: string): Block[] {
  return text.replace(/\n+$/, '').split('\n').map((line, i) => ({ style: 'text' as const, text: line, ...(i === 0 ? { before: 2 } : {}) }));
}

const MARGIN = 60;
const FOOTER_Y = 32;

/** Flows the blocks down US Letter pages, wrapped to the margins, each page footed with "page i of n". */
function layoutPacket(blocks: readonly Block[], footer: string): PdfPage[] {
  const pages: PdfTextRun[][] = [[]];
  let y = PAGE_HEIGHT - MARGIN;
  for (const block of blocks) {
    const style = STYLES[block.style];
    y -= block.before ?? 0;
    // A heading is kept with the lines that follow it.
    const keep = block.style === 'heading' || block.style === 'strong' ? 3 * style.leading : 0;
    for (const text of wrapText(block.text, style.font, style.size, PAGE_WIDTH - 2 * MARGIN)) {
      if (y - keep < MARGIN) {
        pages.push([]);
        y = PAGE_HEIGHT - MARGIN;
      }
      if (text !== '') pages.at(-1)!.push({ x: MARGIN, y, text, font: style.font, size: style.size });
      y -= style.leading;
    }
  }
  return pages.map((texts, i) => ({
    texts: [...texts, { x: MARGIN, y: FOOTER_Y, text: `${footer} \u00b7 page ${i + 1} of ${pages.length}`, font: 'Helvetica', size: 8 }],
  }));
}
