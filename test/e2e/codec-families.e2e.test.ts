import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CASE_FAMILIES } from '../../api/families';
import { historyJsonText } from '../../src/audit/case-history';
import { EncryptionCodec } from '../../src/crypto/encryption-codec';
import { payloadFromJson } from '../../src/crypto/payload-json';
import { addDays, schoolYearOf } from '../../src/domain/calendar';
import { ROLES, type Role } from '../../src/domain/actor';
import { grievanceWorkflowId } from '../../src/domain/grievance/grievance-case';
import { observationCycleWorkflowId } from '../../workflows/observation/observation-messages';
import { parWorkflowId } from '../../workflows/par/par-intervention-messages';
import { pipWorkflowId } from '../../workflows/pip/pip-messages';
import { tapWorkflowId } from '../../workflows/tap/tap-messages';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack';
import { aFiling } from '../helpers/grievance-fixtures';
import { calendarsFor, programYear, referral, SCHOOL_YEAR as PAR_YEAR } from '../helpers/par-http-fixtures';
import { calendarsAround } from '../helpers/synthetic-calendars';
import { planAt } from '../helpers/tap-fixtures';
import { readableText } from '../helpers/history-text';
import { testKeyRing } from '../helpers/key-ring';
import { bearer } from '../helpers/tokens';

type PayloadJson = { metadata: Record<string, string>; data: string };

const DISTRICT = 'district-a';
/** PAR runs on its own fixtures' calendars and program year (PAR-SPRING-WINDOW): a district of its own. */
const PAR_DISTRICT = 'district-p';
const { today, calendars } = calendarsAround(Date.now(), DISTRICT);
const YEAR = schoolYearOf(today);

const GRIEVANCE_PERSONAL = { name: 'Zelda Quimby-Marchetti', email: 'zelda.qm@example.org', representative: 'Ophelia Brannigan-Tusk', correctiveAction: 'CORRECTIVE-77b2: hold the conference' };
const FILING = aFiling({
  grievants: [{ name: GRIEVANCE_PERSONAL.name, position: 'Grade 4 teacher', subject: 'zq-1001', email: GRIEVANCE_PERSONAL.email }],
  contacts: [{ name: GRIEVANCE_PERSONAL.representative, role: 'representative', email: 'ophelia.bt@union.example.org' }],
  correctiveAction: GRIEVANCE_PERSONAL.correctiveAction,
  signedBy: GRIEVANCE_PERSONAL.name,
});

/**
 * Issue 15, "Done when", for every case family on the real thing (the Temporal CLI dev server, the worker and the API
 * as `npm start` runs them): a case of each family is opened over HTTP with its personal fields (names, emails, plan
 * and goal texts); its raw history, read from the server as `temporal workflow show` reads it (a client without the
 * codec), holds none of them in clear; its payloads decode through /codec/decode only for the roles the family's
 * access table lets read the whole record (`recordRoles`: grievance and PIP hr and auditor, TAP hr, observation
 * auditor, PAR nobody: PAR-VOL-CONF, PAR-PANEL-CONF); every other role, the case's own participant included, gets
 * them back still encrypted, and a call without a token answers 401.
 */
