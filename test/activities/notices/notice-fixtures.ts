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

/** The facts every grievance notice carries, worded as src/domain/grievance/grievance-notices.ts words them. */
export const commonFacts = {
  caseId: 'G-2026-001',
  district: 'Lakeview Unified',
  grievants: 'Dana Reyes, Sam Ortiz',
  school: 'Lincoln Elementary',
  level: '1',
  levelName: 'level 1',
  status: 'awaiting decision',
  today: '2026-10-20',
  caseUrl: 'https://cases.example/v1/grievances/G-2026-001',
  nextDeadline: 'level 1 written decision due: Friday, October 23, 2026, until 11:59 p.m. (America/Chicago time) (GRV-DECIDE-10)',
} as const;

const appeal = {
  appealBy: 'Wednesday, October 28, 2026, until 11:59 p.m. (America/Chicago time)',
  appealRule: 'GRV-APPEAL-5',
  appealCounting: '5 school days after Wednesday, October 21, 2026 (that day not counted); not counted: October 24 to 25, 2026 (weekend)',
  nextLevelName: 'level 2',
  nextDecider: 'Chris Chief',
  ifNoAppeal: 'the level 1 decision is accepted and the grievance closes (GRV-ACCEPT).',
};

/** The facts the workflow provides per kind of grievance notice, besides the common ones. */
export const factsByKind: Readonly<Record<GrievanceNoticeKind, Readonly<Record<string, string>>>> = {
  'filing-receipt': {
    receivedOn: 'Friday, October 9, 2026',
    filedBy: 'Human Resources',
    statement: 'No post-observation conference after the 2026-10-02 observation.',
  },
  'deadline-reminder': {
    deadlineLabel: 'level 1 written decision due',
    dueOn: 'Friday, October 23, 2026',
    due: 'Friday, October 23, 2026, until 11:59 p.m. (America/Chicago time)',
    rule: 'GRV-DECIDE-10',
    schoolDaysLeft: '3',
    explanation: '10 school days after Friday, October 9, 2026 (that day not counted); not counted: October 10 to 11, 2026 (weekend); October 17 to 18, 2026 (weekend)',
    ifMissed: 'both sides are told, and the grievant may appeal to level 2 as if the grievance had been denied (GRV-DECISION-LATE).',
  },
  'deadline-missed': {
    deadlineLabel: 'level 1 written decision due',
    due: 'Friday, October 23, 2026',
    rule: 'GRV-DECIDE-10',
    consequence: 'GRV-DECISION-LATE: no level 1 decision by 2026-10-23; appealable as if denied',
    ...appeal,
  },
  'action-recorded': {
    actionText: 'scheduled the conference',
    actor: 'Pat Lee',
    at: 'Monday, October 12, 2026',
    notes: 'GRV-CONF-5: conference on 2026-10-14 at 15:30',
  },
  decision: {
    outcome: 'denied',
    decisionText: 'The observation conference was held within the handbook timeline.',
    decidedBy: 'Pat Lee',
    decidedOn: 'Wednesday, October 21, 2026',
    ...appeal,
    finality: '',
  },
  'case-closed': {
    outcome: 'withdrawn',
    rule: 'GRV-WITHDRAW',
    closedOn: 'Thursday, October 22, 2026',
    reason: 'GRV-WITHDRAW: withdrawn without prejudice',
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
