import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_JWT_SECRET, loadConfig } from '../../src/config/config';

describe('configuration from the environment', () => {
  it('works untouched for the embedded run', () => {
    const config = loadConfig({});
    expect(config.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'case-deadlines',
      embedded: true,
      uiPort: 8233,
    });
    expect(config.api).toMatchObject({ host: '127.0.0.1', port: 3000 });
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.auth).toMatchObject({ jwtSecret: DEV_JWT_SECRET, usesDevSecret: true, jwksUrl: undefined });
    expect(config.sampleCalendars).toEqual({ enabled: true, district: 'demo-district', timeZone: 'America/Chicago' });
  });

  it('reads every variable and treats an empty one as unset', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_NAMESPACE: 'district-a',
      TEMPORAL_TASK_QUEUE: 'cases',
      TEMPORAL_EMBEDDED: 'false',
      API_PORT: '8080',
      DATA_DIR: '/var/lib/case-deadlines',
      AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      LOG_LEVEL: '',
    });
    expect(config.temporal).toMatchObject({ address: 'temporal.internal:7233', namespace: 'district-a', taskQueue: 'cases', embedded: false });
    expect(config.api.port).toBe(8080);
    expect(config.dataDir).toBe('/var/lib/case-deadlines');
    expect(config.logLevel).toBe('info');
    expect(config.auth.usesDevSecret).toBe(false);
    // An existing cluster gets the districts' own calendars, not the sample.
    expect(config.sampleCalendars.enabled).toBe(false);
  });

  it.each([
    ['API_PORT', 'eighty'],
    ['API_PORT', '70000'],
    ['TEMPORAL_EMBEDDED', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['AUTH_JWT_SECRET', 'short'],
    ['AUTH_JWKS_URL', 'not a url'],
    ['SAMPLE_DISTRICT', 'Demo District'],
  ])('fails at start naming %s when it is %j', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([variable]);
    expect((error as Error).message).toContain(variable);
  });
});
