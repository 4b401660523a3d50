import { createServer } from 'node:net';
import type { Config } from '../config/config';

/** Whether something already listens on host:port (this process cannot listen there). */
export function portInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE' || error.code === 'EACCES'));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/**
 * The ports the embedded run is about to listen on that another program already holds, each named with the
 * variable that moves it. Checked before anything starts: otherwise the dev server fails to bind while our worker
 * attaches to whatever answers on the port, and the API fails later still.
 */
export async function takenPorts(config: Pick<Config, 'temporal' | 'api'>, role: 'all' | 'worker' | 'api' = 'all'): Promise<string[]> {
  const [host = '127.0.0.1', port] = splitAddress(config.temporal.address);
  const wanted: { variable: string; host: string; port: number; what: string; example: string }[] = [
    { variable: 'TEMPORAL_ADDRESS', host, port, what: 'the Temporal dev server (gRPC)', example: `TEMPORAL_ADDRESS=${host}:${port + 1}` },
    { variable: 'TEMPORAL_UI_PORT', host: '127.0.0.1', port: config.temporal.uiPort, what: 'the Temporal Web UI', example: `TEMPORAL_UI_PORT=${config.temporal.uiPort + 1}` },
    ...(role !== 'worker' && config.api.port !== 0 ? [{ variable: 'API_PORT', host: config.api.host, port: config.api.port, what: 'the API', example: `API_PORT=${config.api.port + 1}` }] : []),
  ];
  const taken = await Promise.all(wanted.map(async (w) => ((await portInUse(w.host, w.port)) ? w : undefined)));
  return taken.flatMap((w) =>
    w ? [`Port ${w.port} on ${w.host}, for ${w.what}, is already in use by another program (${w.variable}). Stop that program, or choose another port, e.g. ${w.example} npm start`] : [],
  );
}

function splitAddress(address: string): [string, number] {
  const at = address.lastIndexOf(':');
  return [address.slice(0, at).replace(/^\[|\]$/g, ''), Number(address.slice(at + 1))];
}
