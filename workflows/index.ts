// Every workflow the worker registers. Workflows import activities by type only.
export { districtCalendarWorkflow } from './calendar/district-calendar-workflow';
export { grievanceWorkflow } from './grievance/grievance-workflow';
export { grievanceProcedureWorkflow } from './grievance/grievance-procedure-workflow';
export { caseArchiveWorkflow } from './audit/case-archive-workflow';
export { parInterventionWorkflow } from './par/par-intervention-workflow';
export { parProgramWorkflow } from './par/par-program-workflow';
export { pipWorkflow } from './pip/pip-workflow';
export { tapWorkflow } from './tap/tap-workflow';
export { observationCycleWorkflow } from './observation/observation-cycle-workflow';
export { observationYearWorkflow } from './observation/observation-year-workflow';
export { retentionPolicyWorkflow } from './retention/retention-policy-workflow';
export { caseRetentionWorkflow } from './retention/case-retention-workflow';
