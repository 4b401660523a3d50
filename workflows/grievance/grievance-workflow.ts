import { condition, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { CaseActivities } from '../../activities';
import { openGrievance, type GrievanceCase, type GrievanceStart } from '../../src/domain/grievance/grievance-case';
import { filingReceipt } from '../../src/domain/grievance/grievance-notices';
import { schoolYearsAround } from '../../src/domain/calendar';
import { CaseStatus } from '../../src/temporal/search-attributes';
import { CaseClock, registerClockHandlers } from '../shared/case-clock';
import { getGrievanceQuery } from './grievance-messages';

export { getGrievanceQuery };

const { deliverNotice, loadDistrictCalendars } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  // A notice must eventually go out; retries are safe because each delivery carries its idempotency key.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/**
 * One grievance case, from filing to its close. The walking skeleton records the filing, acknowledges receipt and
 * holds the case open; the levels, deadlines and decisions (GRV-*) arrive with the grievance process.
 */
export async function grievanceWorkflow(start: GrievanceStart): Promise<GrievanceCase> {
  // Workflow time is the sandbox clock: deterministic on replay.
  let grievance = openGrievance(start, new Date());
  // Deadlines are counted on the district calendar (CAL-1) and follow its amendments (CAL-2).
  const clock = new CaseClock({ district: grievance.district, calendars: [] });
  registerClockHandlers(clock);
  setHandler(getGrievanceQuery, () => ({ ...grievance, clock: clock.view() }));
  upsertSearchAttributes([{ key: CaseStatus, value: grievance.status }]);
  clock.adoptCalendars(await loadDistrictCalendars(grievance.district, schoolYearsAround(grievance.filedAt.slice(0, 10))));

  const receipt = filingReceipt(grievance, workflowInfo().workflowId);
  if (receipt.to.length > 0) {
    await deliverNotice(receipt);
    grievance = { ...grievance, noticesSent: [...grievance.noticesSent, receipt.deliveryId] };
  }

  // No close path exists yet in the skeleton: a filed case stays open until the grievance process lands.
  await condition(() => grievance.status !== 'filed');
  return grievance;
}
