import { z } from 'zod';

/** The filters every case listing takes besides its own (the kernel's listing route reads these). */
export const caseListQueryFields = {
  school: z.string().trim().min(1).max(128).optional(),
  dueBefore: z.iso.date().optional().describe('Cases whose next deadline ends on or before this date'),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  pageToken: z.string().max(4_096).optional(),
};

/** A page of a family's listing: items with the kernel's fields and the family's own, and the next page's token. */
export function caseListSchema<T extends z.ZodRawShape>(id: string, own: T) {
  return z
    .object({
      items: z.array(
        z.object({
          id: z.string(),
          workflowId: z.string(),
          status: z.string(),
          school: z.string().optional(),
          nextDeadline: z.string().optional().describe('End instant of the earliest running deadline'),
          closedAt: z.string().optional(),
          href: z.string(),
          ...own,
        }),
      ),
      nextPageToken: z.string().optional(),
    })
    .meta({ id });
}
