import { z } from 'zod';

const statuses = [
  'open',
  'closed',
  'informal',
  'awaiting-conference',
  'awaiting-decision',
  'appeal-window',
  'resolved-informally',
  'waived',
  'accepted',
  'final',
  'withdrawn',
  'sent-to-arbitration',
] as const;

export const grievanceListQuerySchema = z.object({
  status: z.enum(statuses).optional().describe('A stage, a closing outcome, or open / closed'),
  level: z.coerce.number().int().min(0).max(3).optional(),
  school: z.string().trim().min(1).max(128).optional(),
  dueBefore: z.iso.date().optional().describe('Cases whose next deadline ends on or before this date'),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  pageToken: z.string().max(4_096).optional(),
});

export const grievanceListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        workflowId: z.string(),
        status: z.string(),
        level: z.number(),
        school: z.string().optional(),
        nextDeadline: z.string().optional().describe('End instant of the earliest running deadline'),
        filedAt: z.string().optional(),
        closedAt: z.string().optional(),
        href: z.string(),
      }),
    ),
    nextPageToken: z.string().optional(),
  })
  .meta({ id: 'GrievanceList' });
