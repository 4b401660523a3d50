import type { GrievanceCase } from './grievance-case';

/** The acknowledgement of receipt sent to the grievants when a grievance is filed. */
export function filingReceipt(grievance: GrievanceCase, workflowId: string) {
  const names = grievance.filing.grievants.map((g) => g.name).join(', ');
  return {
    deliveryId: `${workflowId}:filing-receipt`,
    caseId: grievance.id,
    to: grievance.filing.grievants.flatMap((g) => (g.email ? [g.email] : [])),
    subject: `Grievance ${grievance.id} received`,
    body:
      `The grievance ${grievance.id} of ${names} was received on ${grievance.filedAt} ` +
      `and recorded by ${grievance.filedBy.id}.\n\nStatement:\n${grievance.filing.statement}\n`,
  };
}
