import { describe, expect, it } from 'vitest';
import { parseReplayArgs, UsageError } from '../../src/cli/replay';
import { loadConfig } from '../../src/config/config';

describe('npm run replay: arguments', () => {
  it('--query without TEMPORAL_ADDRESS exported connects where the embedded run (npm start) serves Temporal', () => {
    const args = parseReplayArgs(['--query', "WorkflowType = 'grievanceWorkflow'"], {});
    // npm start's dev server listens on the port of this same default (src/main.ts), on 127.0.0.1.
    expect(args.address).toBe(loadConfig({}).temporal.address);
    expect(args.address).toBe('127.0.0.1:7233');
    expect(args.namespace).toBe('default');
  });

  it('--address, then TEMPORAL_ADDRESS, override the default', () => {
    expect(parseReplayArgs(['--query', 'x'], { TEMPORAL_ADDRESS: 'temporal.internal:7233' }).address).toBe('temporal.internal:7233');
    expect(parseReplayArgs(['--query', 'x', '--address', '10.0.0.5:7233'], { TEMPORAL_ADDRESS: 'temporal.internal:7233' }).address).toBe('10.0.0.5:7233');
  });

  it('refuses both or neither of --query and --file', () => {
    expect(() => parseReplayArgs([], {})).toThrow(UsageError);
    expect(() => parseReplayArgs(['--query', 'x', '--file', 'h.json'], {})).toThrow(UsageError);
  });
});
