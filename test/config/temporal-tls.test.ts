import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';
import { TEST_KEY_RING_JSON } from '../helpers/key-ring';
import { temporalConnectionOptions } from '../../src/temporal/connection-options';

const base = { TEMPORAL_EMBEDDED: 'false', PAYLOAD_KEY_RING: TEST_KEY_RING_JSON, AUTH_JWT_SECRET: 'a-secret-of-the-district-0123456789abcdef', TEMPORAL_ADDRESS: 'temporal.district.example:7233' };

describe('TLS to the Temporal frontend (TEMPORAL_TLS_*)', () => {
  it('is off unless set: plain gRPC to the address', () => {
    expect(temporalConnectionOptions(loadConfig(base).temporal)).toEqual({ address: 'temporal.district.example:7233' });
  });

  it('TEMPORAL_TLS=true: TLS with the system CAs and no client certificate', () => {
    expect(temporalConnectionOptions(loadConfig({ ...base, TEMPORAL_TLS: 'true' }).temporal)).toEqual({ address: 'temporal.district.example:7233', tls: {} });
  });

  it('mTLS: the client certificate pair, the private CA and the server name, read from their files', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'temporal-tls-'));
    const file = (name: string) => {
      writeFileSync(path.join(dir, name), `-----BEGIN ${name}-----\n`);
      return path.join(dir, name);
    };
    const config = loadConfig({ ...base, TEMPORAL_TLS_CERT: file('CERT'), TEMPORAL_TLS_KEY: file('KEY'), TEMPORAL_TLS_CA: file('CA'), TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' });
    expect(temporalConnectionOptions(config.temporal)).toEqual({
      address: 'temporal.district.example:7233',
      tls: {
        serverNameOverride: 'temporal.internal',
        serverRootCACertificate: Buffer.from('-----BEGIN CA-----\n'),
        clientCertPair: { crt: Buffer.from('-----BEGIN CERT-----\n'), key: Buffer.from('-----BEGIN KEY-----\n') },
      },
    });
  });

  it('refuses a client certificate without its key, naming the missing variable', () => {
    expect(() => loadConfig({ ...base, TEMPORAL_TLS_CERT: '/etc/case-deadlines/client.pem' })).toThrow(ConfigError);
    try {
      loadConfig({ ...base, TEMPORAL_TLS_CERT: '/etc/case-deadlines/client.pem' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([{ variable: 'TEMPORAL_TLS_KEY', message: expect.stringContaining('mTLS') }]);
    }
  });
});
