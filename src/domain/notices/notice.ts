import type { StoredText } from '../case/stored-text';
import type { CalendarDate, DeadlineUnit, SkippedDays } from '../calendar';

/**
 * A notice about a case, as a workflow decides it: which template, the case's facts to fill it with, who receives
 * it and over which channels. Rendering and delivery are activities (I/O); this type is what crosses the boundary
 * and what the workflow history records.
 */
export type NoticeChannel = 'email' | 'webhook' | 'letter';

export const GRIEVANCE_NOTICE_KINDS = ['filing-receipt', 'deadline-reminder', 'deadline-missed', 'action-recorded', 'decision', 'case-closed'] as const;
export type GrievanceNoticeKind = (typeof GRIEVANCE_NOTICE_KINDS)[number];

/** A PAR program year's notices to HR: a window opened or closed (PAR-SPRING-WINDOW, PAR-VOL-WINDOW), a place given. */
export const PAR_PROGRAM_NOTICE_KINDS = ['window-opened', 'window-closed', 'place-offered'] as const;
export type ParProgramNoticeKind = (typeof PAR_PROGRAM_NOTICE_KINDS)[number];

/** An observation cycle's own notices: a process violation found, with the grievance it offers (OBS-FEEDBACK-7). */
export const OBSERVATION_NOTICE_KINDS = ['process-violation'] as const;

/** Every kind of notice a case sends (the API's schemas list them from here). */
export const NOTICE_KINDS = [...GRIEVANCE_NOTICE_KINDS, ...PAR_PROGRAM_NOTICE_KINDS, ...OBSERVATION_NOTICE_KINDS] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Which side of the case a person is on: reminders and notices are addressed by side. */
export type NoticeAudience = 'grievant-side' | 'district-side';

export interface NoticeRecipient {
  readonly name: string;
  readonly role: string;
  readonly audience: NoticeAudience;
  readonly email?: string | undefined;
  /** Lines of a postal address, for a letter sent by registered mail. */
  readonly postalAddress?: readonly string[] | undefined;
}

export interface Notice {
  /**
   * The notice's idempotency key, unique per case and occasion (e.g. `grievance:G-1:1:decision:2026-12-07:remind-2`).
   * Each channel delivers under `<deliveryId>:<channel>`: the same id is never delivered twice by a receiver that
   * honours it (outbox file, SMTP Message-ID, webhook delivery id, letter file).
   */
  readonly deliveryId: string;
  readonly kind: NoticeKind;
  readonly caseType: 'grievance' | 'par' | 'tap' | 'assistance-plan' | 'improvement-plan' | 'observation-cycle';
  readonly caseId: string;
  readonly workflowId: string;
  readonly district: string;
  /** Template path under `templates/` without extension, e.g. `grievance/deadline-reminder`. */
  readonly template: string;
  /** The case's facts the template fills in: `{{name}}` placeholders. Every placeholder must have a fact. */
  readonly facts: Readonly<Record<string, string>>;
  /**
   * Facts whose text is in the case document store (issue 11: a decision's text, a statement): the notice carries
   * their claim checks, and the channel writes the text into `facts` before it renders the template.
   */
  readonly documents?: Readonly<Record<string, StoredText['stored']>> | undefined;
  readonly recipients: readonly NoticeRecipient[];
  readonly channels: readonly NoticeChannel[];
  /**
   * The deadline the notice is about, as the case clock counted it on the district calendar: a letter pictures it
   * as a month calendar of the counted and skipped days, the webhook carries it for the HR system.
   */
  readonly deadline?: NoticeDeadline | undefined;
}

/** A deadline as the case clock computed it (CAL-1): what was counted from when, the due day and every day skipped. */
export interface NoticeDeadline {
  readonly label: string;
  readonly rule: string;
  /** Day X: the count starts the day after it. */
  readonly trigger: CalendarDate;
  readonly unit: DeadlineUnit;
  readonly count: number;
  readonly due: CalendarDate;
  /** The instant the deadline ends (23:59:59 on the due day in the district's time zone) and that zone. */
  readonly dueAt: string;
  readonly timeZone: string;
  readonly skipped: readonly SkippedDays[];
}

/** What one channel did with a notice. */
export interface NoticeReceipt {
  readonly channel: NoticeChannel;
  readonly deliveryId: string;
  /** True when this delivery id had already been delivered (a retried attempt): nothing was sent again. */
  readonly duplicate: boolean;
  /** e.g. the email addresses, the webhook URL, the letter file's name. Empty: nothing was delivered. */
  readonly destination: readonly string[];
  /** Why nothing was delivered (no webhook configured, no recipient with an address): not a delivery. */
  readonly skipped?: string | undefined;
}

/** A case's record of one delivery attempt's outcome, shown with the case (who was told what, when, how). */
export interface NoticeRecord {
  readonly deliveryId: string;
  readonly kind: NoticeKind;
  readonly channel: NoticeChannel;
  readonly at: string;
  readonly destination: readonly string[];
  /** Set when the channel gave up (e.g. the HR system refused the webhook): the case shows it, nothing is lost silently. */
  readonly failure?: string | undefined;
  /**
   * Set when the channel had nothing to deliver to (no WEBHOOK_URL, no recipient with an address): no delivery
   * happened, and the record says why instead of reading as one (its destination is empty).
   */
  readonly skipped?: string | undefined;
}
