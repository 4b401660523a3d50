import { Connection } from '@temporalio/client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startDevServer, type DevServer } from '../../src/dev/dev-server';
import { freePort } from '../helpers/ports';
import { testLogger } from '../helpers/temporal';

async function namespaces(address: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const { namespaces: list } = await connection.workflowService.listNamespaces({});
    return list.map((n) => n.namespaceInfo?.name ?? '');
  } finally {
    await connection.close();
  }
}

describe('the dev server on a free port (port 0)', () => {
  const started: DevServer[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
  });

  it('a port taken by another server between picking and binding: it starts on another port, never attaches to that server', async () => {
    const cliPath = inject('temporalCliPath');
    const first = await startDevServer({ cliPath, port: 0, namespace: 'first-only', logger: testLogger });
    started.push(first);
    const takenPort = Number(first.address.split(':')[1]);
    const picks: number[] = [];
    const second = await startDevServer({
      cliPath,
      port: 0,
      namespace: 'second-only',
      logger: testLogger,
      // The first pick is the port the other server already holds, as a race would hand it out.
      pickPort: async () => {
        const port = picks.length === 0 ? takenPort : await freePort();
        picks.push(port);
        return port;
      },
    });
    started.push(second);
    expect(picks.length).toBeGreaterThanOrEqual(2);
    expect(second.address).not.toBe(first.address);
    expect(await namespaces(second.address)).toContain('second-only');
    expect(await namespaces(second.address)).not.toContain('first-only');
    expect(await namespaces(first.address)).not.toContain('second-only');
  });
});
