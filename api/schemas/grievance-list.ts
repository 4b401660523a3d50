import { z } from 'zod';
import { caseListQueryFields, caseListSchema } from './case-list';

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
  ...caseListQueryFields,
});

export const grievanceListSchema = caseListSchema('GrievanceList', { level: z.number(), filedAt: z.string().optional() });
