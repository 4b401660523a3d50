import { describe, expect, it } from 'vitest';
import type { ActionStep, PipState } from '../../../src/domain/pip/pip-case';
import { deadlineKey, deadlineKindOf, meets, parseDeadlineKey, pendingDeadlines, PIP_DEADLINE_RULES } from '../../../src/domain/pip/pip-deadlines';
import { startPip } from '../../../src/domain/pip/pip-process';
import { START } from './pip-fixtures';

// A function, not a module constant: code run while a test module loads is a static mutant, which the vitest runner
// cannot activate (stryker-js#6144), so each test opens its own case.
const opened = (): PipState => ({ ...startPip(START), yearEndsOn: '2027-06-04' });
const plan = () => opened().plans[0]!;
const withSteps = (steps: PipState['plans'][number]['steps'], over: Partial<PipState['plans'][number]> = {}): PipState => ({ ...opened(), plans: [{ ...plan(), steps, ...over }] });

describe('the deadlines of an improvement plan case (PIP-STEPS, PIP-STATUS), each under its own clock key', () => {
  it('PIP-STEPS / PIP-STATUS: completions and check-ins are PIP-STEPS, the year-end status PIP-STATUS', () => {
    expect(PIP_DEADLINE_RULES).toEqual({ completion: 'PIP-STEPS', 'check-in': 'PIP-STEPS', 'year-end-status': 'PIP-STATUS' });
  });

  it('PIP-STEPS: a key names its kind, plan, step (when it has one) and date, and reads back the same', () => {
    expect(deadlineKey({ kind: 'check-in', plan: 'P1', step: 'S2', on: '2027-01-15' })).toBe('check-in:P1:S2:2027-01-15');
    expect(deadlineKey({ kind: 'year-end-status', plan: 'P3', on: '2027-06-04' })).toBe('year-end-status:P3:2027-06-04');
    expect(parseDeadlineKey('check-in:P1:S2:2027-01-15')).toEqual({ kind: 'check-in', plan: 'P1', step: 'S2', on: '2027-01-15' });
    expect(parseDeadlineKey('completion:P2:S1:2027-02-01')).toEqual({ kind: 'completion', plan: 'P2', step: 'S1', on: '2027-02-01' });
    expect(parseDeadlineKey('year-end-status:P3:2027-06-04')).toEqual({ kind: 'year-end-status', plan: 'P3', on: '2027-06-04' });
    for (const bad of ['review:P1:2027-06-04', 'year-end-status:P1:S1:2027-06-04', 'year-end-status:P1', 'check-in:P1:2027-01-15', 'completion:P1:S1:2027-01-15:x', 'toString:P1:S1:x', '']) {
      expect(parseDeadlineKey(bad)).toBeUndefined();
    }
    expect(deadlineKindOf('check-in:P1:S2:2027-01-15')).toBe('check-in');
    expect(deadlineKindOf('year-end-status:P3:2027-06-04')).toBe('year-end-status');
  });

  it('PIP-STEPS / PIP-STATUS: each open step runs its completion and check-in, each plan its status, due at the end of that day', () => {
    expect(pendingDeadlines(opened())).toEqual([
      { key: 'completion:P1:S1:2026-10-30', label: 'Plan P1, action step S1: anticipated completion', spec: { rule: 'PIP-STEPS', trigger: '2026-10-30', unit: 'calendar-day', count: 0 } },
      { key: 'check-in:P1:S1:2026-10-16', label: 'Plan P1, action step S1: check-in with the evaluator', spec: { rule: 'PIP-STEPS', trigger: '2026-10-16', unit: 'calendar-day', count: 0 } },
      { key: 'completion:P1:S2:2027-04-16', label: 'Plan P1, action step S2: anticipated completion', spec: { rule: 'PIP-STEPS', trigger: '2027-04-16', unit: 'calendar-day', count: 0 } },
      { key: 'check-in:P1:S2:2027-01-22', label: 'Plan P1, action step S2: check-in with the evaluator', spec: { rule: 'PIP-STEPS', trigger: '2027-01-22', unit: 'calendar-day', count: 0 } },
      { key: 'year-end-status:P1:2027-06-04', label: 'Plan P1: end-of-year goal status', spec: { rule: 'PIP-STATUS', trigger: '2027-06-04', unit: 'calendar-day', count: 0 } },
    ]);
  });

  it('PIP-STEPS: a completed step runs nothing; a missed completion is not run again; a step without a check-in runs only its completion', () => {
    const [s1, s2] = plan().steps as [ActionStep, ActionStep];
    const state = withSteps([
      { ...s1, completedOn: '2026-10-01' },
      { ...s2, missed: ['completion 2027-04-16', 'check-in 2027-01-22'], nextCheckIn: undefined },
      { ...s2, id: 'S3', missed: ['completion 2027-03-01'] },
    ]);
    expect(pendingDeadlines(state).map((d) => d.key)).toEqual(['completion:P1:S3:2027-04-16', 'check-in:P1:S3:2027-01-22', 'year-end-status:P1:2027-06-04']);
  });

  it('PIP-STATUS: no status deadline before the calendar gives the year end, nor once it was missed; none for a plan with its status, none when closed', () => {
    const { yearEndsOn: _, ...noCalendar } = opened();
    expect(pendingDeadlines(noCalendar as PipState).map((d) => d.key)).not.toContain('year-end-status:P1:2027-06-04');
    expect(pendingDeadlines(noCalendar as PipState)).toHaveLength(4);
    expect(pendingDeadlines(withSteps(plan().steps, { statusOverdue: true })).map((d) => d.key)).toHaveLength(4);
    expect(pendingDeadlines(withSteps(plan().steps, { status: { status: 'achieved', on: '2027-05-20' } }))).toEqual([]);
    expect(pendingDeadlines({ ...opened(), status: 'closed', closed: { reason: 'withdrawn', on: '2026-12-01', rule: 'PIP-STATUS' } })).toEqual([]);
  });

  it('PIP-STEPS / PIP-STATUS: an action meets only the deadline of its own plan and step', () => {
    const rows: readonly [{ type: string; plan?: string; step?: string }, string, boolean][] = [
      [{ type: 'check-in', plan: 'P1', step: 'S1' }, 'check-in:P1:S1:2026-10-16', true],
      [{ type: 'check-in', plan: 'P1', step: 'S2' }, 'check-in:P1:S1:2026-10-16', false],
      [{ type: 'check-in', plan: 'P2', step: 'S1' }, 'check-in:P1:S1:2026-10-16', false],
      [{ type: 'complete-step', plan: 'P1', step: 'S1' }, 'check-in:P1:S1:2026-10-16', false],
      [{ type: 'complete-step', plan: 'P1', step: 'S1' }, 'completion:P1:S1:2026-10-30', true],
      [{ type: 'complete-step', plan: 'P1', step: 'S2' }, 'completion:P1:S1:2026-10-30', false],
      [{ type: 'check-in', plan: 'P1', step: 'S1' }, 'completion:P1:S1:2026-10-30', false],
      [{ type: 'record-status', plan: 'P1' }, 'year-end-status:P1:2027-06-04', true],
      [{ type: 'record-status', plan: 'P2' }, 'year-end-status:P1:2027-06-04', false],
      [{ type: 'comment', plan: 'P1' }, 'year-end-status:P1:2027-06-04', false],
      [{ type: 'check-in', plan: 'P1', step: 'S1' }, 'nonsense', false],
    ];
    expect(rows.map(([event, key]) => meets(event, key))).toEqual(rows.map(([, , met]) => met));
  });
});
