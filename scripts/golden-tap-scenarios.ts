/**
 * The Teacher Assistance Plan scenarios of `npm run histories:record` (test/histories/tap/<scenario>--<RULE-IDS>.json):
 * each runs one plan to its close on the time-skipping server, with the workflow code of the day.
 */
import type { RunningDeadline } from '../src/domain/calendar';
import type { TapAction } from '../src/domain/tap/tap-case';
import { type tapDriver, type TapHandle } from '../test/helpers/tap-driver';
import { administrator, districtLead, hr, planAt, teacher } from '../test/helpers/tap-fixtures';
import { advanceTo } from '../test/helpers/temporal-env';

type Driver = ReturnType<typeof tapDriver>;

export interface TapScenario {
  readonly name: string;
  readonly rules: string[];
  run(tap: Driver, id: string): Promise<TapHandle>;
}

const review = (action: Omit<Extract<TapAction, { type: 'review' }>, 'type'>): TapAction => ({ type: 'review', ...action });

export const TAP_SCENARIOS: readonly TapScenario[] = [
  {
    name: 'tap-up-down-exit',
    rules: ['TAP-LEVELS', 'TAP-DOC', 'TAP-TIMELINE'],
    async run(tap, id) {
      const handle = await tap.open(id, 1);
      await tap.act(handle, { type: 'acknowledge' }, teacher);
      await tap.act(handle, review({ outcome: 'move-up', level: 2, plan: planAt(2), summary: 'Concerns persist' }), administrator);
      await tap.act(handle, { type: 'record-meeting', on: await tap.today(), notes: 'Remediation meeting' }, districtLead);
      await tap.act(handle, review({ outcome: 'move-down', plan: planAt(1), summary: 'Improving' }), administrator);
      await tap.act(handle, review({ outcome: 'exit', summary: 'Practice improved' }), administrator);
      return handle;
    },
  },
  {
    name: 'tap-review-missed-then-resolved',
    rules: ['TAP-TIMELINE'],
    async run(tap, id) {
      const handle = await tap.open(id, 3, { plan: planAt(3, { timeline: { count: 10, unit: 'school-day' } }) });
      const due = (await tap.deadline(handle, 'review:1')).current as RunningDeadline;
      await advanceTo(tap.env(), Date.parse(due.dueAt) + 60_000);
      for (let attempt = 0; (await tap.state(handle)).case.status !== 'review-overdue'; attempt++) {
        if (attempt > 200) throw new Error(`${id}: the review date never passed`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await tap.act(handle, review({ outcome: 'termination', summary: 'No improvement at level 3' }), districtLead);
      return handle;
    },
  },
  {
    name: 'tap-revised-plan',
    rules: ['TAP-DOC'],
    async run(tap, id) {
      const handle = await tap.open(id, 2);
      await tap.act(handle, { type: 'revise-plan', plan: planAt(2, { timeline: { count: 3, unit: 'month' } }), reason: 'More time with the coach' }, hr);
      await tap.act(handle, review({ outcome: 'exit', summary: 'Met the plan' }), hr);
      return handle;
    },
  },
];
