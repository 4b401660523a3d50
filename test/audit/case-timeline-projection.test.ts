import { describe, expect, it } from 'vitest';
import { projectTimeline, type TimelineEntry } from '../../src/audit/case-timeline';

const panel = { id: 'panel-chair', roles: ['panel' as const], district: 'd' };
const ct = { id: 'ct-kim', roles: ['consulting-teacher' as const], district: 'd' };

/** A recorded story: an IPG conference whose notes (recorded before notes stopped naming goals) closed a deadline. */
const entries: TimelineEntry[] = [
  { at: '2027-08-25T15:00:00Z', kind: 'action', action: 'hold-ipg-conference', actor: ct, rules: ['PAR-IPG'], notes: ['PAR-IPG: goals set on 2027-08-25: SECRET GOAL'], summary: 'hold-ipg-conference by ct-kim: PAR-IPG: goals set on 2027-08-25: SECRET GOAL' },
  {
    at: '2027-08-25T15:00:00Z',
    kind: 'deadline',
    rules: ['PAR-IPG'],
    summary: 'IPG conference: met (due 2027-09-08)',
    deadline: { key: 'ipg-conference', label: 'IPG conference', change: 'met', due: '2027-09-08', cause: 'PAR-IPG: goals set on 2027-08-25: SECRET GOAL' },
  },
  { at: '2027-08-26T15:00:00Z', kind: 'action', action: 'record-deliberation', actor: panel, rules: ['PAR-PANEL-CONF'], notes: ['PAR-PANEL-CONF: noted'], summary: 'record-deliberation by panel-chair: PAR-PANEL-CONF: noted' },
  { at: '2027-08-27T15:00:00Z', kind: 'action', action: 'request-panel-meeting', actor: ct, rules: ['PAR-SIGN'], notes: ['PAR-SIGN: meeting asked'], summary: 'request-panel-meeting by ct-kim: PAR-SIGN: meeting asked' },
];

describe('timeline projection (pure)', () => {
  it('PAR-RESULT-EVAL / PAR-PANEL-CONF: a step the reader may not see keeps who and when, loses what it wrote, and so do the deadline changes it caused', () => {
    const projected = projectTimeline(entries, (action) => !['hold-ipg-conference', 'record-deliberation'].includes(action));
    expect(JSON.stringify(projected)).not.toContain('SECRET GOAL');
    expect(projected[0]).toEqual({ at: entries[0]!.at, kind: 'action', action: 'hold-ipg-conference', actor: ct, rules: ['PAR-IPG'], summary: 'hold-ipg-conference by ct-kim (content withheld)', eventId: undefined, runId: undefined, stage: undefined });
    expect(projected[1]!.deadline).toMatchObject({ change: 'met', due: '2027-09-08', cause: 'hold-ipg-conference (content withheld)' });
    expect(projected[2]!.summary).toBe('record-deliberation by panel-chair (content withheld)');
    expect(projected[3]).toEqual(entries[3]);
  });

  it('PAR-RESULT-EVAL: a reader who sees every part reads the timeline as recorded', () => {
    expect(projectTimeline(entries, () => true)).toEqual(entries);
  });
});
