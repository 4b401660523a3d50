import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '../../src/config/config';

const root = path.resolve(__dirname, '../..');
const composeText = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true });
const services: Record<string, any> = compose.services;
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');

/**
 * The Compose specification's JSON schema, as the dclint package ships it (draft-07, from compose-spec), compiled
 * with Ajv. Its `$schema` names draft-07 by an https URL Ajv does not know by that name; draft-07 is Ajv's own.
 */
function composeSpecValidator() {
  const packageDir = path.dirname(createRequire(__filename).resolve('dclint/package.json'));
  const { $schema, ...schema } = JSON.parse(readFileSync(path.join(packageDir, 'schemas', 'compose.schema.json'), 'utf8'));
  expect($schema).toMatch(/draft-07/);
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  return { ajv, validate: ajv.compile(schema) };
}

/** Compose's interpolation of `${NAME:-default}`, `${NAME-default}` and `${NAME}` with the given shell variables. */
function interpolate(value: string, shell: Record<string, string>): string {
  return value.replaceAll(/\$\{([A-Z0-9_]+)(?:(:?-)([^}]*))?\}/g, (_all, name: string, op: string | undefined, fallback: string | undefined) => {
    const set = shell[name];
    if (op === ':-') return set ? set : (fallback ?? '');
    if (op === '-') return set ?? fallback ?? '';
    return set ?? '';
  });
}

/** What a service's process sees as its environment for these shell variables, after interpolation. */
function environmentOf(service: string, shell: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(services[service].environment as Record<string, string>).map(([k, v]) => [k, interpolate(String(v), shell)]));
}

/** Services that run to completion (others wait for them with service_completed_successfully). */
const oneShotJobs = new Set(
  Object.values(services).flatMap((service) =>
    Object.entries((service.depends_on ?? {}) as Record<string, { condition?: string }>)
      .filter(([, dep]) => dep.condition === 'service_completed_successfully')
      .map(([name]) => name),
  ),
);

