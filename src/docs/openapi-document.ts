import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../../api/app';
import { loadConfig } from '../config/config';
import { createLogger } from '../logger';

/**
 * The OpenAPI document the API serves at /docs/json, built from the routes without a Temporal server (the client's
 * connection is lazy and never used): what `npm run openapi` prints and the linter checks.
 */
export async function openApiDocument(env: Record<string, string> = {}): Promise<unknown> {
  const connection = Connection.lazy({ address: '127.0.0.1:7233' });
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const app = await buildApp({ config, logger: createLogger('silent', { pretty: false }), temporal: new Client({ connection }) });
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
    await connection.close();
  }
}
