import { OBS_ACCESS, OBS_ACTIONS, OBS_PARTS, OBS_RELATIONS } from '../domain/observation/observation-parties';
import { GRIEVANCE_ACCESS, GRIEVANCE_ACTIONS, GRIEVANCE_PARTS, GRIEVANCE_RELATIONS } from '../domain/grievance/grievance-parties';
import { PAR_ACTIONS } from '../domain/par/par-process';
import { CASE_RELATIONS } from '../domain/par/par-relation';
import { CASE_PARTS, PAR_ACCESS } from '../domain/par/par-visibility';
import { PIP_ACCESS, PIP_PARTS, PIP_RELATIONS } from '../domain/pip/pip-access';
import { PIP_ACTIONS } from '../domain/pip/pip-process';
import { TAP_ACCESS, TAP_ACTIONS, TAP_PARTS, TAP_RELATIONS } from '../domain/tap/tap-parties';

/**
 * Who may do and see what, per case family, as Markdown tables written from the code's own tables
 * (grievance-parties.ts, par-process.ts, par-visibility.ts, pip-process.ts, pip-access.ts, tap-parties.ts,
 * observation-parties.ts). The README carries them between markers and a test
 * fails when they drift: `npm run docs:access` prints them.
 */
export function accessTablesMarkdown(): string {
  const table = (head: readonly string[], rows: readonly (readonly string[])[]) =>
    [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const mark = (yes: boolean) => (yes ? 'yes' : '-');
  const parAccess = (kind: 'referred' | 'volunteer') =>
    table(['relation', ...CASE_PARTS], CASE_RELATIONS.map((relation) => [relation, ...CASE_PARTS.map((part) => ({ yes: 'yes', no: '-', 'with-consent': 'with consent' })[PAR_ACCESS[kind][relation][part]])]));
  return [
    '#### Grievance: who may take each action (by relation to the case)',
    '',
    table(['action', 'rule', ...GRIEVANCE_RELATIONS], Object.entries(GRIEVANCE_ACTIONS).map(([action, { rule, by }]) => [`\`${action}\``, rule, ...GRIEVANCE_RELATIONS.map((r) => mark(by.includes(r)))])),
    '',
    '#### Grievance: who may see what (`record` is the raw history: history export, the packet\'s history.json)',
    '',
    table(['relation', ...GRIEVANCE_PARTS], GRIEVANCE_RELATIONS.map((relation) => [relation, ...GRIEVANCE_PARTS.map((part) => mark(GRIEVANCE_ACCESS[relation][part]))])),
    '',
    '#### PAR: who may take each action (by relation to the case)',
    '',
    table(['action', 'rule', ...CASE_RELATIONS], Object.entries(PAR_ACTIONS).map(([action, { rule, by }]) => [`\`${action}\``, rule, ...CASE_RELATIONS.map((r) => mark(by.includes(r)))])),
    '',
    '#### PAR, Referred: who may see what',
    '',
    parAccess('referred'),
    '',
    '#### PAR, Volunteer: who may see what (PAR-VOL-CONF)',
    '',
    parAccess('volunteer'),
    '',
    '#### Improvement plan (PIP): who may take each action (by relation to the case)',
    '',
    table(['action', 'rule', ...PIP_RELATIONS], Object.entries(PIP_ACTIONS).map(([action, { rule, by }]) => [`\`${action}\``, rule, ...PIP_RELATIONS.map((r) => mark(by.includes(r)))])),
    '',
    '#### Improvement plan (PIP): who may see what (`comments` includes the status\'s additional comments; `record` is the raw history)',
    '',
    table(['relation', ...PIP_PARTS], PIP_RELATIONS.map((relation) => [relation, ...PIP_PARTS.map((part) => mark(PIP_ACCESS[relation][part]))])),
    '',
    '#### Teacher Assistance Plan: who may take each action (by relation to the plan)',
    '',
    table(['action', 'rule', ...TAP_RELATIONS], Object.entries(TAP_ACTIONS).map(([action, { rule, by }]) => [`\`${action}\``, rule, ...TAP_RELATIONS.map((r) => mark(by.includes(r)))])),
    '',
    '#### Teacher Assistance Plan: who may see what (`record` is the raw history)',
    '',
    table(['relation', ...TAP_PARTS], TAP_RELATIONS.map((relation) => [relation, ...TAP_PARTS.map((part) => mark(TAP_ACCESS[relation][part]))])),
    '',
    '#### Observation cycle: who may take each step (by relation to the cycle)',
    '',
    table(['action', 'rule', ...OBS_RELATIONS], Object.entries(OBS_ACTIONS).map(([action, { rule, by }]) => [`\`${action}\``, rule, ...OBS_RELATIONS.map((r) => mark(by.includes(r)))])),
    '',
    '#### Observation cycle: who may see what (`record` is the raw history: history export, the packet\'s history.json)',
    '',
    table(['relation', ...OBS_PARTS], OBS_RELATIONS.map((relation) => [relation, ...OBS_PARTS.map((part) => mark(OBS_ACCESS[relation][part]))])),
  ].join('\n');
}
