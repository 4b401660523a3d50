import { z } from 'zod';

/** One deadline as a case view shows it (api/routes/case-deadline-view.ts), for every family's view schema. */
export const caseDeadlineSchema = z.object({
  key: z.string(),
  label: z.string(),
  rule: z.string(),
  status: z.enum(['pending', 'met', 'missed', 'cancelled']),
  due: z.string().optional().describe('The last day (district calendar date)'),
  dueAt: z.string().optional().describe('The instant the last day ends (23:59:59 local)'),
  explanation: z.object({
    trigger: z.string(),
    unit: z.string(),
    count: z.number(),
    state: z.enum(['running', 'paused', 'waiting-for-calendar']),
    skipped: z.array(z.object({ from: z.string(), to: z.string(), reason: z.string() })).readonly(),
    movedFrom: z.object({ due: z.string(), reason: z.string() }).optional().describe('A due day not worked, moved to the last work day before'),
  }),
});
