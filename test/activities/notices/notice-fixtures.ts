import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { expect } from 'vitest';
import type { GrievanceNoticeKind, Notice } from '../../../src/domain/notices/notice';
import { createLogger } from '../../../src/logger';

export const silentLogger = createLogger('silent', { pretty: false });

/** The ApplicationFailure the activity call rejects with (the test fails if it resolves or rejects otherwise). */
export async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  return error as ApplicationFailure;
}

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
}

/** The facts every grievance notice carries. */
export const commonFacts = {
  caseId: 'G-2026-001',
  district: 'Lakeview Unified',
  grievants: 'Dana Reyes, Sam Ortiz',
  school: 'Lincoln Elementary',
  level: '1',
  levelName: 'level 1',
  status: 'open',
  today: '2026-10-20',
  caseUrl: 'https://cases.example/v1/grievances/G-2026-001',
} as const;

/** The facts the workflow provides per kind of grievance notice, besides the common ones. */
export const factsByKind: Readonly<Record<GrievanceNoticeKind, Readonly<Record<string, string>>>> = {
  'filing-receipt': {
    receivedOn: '2026-10-09',
    filedBy: 'hr-clerk-1',
    statement: 'No post-observation conference after the 2026-10-02 observation.',
  },
  'deadline-reminder': {
    deadlineLabel: 'Level 1 decision',
    due: '2026-10-23',
    rule: 'GRV-L1-DECISION',
    schoolDaysLeft: '3',
    explanation: '5 school days after 2026-10-16; skipped 2026-10-17 (weekend), 2026-10-18 (weekend).',
  },
  'deadline-missed': {
    deadlineLabel: 'Level 1 decision',
    due: '2026-10-23',
    rule: 'GRV-L1-DECISION',
    consequence: 'The grievant may move the grievance to level 2 as if it had been denied.',
  },
  'action-recorded': {
    action: 'schedule-conference',
    actor: 'principal-7',
    at: '2026-10-12T15:04:00-05:00',
    notes: 'Conference on 2026-10-14 at 15:30 in room 12.',
  },
  decision: {
    outcome: 'denied',
    decisionText: 'The observation conference was held within the handbook timeline.',
    decidedBy: 'Principal Kim',
    decidedOn: '2026-10-21',
    appealBy: '2026-10-28',
  },
  'case-closed': {
    outcome: 'withdrawn',
    rule: 'GRV-WITHDRAW',
    closedOn: '2026-10-22',
    reason: 'The grievant withdrew the grievance in writing.',
  },
};

export const NOTICE_KINDS = Object.keys(factsByKind) as GrievanceNoticeKind[];

/** A grievance notice of `kind` with all its facts, to two emailable recipients and one by post only. */
export function grievanceNotice(kind: GrievanceNoticeKind = 'filing-receipt', overrides: Partial<Notice> = {}): Notice {
  return {
    deliveryId: `grievance:G-2026-001:1:${kind}:2026-10-20`,
    kind,
    caseType: 'grievance',
    caseId: 'G-2026-001',
    workflowId: 'grievance:G-2026-001',
    district: 'lakeview',
    template: `grievance/${kind}`,
    facts: { ...commonFacts, ...factsByKind[kind] },
    recipients: [
      { name: 'Dana Reyes', role: 'grievant', audience: 'grievant-side', email: 'dana@example.org', postalAddress: ['12 Elm St', 'Lakeview, MN 55001'] },
      { name: 'Sam Ortiz', role: 'grievant', audience: 'grievant-side', email: 'sam@example.org' },
      { name: 'Pat Lee', role: 'association representative', audience: 'grievant-side', postalAddress: ['PO Box 9', 'Lakeview, MN 55002'] },
    ],
    channels: ['email', 'webhook', 'letter'],
    ...overrides,
  };
}
