import { z } from 'zod';
import { ROLES } from '../../src/domain/actor';
import { caseClockSchema } from './case-clock';

const calendarDate = z.iso.date().describe('Calendar date in the district time zone (YYYY-MM-DD)');
const text = z.string().trim().min(1);

export const caseIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit')
  .describe("The district's case number");

/** GRV-CONTENT: a written grievance states who, what, which provisions, the remedy asked, and is signed. */
export const grievanceFilingSchema = z
  .object({
    id: caseIdSchema,
    grievants: z
      .array(z.object({ name: text, position: text, email: z.email().optional() }))
      .min(1, 'at least one grievant is required')
      .readonly()
      .describe('Name and position of each grievant (several for a collective grievance)'),
    school: text.optional(),
    statement: text.max(20_000).describe('The grievance and the facts, with relevant dates'),
    policyProvisions: z.array(text).min(1, 'name at least one policy provision').readonly(),
    correctiveAction: text.describe('The corrective action requested'),
    knewOn: calendarDate.describe('When the grievant knew or should have known of the act or condition (GRV-FILE-40)'),
    signedBy: text.describe("The grievant's signature (name as signed)"),
  })
  .meta({ id: 'GrievanceFiling' });

const actorSchema = z.object({ id: z.string(), roles: z.array(z.enum(ROLES)).readonly(), district: z.string() });

export const grievanceCaseSchema = z
  .object({
    caseType: z.literal('grievance'),
    id: z.string(),
    district: z.string(),
    status: z.enum(['filed']),
    filing: grievanceFilingSchema,
    filedBy: actorSchema,
    filedAt: z.iso.datetime(),
    actions: z.array(z.object({ action: z.string(), actor: actorSchema, at: z.iso.datetime() })).readonly(),
    noticesSent: z.array(z.string()).readonly().describe('Delivery ids of the notices sent for this case'),
    clock: caseClockSchema,
  })
  .meta({ id: 'GrievanceCase' });

export const grievanceParamsSchema = z.object({ id: caseIdSchema });
