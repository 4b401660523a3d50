import { z } from 'zod';
import { caseDeadlineSchema } from './case-deadline';
import { caseListQueryFields, caseListSchema } from './case-list';
import { ARTIFACT_LIMITS, GOAL_STATUSES, PIP_LIMITS, PIP_STANDARDS } from '../../src/domain/pip/pip-case';

const calendarDate = z.iso.date().describe('Calendar date in the district time zone (YYYY-MM-DD)');
const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, underscore and hyphen, at most 64');
const person = z.object({ id: text(200).describe("The person's account id (the token's `sub`, or the employee id the district's tokens carry)"), name: text(200), email: z.email().max(320).optional() });
const planRef = z.string().max(3).regex(/^P[0-9]{1,2}$/).describe('The plan: `P1`, `P2` ...');
const stepRef = z.string().max(3).regex(/^S[0-9]{1,2}$/).describe('The action step of the plan: `S1`, `S2` ...');

const teamMember = z.object({ id: text(200).optional().describe('Their account id, so that they act on the plan as a team member'), name: text(200), role: text(200).describe('Their part: instructional coach, program lead ...'), email: z.email().max(320).optional() });

const step = z
  .object({
    description: z.string().max(2000).describe('What will be done to acquire the knowledge and skills the goal needs'),
    completeBy: calendarDate.describe('The anticipated completion date (a deadline with reminders, PIP-STEPS)'),
    checkInOn: calendarDate.describe('When to check in with the evaluator on progress (a deadline with reminders, PIP-STEPS)'),
  })
  .meta({ id: 'PipActionStep' });

const planContent = {
  goal: z.object({ statement: z.string().max(2000).describe('One specific growth goal (PIP-GOAL)'), measure: z.string().max(1000).describe('How the goal is measured (PIP-GOAL)') }),
  alignment: z.array(z.string().max(8)).max(PIP_STANDARDS.length).describe(`PIP-ALIGN: the standards the goal aligns to, of ${PIP_STANDARDS.join(', ')}`),
  steps: z.array(step).max(PIP_LIMITS.stepsPerPlan).describe(`PIP-STEPS: 1 to ${PIP_LIMITS.stepsPerPlan} action steps`),
  evidencePlanned: z.string().max(2000).optional().describe('The evidence that will show the goal was met (PIP-EVIDENCE)'),
};

/** `POST /v1/pip`: the employee, the team and the first plan. */
export const pipOpeningSchema = z
  .object({
    id: id.describe("The district's case number; the workflow id is `pip:<district>:<id>`"),
    school: text(200).optional(),
    schoolYear: z.string().max(9).regex(/^\d{4}-\d{4}$/).optional().describe("The school year of the plan (`2026-2027`); default the year of today's date"),
    employee: person.extend({ position: text(200).optional() }).describe('The support professional on the plan'),
    evaluator: person.describe('PIP-TEAM: the primary evaluator'),
    team: z.array(teamMember).max(PIP_LIMITS.team).default([]).describe('PIP-TEAM: the other team members'),
    plan: z.object(planContent).describe('The first plan: its goal, alignment, action steps and planned evidence'),
  })
  .meta({
    id: 'PipOpening',
    examples: [
      {
        id: 'SP-2026-001',
        school: 'roosevelt-middle',
        employee: { id: 'e40011', name: 'Sam Rivera', position: 'Paraeducator' },
        evaluator: { id: 'e30017', name: 'Chris Park' },
        team: [{ name: 'Ana Cruz', role: 'instructional coach' }],
        plan: {
          goal: { statement: 'Lead small-group reading with the routines of the reading program', measure: 'Four observed sessions scored proficient' },
          alignment: ['1b', 'PR2'],
          steps: [{ description: 'Complete the reading-program training and co-lead two sessions', completeBy: '2027-01-29', checkInOn: '2027-01-15' }],
          evidencePlanned: 'Observation notes and session logs',
        },
      },
    ],
  });

/** PIP-EVIDENCE: an uploaded document as the case keeps it, its claim check. */
const documentRef = z
  .object({
    sha256: z.string().max(64).regex(/^[0-9a-f]{64}$/).describe('SHA-256 of the document, lower-case hex'),
    size: z.number().int().min(1).max(ARTIFACT_LIMITS.maxBytes).describe(`Bytes, at most ${ARTIFACT_LIMITS.maxBytes}`),
    contentType: z.string().max(100).describe(`One of ${ARTIFACT_LIMITS.contentTypes.join(', ')}`),
  })
  .meta({ id: 'PipDocumentRef' });

/** Every PIP action (pip-process.ts PIP_ACTIONS); the actor comes from the token, never from the body. */
export const pipActionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('assign-plan'), ...planContent }),
    z.object({ type: z.literal('add-team-member'), member: teamMember }),
    z.object({ type: z.literal('add-step'), plan: planRef, step }),
    z.object({ type: z.literal('reschedule-step'), plan: planRef, step: stepRef, completeBy: calendarDate.optional(), checkInOn: calendarDate.optional(), reason: z.string().max(2000) }),
    z.object({ type: z.literal('check-in'), plan: planRef, step: stepRef, progress: z.string().max(5000), nextCheckInOn: calendarDate.optional() }),
    z.object({ type: z.literal('complete-step'), plan: planRef, step: stepRef }),
    z.object({ type: z.literal('add-evidence'), plan: planRef, kind: z.enum(['evidence', 'artifact']), description: z.string().max(2000), document: documentRef.optional() }),
    z.object({ type: z.literal('record-support'), plan: planRef, description: z.string().max(2000) }),
    z.object({ type: z.literal('comment'), plan: planRef, text: z.string().max(5000) }),
    z.object({ type: z.literal('record-status'), plan: planRef, status: z.enum(GOAL_STATUSES), comments: z.string().max(5000).optional() }),
    z.object({ type: z.literal('withdraw'), reason: z.string().max(2000) }),
  ])
  .meta({ id: 'PipAction', examples: [{ type: 'comment', plan: 'P1', text: 'Co-led the first session; routines followed throughout.' }] });

/**
 * An improvement plan case as one reader may see it (pip-view.ts): the parts they may not see are left out of each
 * plan and named in `withheld`; `deadlines` are every deadline the case ran.
 */
export const pipCaseViewSchema = z
  .looseObject({
    id: z.string(),
    district: z.string(),
    schoolYear: z.string(),
    status: z.string(),
    relation: z.string().describe('How the caller stands to the case: employee, evaluator, team-member, hr, auditor'),
    plans: z.array(z.looseObject({ id: z.string() })).readonly(),
    withheld: z.array(z.string()).readonly().describe('The parts of the case the caller may not see'),
    deadlines: z.array(caseDeadlineSchema).readonly().describe('Every deadline the case ran (pending, met, missed, cancelled), with how it was counted'),
  })
  .meta({ id: 'PipCaseView' });

export const pipListQuerySchema = z.object({
  status: z.string().regex(/^[a-z-]+$/).max(64).optional().describe('`active`, a closed reason (`year-end-status-recorded`, `withdrawn`), `open` or `closed`'),
  ...caseListQueryFields,
});

export const pipListSchema = caseListSchema('PipList', { openedAt: z.string().optional() });
