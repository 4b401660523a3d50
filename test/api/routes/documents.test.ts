import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseDocumentStore, type DocumentStore } from '../../../src/audit/document-store';
import { localRecordStore } from '../../../src/audit/record-store';
import { EncryptionCodec } from '../../../src/crypto/encryption-codec';
import { buildTestApp } from '../../helpers/api';
import { testKeyRing } from '../../helpers/key-ring';
import { bearer } from '../../helpers/tokens';

// The upload answers without Temporal; a lazy connection is never dialled.
const connection = Connection.lazy({ address: '127.0.0.1:1' });

describe('POST /v1/documents: a case document into the store, answered by its claim check', () => {
  let app: FastifyInstance;
  let documents: DocumentStore;
  beforeAll(async () => {
    const archive = localRecordStore(await mkdtemp(path.join(os.tmpdir(), 'archive-')));
    documents = caseDocumentStore(archive, { codecs: [new EncryptionCodec(testKeyRing())] });
    app = await buildTestApp(new Client({ connection }), {}, undefined, { archive, documents });
  });
  afterAll(async () => {
    await app?.close();
    await connection.close();
  });

  const upload = (payload: Buffer | string, contentType: string, roles: Parameters<typeof bearer>[0] = ['participant']) =>
    app.inject({ method: 'POST', url: '/v1/documents', headers: { ...bearer(roles), 'content-type': contentType }, payload });

  it("answers 201 with the claim check, and the bytes are in the caller's district store", async () => {
    const pdf = Buffer.from('%PDF-1.7\n% a district letter\n%%EOF\n');
    const res = await upload(pdf, 'application/pdf');
    expect(res.statusCode, res.body).toBe(201);
    // sha256sum of the same 35 bytes, written out.
    expect(res.json()).toEqual({ sha256: 'ca192c52be19fe0f73578660f4e37c6028f9979db89906cb15aae43f70afafab', size: 35, contentType: 'application/pdf' });
    const caseOfA = { district: 'district-a', workflowId: 'pip:district-a:P-1' };
    expect((await documents.get(caseOfA, res.json().sha256))?.bytes.equals(pdf)).toBe(true);
    expect(await documents.find('district-b', res.json().sha256)).toBeUndefined();
  });

  it('keeps a text as its bytes, whatever its charset parameter, under its media type', async () => {
    const res = await upload('Ein Zeugnis: Grüße', 'Text/Plain; charset=UTF-8', ['hr']);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ size: Buffer.byteLength('Ein Zeugnis: Grüße'), contentType: 'text/plain' });
    expect((await documents.get({ district: 'district-a', workflowId: 'pip:district-a:P-1' }, res.json().sha256))?.bytes.toString('utf8')).toBe('Ein Zeugnis: Grüße');
  });

  it('refuses a document past 10 MiB with 413 problem+json naming the body, and stores nothing', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
    const res = await upload(big, 'application/pdf');
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 413, errors: [{ in: 'body', field: '/', message: 'is larger than 10485760 bytes' }] });
  });

  it.each([
    ['application/json', JSON.stringify({ text: 'a statement' })],
    ['application/zip', 'PK\u0003\u0004'],
    ['text/html', '<p>a statement</p>'],
  ])('refuses the content type %s with 415 and stores nothing', async (contentType, payload) => {
    const res = await upload(payload, contentType);
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses an empty document with 400 naming the body', async () => {
    const res = await upload(Buffer.alloc(0), 'image/png');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ in: 'body', field: '/' }] });
  });

  it('takes no upload from an auditor (403) or without a token (401)', async () => {
    expect((await upload('x', 'text/plain', ['auditor'])).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/v1/documents', headers: { 'content-type': 'text/plain' }, payload: 'x' })).statusCode).toBe(401);
  });
});
