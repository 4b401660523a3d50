import { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_FAMILIES } from '../../../api/families';
import { caseOwnerOf, EncryptionCodec } from '../../../src/crypto/encryption-codec';
import { payloadToJson } from '../../../src/crypto/payload-json';
import { ROLES, type Role } from '../../../src/domain/actor';
import { grievanceWorkflowId } from '../../../src/domain/grievance/grievance-case';
import { observationCycleWorkflowId } from '../../../workflows/observation/observation-messages';
import { parWorkflowId } from '../../../workflows/par/par-intervention-messages';
import { pipWorkflowId } from '../../../workflows/pip/pip-messages';
import { tapWorkflowId } from '../../../workflows/tap/tap-messages';
import { buildTestApp } from '../../helpers/api';
import { testKeyRing } from '../../helpers/key-ring';
import { bearer } from '../../helpers/tokens';

/**
 * Issue 15: the codec endpoint decrypts a family's payloads for the roles its access table lets read the whole
 * record, in the payload's district, and for nobody else: everyone else gets them back still encrypted, and a call
 * without a token is refused. Each family's readers, as its own access table has them:
 * - grievances (GRV-WITHDRAW's record: the grievance access table): HR and auditors;
 * - improvement plans (PIP_ACCESS `record`): HR and auditors;
 * - Teacher Assistance Plans (TAP_ACCESS: every part): HR; auditors see reviews, not plans or meetings;
 * - observation cycles (OBS_ACCESS: every part): auditors; HR sees no feedback texts or self-scores;
 * - PAR (PAR-PANEL-CONF, PAR-VOL-CONF): nobody by role alone.
 * The payloads are encrypted as the service writes them (the encoding context names the case's workflow id); no
 * Temporal server is needed to decide who reads them.
 */
const FAMILIES: { caseType: string; workflowId: string; readers: readonly Role[] }[] = [
  { caseType: 'grievance', workflowId: grievanceWorkflowId('district-a', 'G-2027-001'), readers: ['hr', 'auditor'] },
  { caseType: 'pip', workflowId: pipWorkflowId('district-a', 'PIP-2027-001'), readers: ['hr', 'auditor'] },
  { caseType: 'tap', workflowId: tapWorkflowId('district-a', 'TAP-2027-001'), readers: ['hr'] },
  { caseType: 'observation-cycle', workflowId: observationCycleWorkflowId('district-a', '2027-2028', 'E-1001'), readers: ['auditor'] },
  { caseType: 'par', workflowId: parWorkflowId('district-a', 'P-2027-001'), readers: [] },
];

describe('the codec endpoint decrypts each family for the readers of its whole record (issue 15)', () => {
  // Deciding who reads a payload needs no Temporal server: the client stays unconnected, with the tests' key ring.
  const codec = new EncryptionCodec(testKeyRing());
  const client = new Client({ dataConverter: { payloadCodecs: [codec] } });
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp(client);
  });
  afterAll(async () => {
    await app?.close();
    await client.connection.close();
  });

  const secret = (caseType: string) => ({ statement: `PERSONAL-TEXT-OF-A-${caseType}-CASE`, name: 'Zelda Quimby-Marchetti' });
  const encrypted = async (caseType: string, workflowId: string): Promise<Payload> =>
    (await codec.encode([defaultPayloadConverter.toPayload(secret(caseType))], { type: 'workflow', namespace: 'default', workflowId }))[0]!;
  const decode = (payload: Payload, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/codec/decode', headers: { ...headers, 'content-type': 'application/json' }, payload: { payloads: [payloadToJson(payload)] } });

  it('covers every registered family, each with the readers its access table gives by role (recordRoles)', () => {
    expect(FAMILIES.map((f) => f.caseType).sort()).toEqual(CASE_FAMILIES.map((api) => api.family.caseType).sort());
    for (const { caseType, workflowId, readers } of FAMILIES) {
      expect(caseOwnerOf(workflowId), workflowId).toEqual({ caseType, district: 'district-a' });
      expect([...(CASE_FAMILIES.find((api) => api.family.caseType === caseType)!.family.recordRoles ?? [])].sort(), caseType).toEqual([...readers].sort());
    }
  });

  describe.each(FAMILIES)('$caseType', ({ caseType, workflowId, readers }) => {
    it.each([...ROLES])(`a %s of the case's district gets the payload decrypted only if the ${caseType} access table gives the role the whole record`, async (role) => {
      const payload = await encrypted(caseType, workflowId);
      const res = await decode(payload, bearer([role], { sub: `${role}-reader` }));
      expect(res.statusCode, res.body).toBe(200);
      const [answer] = res.json().payloads as { metadata: Record<string, string>; data: string }[];
      const text = Buffer.from(answer!.data, 'base64').toString('utf8');
      if (readers.includes(role)) {
        expect(JSON.parse(text)).toEqual(secret(caseType));
      } else {
        // Still encrypted: the payload as it came, nothing of the case readable.
        expect(answer).toEqual(payloadToJson(payload));
        expect(text).not.toContain(secret(caseType).statement);
      }
    });

    it('decrypts nothing for the same roles of another district, and answers 401 without a token', async () => {
      const payload = await encrypted(caseType, workflowId);
      const elsewhere = await decode(payload, bearer(['hr', 'auditor'], { district: 'district-b' }));
      expect(elsewhere.statusCode).toBe(200);
      expect(elsewhere.json().payloads).toEqual([payloadToJson(payload)]);
      const anonymous = await decode(payload, {});
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.body).not.toContain(secret(caseType).statement);
    });
  });
});
