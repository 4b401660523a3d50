import { z } from 'zod';

const actor = z.object({ id: z.string(), roles: z.array(z.string()).readonly(), district: z.string() });
const skipped = z.array(z.object({ from: z.string(), to: z.string(), reason: z.string() })).readonly();
const spec = { rule: z.string(), trigger: z.string(), unit: z.enum(['school-day', 'work-day', 'calendar-day', 'week', 'month']), count: z.number() };

export const pauseRecordSchema = z
  .object({
    from: z.string().describe('First day that does not count'),
    to: z.string().optional().describe('Last day that does not count, never before `from` (a pause ended the day it began stops that day); absent while paused'),
    reason: z.string(),
    pausedBy: actor,
    pausedAt: z.string(),
    resumedBy: actor.optional(),
    resumedAt: z.string().optional(),
  })
  .meta({ id: 'PauseRecord' });

/** A deadline with its explanation (CAL-1) and every change it went through (CAL-2). */
export const caseDeadlineSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    spec: z.object(spec),
    status: z.enum(['pending', 'met', 'missed', 'cancelled']),
    current: z
      .discriminatedUnion('state', [
        z.object({ ...spec, state: z.literal('running'), due: z.string(), dueAt: z.string(), timeZone: z.string(), skipped }),
        z.object({ ...spec, state: z.literal('paused'), pausedSince: z.string(), remaining: z.number(), skipped }),
      ])
      .optional()
      .describe('Absent while no published calendar covers the count'),
    changes: z
      .array(
        z.object({
          at: z.string(),
          change: z.enum(['set', 'moved', 'paused', 'resumed', 'waiting-for-calendar', 'met', 'missed', 'cancelled']),
          due: z.string().optional(),
          previousDue: z.string().optional(),
          cause: z.string(),
        }),
      )
      .readonly(),
  })
  .meta({ id: 'CaseDeadline' });

export const caseClockSchema = z
  .object({
    calendars: z.array(z.object({ schoolYear: z.string(), version: z.number() })).readonly().describe('Calendar versions the case counts on'),
    paused: z.boolean(),
    pauses: z.array(pauseRecordSchema).readonly(),
    deadlines: z.array(caseDeadlineSchema).readonly(),
  })
  .meta({ id: 'CaseClock' });

export const pauseBodySchema = z
  .object({ reason: z.string().trim().min(1).max(500).describe('e.g. "abeyance by mutual agreement"') })
  .meta({ examples: [{ reason: 'Abeyance by mutual agreement until the arbitration ruling' }] });

/** `Idempotency-Key`: a retried action is applied once (it is the Temporal Update ID). */
export const idempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({
      description:
        'A key you choose per request (a UUID, say): the request retried with the same key is applied once and answered ' +
        'again; the key reused for a different request is refused (422)',
      examples: ['5f0c6a9e-1b7d-4c1e-9a53-2f8d0b6e7c41'],
    }),
});
