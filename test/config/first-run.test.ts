import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';

/** Issue 19, item 6: a first run that explains itself: bad values stop the start naming the variable. */
describe('first run: the configuration names what is wrong at load', () => {
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.problems;
    }
  };

  it.each(['localhost', 'localhost:', ':7233', '127.0.0.1:http', '127.0.0.1:0', '127.0.0.1:70000', 'temporal.internal:7233/x', 'grpc://127.0.0.1:7233'])(
    'TEMPORAL_ADDRESS=%j is refused as host:port',
    (address) => {
      expect(problemsOf({ TEMPORAL_ADDRESS: address })).toEqual([{ variable: 'TEMPORAL_ADDRESS', message: expect.stringMatching(/host:port/) }]);
    },
  );

  it.each(['127.0.0.1:7233', 'temporal.internal:7233', 'localhost:65535', '[::1]:7233', 'temporal-frontend.temporal.svc.cluster.local:7233'])('TEMPORAL_ADDRESS=%j is read', (address) => {
    expect(loadConfig({ TEMPORAL_ADDRESS: address }).temporal.address).toBe(address);
  });

  it('SAMPLE_TIME_ZONE must be an IANA zone: a bad one names the variable instead of a RangeError later', () => {
    expect(problemsOf({ SAMPLE_TIME_ZONE: 'Mars/Olympus_Mons' })).toEqual([{ variable: 'SAMPLE_TIME_ZONE', message: expect.stringContaining('IANA time zone') }]);
    expect(problemsOf({ SAMPLE_TIME_ZONE: 'Central Time' })).toEqual([{ variable: 'SAMPLE_TIME_ZONE', message: expect.stringContaining('IANA time zone') }]);
    expect(loadConfig({ SAMPLE_TIME_ZONE: 'Pacific/Honolulu' }).sampleCalendars.timeZone).toBe('Pacific/Honolulu');
  });
});
