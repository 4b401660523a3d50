import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_NOTICE_FROM, DEV_JWT_SECRET, loadConfig } from '../../src/config/config';

describe('configuration from the environment', () => {
  it('works untouched for the embedded run', () => {
    const config = loadConfig({});
    expect(config.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'case-deadlines',
      embedded: true,
      uiPort: 8233,
      rpcTimeoutMs: 2_000,
    });
    expect(config.worker).toEqual({ cachedCases: 10_000, workflowTasks: 40, activityTasks: 40 });
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
      AUTH_ISSUER: 'https://idp.example/',
      AUTH_AUDIENCE: 'case-deadlines',
      PAYLOAD_KEY_RING_FILE: '/run/secrets/payload-key-ring.json',
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
    ['SMTP_URL', 'http://mail.example'],
    ['SMTP_URL', 'mail.example:587'],
    ['NOTICE_FROM', 'Case deadlines'],
    ['WEBHOOK_URL', 'ftp://hr.example/notices'],
    ['WEBHOOK_URL', 'https://user:pw@hr.example/notices'],
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

  describe('notices', () => {
    it('go to the outbox, letters to the letters folder, and no webhook in the embedded run', () => {
      const config = loadConfig({ DATA_DIR: '/var/lib/case-deadlines' });
      expect(config.notices).toEqual({
        outboxDir: '/var/lib/case-deadlines/outbox',
        lettersDir: '/var/lib/case-deadlines/letters',
        from: DEFAULT_NOTICE_FROM,
        smtpUrl: undefined,
        webhook: undefined,
        templatesDir: undefined,
      });
      expect(DEFAULT_NOTICE_FROM).toBe('Case deadlines <no-reply@case-deadlines.local>');
    });

    it('read SMTP, the sender, the webhook with its secret and the templates folder', () => {
      const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
      const config = loadConfig({
        SMTP_URL: 'smtps://notices:pw@mail.district.example:465',
        NOTICE_FROM: 'Lakeview HR <hr@lakeview.example>',
        WEBHOOK_URL: 'https://hr.lakeview.example/hooks/case-notices',
        WEBHOOK_SECRET: secret,
        NOTICE_TEMPLATES_DIR: 'district-templates',
      });
      expect(config.notices).toMatchObject({
        smtpUrl: 'smtps://notices:pw@mail.district.example:465',
        from: 'Lakeview HR <hr@lakeview.example>',
        webhook: { url: 'https://hr.lakeview.example/hooks/case-notices', secret },
        templatesDir: path.resolve('district-templates'),
      });
      expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).notices.smtpUrl).toBe('smtp://127.0.0.1:2525');
    });

    it('need WEBHOOK_SECRET when WEBHOOK_URL is set, naming it', () => {
      let error: unknown;
      try {
        loadConfig({ WEBHOOK_URL: 'https://hr.example/notices' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual(['WEBHOOK_SECRET']);
      expect((error as Error).message).toContain('WEBHOOK_URL');
    });

    it('refuse a webhook secret shorter than 32 characters, naming WEBHOOK_SECRET', () => {
      expect(() => loadConfig({ WEBHOOK_URL: 'https://hr.example/notices', WEBHOOK_SECRET: 'short' })).toThrow(/WEBHOOK_SECRET: must be at least 32/);
    });
  });
});
