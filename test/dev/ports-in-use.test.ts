import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { portInUse, takenPorts } from '../../src/dev/ports-in-use';
import { freePort } from '../helpers/ports';

/** Issue 19, item 6: the embedded run refuses to start on a port another program holds, naming the port and the variable. */
describe('ports the embedded run needs', () => {
  const servers: Server[] = [];
  const hold = async () => {
    const server = createServer();
    servers.push(server);
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return port;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('sees a port another program listens on', async () => {
    const port = await hold();
    expect(await portInUse('127.0.0.1', port)).toBe(true);
    expect(await portInUse('127.0.0.1', await freePort())).toBe(false);
  });

  it('names each port taken with the variable that moves it: TEMPORAL_ADDRESS, TEMPORAL_UI_PORT, API_PORT', async () => {
    const [temporal, ui, api] = [await hold(), await hold(), await hold()];
    const config = loadConfig({ TEMPORAL_ADDRESS: `127.0.0.1:${temporal}`, TEMPORAL_UI_PORT: String(ui), API_PORT: String(api) });
    const problems = await takenPorts(config);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain(`Port ${temporal} on 127.0.0.1, for the Temporal dev server (gRPC), is already in use by another program (TEMPORAL_ADDRESS)`);
    expect(problems[0]).toContain(`TEMPORAL_ADDRESS=127.0.0.1:${temporal + 1}`);
    expect(problems[1]).toContain(`Port ${ui} on 127.0.0.1, for the Temporal Web UI, is already in use by another program (TEMPORAL_UI_PORT)`);
    expect(problems[2]).toContain(`(API_PORT)`);
    // A worker-only process opens no API port.
    expect(await takenPorts(config, 'worker')).toHaveLength(2);
  });

  it('finds nothing to say when the ports are free', async () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, TEMPORAL_UI_PORT: String(await freePort()), API_PORT: String(await freePort()) });
    expect(await takenPorts(config)).toEqual([]);
  });
});