const FAMILIES: {
  caseType: string;
  district: string;
  workflowId: string;
  /** Unmistakable personal fields the case is opened with; `name` must come back decoded for a reader. */
  personal: { name: string } & Record<string, string>;
  /** The case's own participant (their token still gets ciphertext). */
  participant: string;
  open: (stack: E2eStack, personal: Record<string, string>) => Promise<Response>;
}[] = [
  {
    caseType: 'grievance',
    district: DISTRICT,
    workflowId: grievanceWorkflowId(DISTRICT, FILING.id),
    personal: GRIEVANCE_PERSONAL,
    participant: 'zq-1001',
    open: (stack) => stack.send('POST', '/v1/grievances', bearer(['hr'], { sub: 'hr-clerk-1', district: DISTRICT }), FILING),
  },
  {
    caseType: 'pip',
    district: DISTRICT,
    workflowId: pipWorkflowId(DISTRICT, 'PIP-CODEC-1'),
    personal: { name: 'Ignatius Feldspar-Oyelaran', email: 'ignatius.fo@example.org', evaluator: 'Rosamund Thackeray-Obi', goal: 'GOAL-9e41: keep the service logs of Feldspar current' },
    participant: 'if-2002',
    open: (stack, p) =>
      stack.send('POST', '/v1/pip', bearer(['hr'], { sub: 'hr-clerk-1', district: DISTRICT }), {
        id: 'PIP-CODEC-1',
        school: 'codec-school',
        employee: { id: 'if-2002', name: p.name, email: p.email },
        evaluator: { id: 'eval-park', name: p.evaluator },
        plan: { goal: { statement: p.goal, measure: 'logs within 2 days' }, alignment: ['PR2'], steps: [{ description: 'Weekly log review', completeBy: addDays(today, 30), checkInOn: addDays(today, 7) }] },
      }),
  },
  {
    caseType: 'tap',
    district: DISTRICT,
    workflowId: tapWorkflowId(DISTRICT, 'TAP-CODEC-1'),
    personal: { name: 'Philippa Norrington-Achebe', email: 'philippa.na@example.org', administrator: 'Cornelius Vandermeer-Osei', improvement: 'IMPROVEMENT-4b7d: transitions of Norrington under 3 minutes' },
    participant: 'pn-3003',
    open: (stack, p) =>
      stack.send('POST', '/v1/tap', bearer(['hr'], { sub: 'hr-clerk-1', district: DISTRICT }), {
        id: 'TAP-CODEC-1',
        school: 'codec-school',
        teacher: { id: 'pn-3003', name: p.name, email: p.email },
        administrator: { id: 'principal-ng', name: p.administrator },
        level: 1,
        plan: planAt(1, { improvement: p.improvement! }),
      }),
  },
  {
    caseType: 'observation-cycle',
    district: DISTRICT,
    workflowId: observationCycleWorkflowId(DISTRICT, YEAR, 'E4004'),
    personal: { name: 'Octavia Lindqvist-Mbeki', email: 'octavia.lm@example.org', evaluator: 'Thaddeus Abernathy-Nwosu' },
    participant: 'E4004',
    open: (stack, p) =>
      stack.send('POST', '/v1/observations', bearer(['hr'], { sub: 'hr-clerk-1', district: DISTRICT }), {
        educator: 'E4004',
        school: 'codec-school',
        category: 'teacher',
        license: 'professional',
        prior: { loe: 3, growth: 3 },
        evaluators: [{ id: 'ev-lee', name: p.evaluator }],
        contacts: { educator: { name: p.name, email: p.email } },
      }),
  },
  {
    caseType: 'par',
    district: PAR_DISTRICT,
    workflowId: parWorkflowId(PAR_DISTRICT, 'PAR-CODEC-1'),
    personal: { name: 'Bartholomew Okonkwo-Lindgren', email: 'bartholomew.ol@example.org' },
    participant: 'bo-5005',
    open: (stack, p) => {
      const body = referral('PAR-CODEC-1', 'bo-5005');
      return stack.send('POST', '/v1/par/referrals', bearer(['hr'], { sub: 'hr-clerk-p', district: PAR_DISTRICT }), { ...body, participant: { ...body.participant, name: p.name, email: p.email } });
    },
  },
];

/** Every encrypted payload of the history (metadata naming its key id), in the codec-server JSON form. */
function encryptedPayloads(json: string): PayloadJson[] {
  const found: PayloadJson[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const o = value as Partial<PayloadJson>;
      if (o.metadata && typeof o.data === 'string' && o.metadata['encryption-key-id']) found.push({ metadata: o.metadata, data: o.data });
      else Object.values(value).forEach(walk);
    }
  };
  walk(JSON.parse(json));
  return found;
}

