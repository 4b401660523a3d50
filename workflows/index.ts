// Every workflow the worker registers. Workflows import activities by type only.
export { grievanceWorkflow } from './grievance/grievance-workflow';