// No Docker engine runs on the build machines: the file is checked against the specification and for what each
// service needs; the same topology runs for real in `npm run test:cluster` (test/deploy/cluster-in-step.test.ts).
describe('docker-compose.yml (the production topology)', () => {
  it('is valid under the Compose specification JSON schema', () => {
    const { ajv, validate } = composeSpecValidator();
    const valid = validate(compose);
    expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('a document the schema refuses is refused (the validation is not vacuous)', () => {
    const { validate } = composeSpecValidator();
    expect(validate({ services: { api: { image: 'x', restart_policy: 'always' } } })).toBe(false);
    expect(validate({ services: { api: { image: 'x', depends_on: { db: { condition: 'healthy' } } } } })).toBe(false);
  });

  it('runs Temporal from its server image after a schema-setup job, not the deprecated auto-setup image', () => {
    for (const service of Object.values(services)) expect(String(service.image ?? '')).not.toMatch(/auto-setup/);
    expect(services.temporal.image).toMatch(/^temporalio\/server:/);
    expect(services.temporal.depends_on['temporal-schema-setup']).toEqual({ condition: 'service_completed_successfully' });
    expect(services['temporal-schema-setup'].image).toMatch(/^temporalio\/admin-tools:/);
    expect(services['temporal-schema-setup'].entrypoint).toEqual(['/bin/sh', '/deploy/temporal/setup-schema.sh']);
    expect(services['temporal-namespace-setup'].entrypoint).toEqual(['/bin/sh', '/deploy/temporal/setup-namespace.sh']);
    expect(services.temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
    for (const name of oneShotJobs) {
      const mount = services[name].volumes.find((v: string) => v.endsWith(':/deploy/temporal:ro'));
      expect(existsSync(path.join(root, mount.split(':')[0]))).toBe(true);
    }
  });

  it('has a health check on every long-running service, and the services wait for what they need to be healthy or done', () => {
    for (const [name, service] of Object.entries(services)) {
      if (oneShotJobs.has(name)) continue;
      expect(service.healthcheck?.test, `${name} health check`).toBeDefined();
      expect(service.healthcheck?.disable, name).not.toBe(true);
    }
    expect(services['temporal-schema-setup'].depends_on.postgresql).toEqual({ condition: 'service_healthy' });
    expect(services['temporal-namespace-setup'].depends_on.temporal).toEqual({ condition: 'service_healthy' });
    for (const name of ['worker', 'api']) expect(services[name].depends_on['temporal-namespace-setup']).toEqual({ condition: 'service_completed_successfully' });
    expect(services.worker.healthcheck.test).toEqual(['CMD', 'node', 'dist/src/cli/healthcheck.js', 'worker']);
    expect(services.api.healthcheck.test).toEqual(['CMD', 'node', 'dist/src/cli/healthcheck.js', 'api']);
    expect(existsSync(path.join(root, 'src/cli/healthcheck.ts'))).toBe(true);
  });

  it('runs the API and two workers from the one image the Dockerfile builds, each its own process', () => {
    expect(services.worker.build).toBe('.');
    expect(services.api.image).toBe(services.worker.image);
    expect(services.worker.command).toEqual(['node', 'dist/src/main.js', 'worker']);
    expect(services.api.command).toEqual(['node', 'dist/src/main.js', 'api']);
    expect(services.worker.deploy.replicas).toBe(2);
    for (const name of ['worker', 'api']) expect(services[name].environment).toMatchObject({ TEMPORAL_EMBEDDED: 'false', TEMPORAL_ADDRESS: 'temporal:7233' });
    // The image carries the prebuilt workflow bundle: `npm run build` writes it after tsc.
    expect(dockerfile).toMatch(/^RUN npm run build\b/m);
    expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.build).toMatch(/bundle-workflows/);
  });

  it('starts the API and the workers with the identity provider settings alone (JWKS only, no secret)', () => {
    // The payload key ring is mounted as a file (issue 15); without one the services refuse to start as well.
    const keys = { PAYLOAD_KEY_RING_FILE: '/run/secrets/payload-key-ring.json' };
    const shell = { AUTH_JWKS_URL: 'https://idp.example.org/.well-known/jwks.json', AUTH_ISSUER: 'https://idp.example.org/', AUTH_AUDIENCE: 'case-deadlines', ...keys };
    for (const name of ['worker', 'api']) {
      // The image sets NODE_ENV=production, under which the development secret is refused.
      const config = loadConfig({ ...environmentOf(name, shell), NODE_ENV: 'production' });
      expect(config.auth).toMatchObject({ jwksUrl: shell.AUTH_JWKS_URL, issuer: shell.AUTH_ISSUER, audience: shell.AUTH_AUDIENCE, usesDevSecret: false });
    }
    expect(loadConfig({ ...environmentOf('api', { AUTH_JWT_SECRET: 'a-secret-of-the-district-0123456789abcdef', ...keys }), NODE_ENV: 'production' }).auth.jwksUrl).toBeUndefined();
    // With neither, the process refuses to start and names what to set; no secret is baked into the file.
    expect(() => loadConfig({ ...environmentOf('api', {}), NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(composeText).not.toMatch(/AUTH_JWT_SECRET:\s*\$\{AUTH_JWT_SECRET:-[^}]/);
  });

  it('gives the API and the workers one data volume at DATA_DIR, created in the image for its `node` user', () => {
    for (const name of ['worker', 'api']) {
      expect(services[name].volumes).toEqual(['case-data:/var/lib/case-deadlines']);
      expect(services[name].environment.DATA_DIR).toBe('/var/lib/case-deadlines');
    }
    expect(compose.volumes).toHaveProperty('case-data');
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const prepared = final.indexOf('mkdir -p /var/lib/case-deadlines && chown node:node /var/lib/case-deadlines');
    expect(prepared).toBeGreaterThan(0);
    expect(prepared).toBeLessThan(final.indexOf('USER node'));
  });

  it('serves the Web UI against the server, decrypting through the API\'s codec endpoint, which answers the UI\'s origin (issue 15)', () => {
    expect(services['temporal-ui'].image).toMatch(/^temporalio\/ui:/);
    const ui = environmentOf('temporal-ui', {});
    expect(ui).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_CODEC_INCLUDE_CREDENTIALS: 'true', TEMPORAL_CODEC_PASS_ACCESS_TOKEN: 'false' });
    // The browser calls the endpoint: the API's published port, its /codec routes (api/routes/codec.ts).
    const endpoint = new URL(ui.TEMPORAL_CODEC_ENDPOINT!);
    expect(endpoint.pathname).toBe('/codec');
    expect(services.api.ports).toContain(`${endpoint.port}:${environmentOf('api', {}).API_PORT}`);
    // The API answers browsers from the UI's origin as the browser reaches it (the UI's published port).
    const uiPort = String(services['temporal-ui'].ports[0]).split(':')[0];
    const config = loadConfig({ ...environmentOf('api', { AUTH_JWT_SECRET: 'a-secret-of-the-district-0123456789abcdef' }), NODE_ENV: 'production' });
    expect(config.codec.corsOrigins).toEqual([`http://localhost:${uiPort}`]);
    expect(environmentOf('temporal-ui', { TEMPORAL_CODEC_ENDPOINT: 'https://cases.district.example/codec' }).TEMPORAL_CODEC_ENDPOINT).toBe('https://cases.district.example/codec');
    expect(composeText).not.toContain('TEMPORAL_CODEC_ENDPOINT:-}');
  });

  it('mounts the payload key ring as a secret file for the API and the workers, from a file git never holds (issue 15)', () => {
    for (const name of ['worker', 'api']) {
      expect(services[name].secrets, name).toEqual(['payload-key-ring']);
      const config = loadConfig({ ...environmentOf(name, { AUTH_JWT_SECRET: 'a-secret-of-the-district-0123456789abcdef' }), NODE_ENV: 'production' });
      // Compose mounts a secret at /run/secrets/<name>.
      expect(config.payloadKeys).toEqual({ kind: 'file', path: '/run/secrets/payload-key-ring' });
      expect(services[name].environment.PAYLOAD_KEY_RING, name).toBeUndefined();
    }
    const file = interpolate(compose.secrets['payload-key-ring'].file, {});
    expect(file).toBe('./deploy/keys/payload-key-ring.json');
    expect(interpolate(compose.secrets['payload-key-ring'].file, { PAYLOAD_KEY_RING_SECRET_FILE: '/etc/district/ring.json' })).toBe('/etc/district/ring.json');
    // The folder exists (so the file has a place) and ignores everything in it but its .gitignore.
    expect(readFileSync(path.join(root, 'deploy/keys/.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['*', '!.gitignore']));
  });

  it('builds on a Node LTS line that package.json engines accept', () => {
    const majors = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((m) => Number(m[1]));
    expect(majors).toHaveLength(2);
    expect(new Set(majors).size).toBe(1);
    // LTS lines are the even majors; the engines range accepts 20.19+, 22.12+ and every line from 24 on.
    expect(majors[0]! % 2).toBe(0);
    expect(majors[0]).toBeGreaterThanOrEqual(24);
    expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node).toBe('^20.19.0 || ^22.12.0 || >=24.0.0');
  });

  it('names only services, networks and volumes that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dep of Object.keys(service.depends_on ?? {})) expect(services, `${name} depends on ${dep}`).toHaveProperty(dep);
      for (const net of service.networks ?? []) expect(compose.networks, `${name} network ${net}`).toHaveProperty(net);
      for (const volume of service.volumes ?? []) {
        const source = String(volume).split(':')[0]!;
        if (!source.startsWith('.') && !source.startsWith('/')) expect(compose.volumes, `${name} volume ${source}`).toHaveProperty(source);
        else expect(existsSync(path.join(root, source)), `${name} mounts ${source}`).toBe(true);
      }
    }
  });
});