describe('every case family: no personal field in the raw history, decoded only for the readers of the whole record (issue 15, end to end)', () => {
  let stack: E2eStack;
  let cli: Client;
  const raw: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startE2eStack(inject('temporalCliPath'), 'e2e-codec-families');
    const hr = bearer(['hr'], { sub: 'hr-clerk-1', district: DISTRICT });
    const hrP = bearer(['hr'], { sub: 'hr-clerk-p', district: PAR_DISTRICT });
    for (const { district: _d, schoolYear, ...body } of calendars) {
      const res = await stack.send('PUT', `/v1/calendars/${DISTRICT}/${schoolYear}`, hr, { ...body, reason: 'board approved' });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const year = await stack.send('PUT', `/v1/observations/years/${DISTRICT}/${YEAR}`, hr, { evaluators: [{ id: 'ev-lee', role: 'principal', certifiedOn: `${YEAR.slice(0, 4)}-07-01` }], reason: 'e2e' });
    expect(year.status, await year.clone().text()).toBeLessThan(300);
    for (const { district: _d, schoolYear, ...body } of calendarsFor(PAR_DISTRICT)) {
      const res = await stack.send('PUT', `/v1/calendars/${PAR_DISTRICT}/${schoolYear}`, hrP, { ...body, reason: 'board approved' });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const program = await stack.send('PUT', `/v1/par/programs/${PAR_DISTRICT}/${PAR_YEAR}`, hrP, programYear(PAR_DISTRICT));
    expect(program.status, await program.clone().text()).toBeLessThan(300);

    for (const family of FAMILIES) {
      const res = await family.open(stack, family.personal);
      expect(res.status, `${family.caseType}: ${await res.clone().text()}`).toBe(201);
    }
    // As the CLI reads it: a client with no codec, each case's history as the server holds it.
    cli = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
    for (const { caseType, workflowId } of FAMILIES) raw[caseType] = historyJsonText(await cli.workflow.getHandle(workflowId).fetchHistory());
  }, 240_000);

  afterAll(async () => {
    await cli?.connection.close();
    await stack?.stop();
  });

  const decode = (payloads: PayloadJson[], headers: Record<string, string>) =>
    fetch(`${stack.api}/codec/decode`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'x-namespace': 'default' }, body: JSON.stringify({ payloads }) });

  it('covers every registered family, each with the readers its own access table gives by role (recordRoles)', () => {
    expect(FAMILIES.map((f) => f.caseType).sort()).toEqual(CASE_FAMILIES.map((api) => api.family.caseType).sort());
  });

  describe.each(FAMILIES)('$caseType', ({ caseType, district, personal, participant }) => {
    const readers = (): readonly Role[] => CASE_FAMILIES.find((api) => api.family.caseType === caseType)!.family.recordRoles ?? [];

    it(`issue 15: the ${caseType}'s raw history (ids, search attributes, memo, every event) holds none of its personal fields in clear, only as ciphertext`, async () => {
      const json = raw[caseType]!;
      expect(JSON.parse(json).events.length).toBeGreaterThan(2);
      const text = readableText(json);
      for (const [field, value] of Object.entries(personal)) expect(text.includes(value), `${caseType} ${field} in the raw history`).toBe(false);
      // Not vacuous: the history does hold them, encrypted (the tests' key ring opens them).
      const opened = await new EncryptionCodec(testKeyRing()).decode(encryptedPayloads(json).map(payloadFromJson));
      const clear = opened.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8')).join('\n');
      expect(clear).toContain(personal.name);
      expect(clear).toContain(personal.email);
    });

    it.each([...ROLES])(`issue 15: /codec/decode gives a %s of the ${caseType}'s district its payloads decrypted only if the family's access table gives the role the whole record`, async (role) => {
      const payloads = encryptedPayloads(raw[caseType]!);
      const res = await decode(payloads, bearer([role], { sub: `${role}-reader`, district }));
      expect(res.status).toBe(200);
      const answer = ((await res.json()) as { payloads: PayloadJson[] }).payloads;
      const clear = answer.map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join('\n');
      if (readers().includes(role)) {
        expect(clear, `${caseType} decoded for ${role}`).toContain(personal.name);
      } else {
        expect(answer).toEqual(payloads);
        for (const value of Object.values(personal)) expect(readableText(JSON.stringify(answer))).not.toContain(value);
      }
    });

    it(`issue 15: the ${caseType}'s own participant gets ciphertext, another district's readers too, and no token answers 401`, async () => {
      const payloads = encryptedPayloads(raw[caseType]!);
      const own = await decode(payloads, bearer(['participant'], { sub: participant, district }));
      expect(own.status).toBe(200);
      expect(((await own.json()) as { payloads: PayloadJson[] }).payloads).toEqual(payloads);
      const elsewhere = await decode(payloads, bearer(['hr', 'auditor'], { sub: 'reader-b', district: 'district-b' }));
      expect(((await elsewhere.json()) as { payloads: PayloadJson[] }).payloads).toEqual(payloads);
      const anonymous = await decode(payloads, {});
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).not.toContain(personal.name);
    });
  });
});
