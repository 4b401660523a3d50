import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CASE_SEARCH_ATTRIBUTES } from '../../src/temporal/search-attributes';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const services: Record<string, any> = parse(read('docker-compose.yml'), { merge: true }).services;
const clusterStart = read('scripts/cluster-start.sh');
const pinned = (name: string) => new RegExp(`^${name}="([^"]+)"$`, 'm').exec(read('scripts/lib.sh'))?.[1];

/** The CLI's spelling of each SDK search attribute type (`temporal operator search-attribute create --type`). */
const CLI_TYPES: Record<string, string> = { KEYWORD: 'Keyword', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' };

// `npm run test:cluster` runs the cluster of scripts/cluster-start.sh; a district runs docker-compose.yml. What the
// tests prove on the one must hold for the other: same release, same setup scripts, same dynamic config, same
// search attributes.
describe('the cluster script and docker-compose.yml stay in step', () => {
  it('run the same Temporal server release', () => {
    const version = pinned('TEMPORAL_SERVER_VERSION');
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(services.temporal.image).toBe(`temporalio/server:${version}`);
    for (const job of ['temporal-schema-setup', 'temporal-namespace-setup']) expect(services[job].image).toMatch(new RegExp(`^temporalio/admin-tools:${version!.replaceAll('.', '\\.')}-`));
    expect(read('scripts/provision-temporal-server.sh')).toContain('go.temporal.io/server/cmd/server@v$TEMPORAL_SERVER_VERSION');
  });

  it('set up the schemas and the namespace with the same scripts', () => {
    expect(clusterStart).toMatch(/sh deploy\/temporal\/setup-schema\.sh/);
    expect(clusterStart).toMatch(/sh deploy\/temporal\/setup-namespace\.sh/);
    expect(services['temporal-schema-setup'].entrypoint.at(-1)).toBe('/deploy/temporal/setup-schema.sh');
    expect(services['temporal-namespace-setup'].entrypoint.at(-1)).toBe('/deploy/temporal/setup-namespace.sh');
    // Both on PostgreSQL 12+ plugin, persistence and advanced visibility alike.
    expect(services.temporal.environment.DB).toBe('postgres12');
    expect(clusterStart.match(/pluginName: postgres12/g)).toHaveLength(2);
    expect(read('deploy/temporal/setup-schema.sh')).toContain('postgresql/v12/${pair#*:}');
  });

  it('load the same dynamic config file', () => {
    const file = path.basename(services.temporal.environment.DYNAMIC_CONFIG_FILE_PATH);
    expect(services.temporal.volumes).toContain('./deploy/temporal/dynamicconfig:/etc/temporal/config/dynamicconfig:ro');
    expect(clusterStart).toContain(`filepath: "$ROOT/deploy/temporal/dynamicconfig/${file}"`);
    expect(parse(read(`deploy/temporal/dynamicconfig/${file}`))).toHaveProperty(['worker.batcherRPS']);
  });

  it('register exactly the search attributes the workflows set, with their types', () => {
    const listed = read('deploy/temporal/search-attributes.txt')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => line.trim().split(/\s+/));
    expect(listed).toEqual(CASE_SEARCH_ATTRIBUTES.map((key) => [key.name, CLI_TYPES[key.type]]));
  });

  it('read the payload key ring from a file, as a mounted secret (issue 15)', () => {
    for (const name of ['worker', 'api']) expect(services[name].environment.PAYLOAD_KEY_RING_FILE, name).toBe('/run/secrets/payload-key-ring');
    const processes = read('test/cluster/helpers/service-processes.ts');
    expect(processes).toMatch(/^\s*PAYLOAD_KEY_RING_FILE: TEST_KEY_RING_FILE,$/m);
    expect(processes).not.toMatch(/^\s*PAYLOAD_KEY_RING:/m);
  });
});
