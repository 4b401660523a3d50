import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const composeFile = path.join(root, 'docker-compose.yml');

function dockerComposeAvailable(): boolean {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// No Docker engine runs on the build machines: check the production stack's structure instead of starting it.
describe('docker-compose.yml (production-like stack)', () => {
  const compose = parse(readFileSync(composeFile, 'utf8'), { merge: true });
  const services: Record<string, any> = compose.services;

  it('parses (with `docker compose config` where the client plugin is installed)', () => {
    if (dockerComposeAvailable()) {
      execFileSync('docker', ['compose', '-f', composeFile, 'config', '--quiet'], {
        env: { ...process.env, AUTH_JWT_SECRET: 'x'.repeat(40) },
      });
    }
    expect(Object.keys(services).sort()).toEqual(['api', 'postgresql', 'temporal', 'temporal-admin-tools', 'temporal-ui', 'worker']);
  });

  it('runs Temporal on PostgreSQL with the Web UI', () => {
    expect(services.temporal.image).toMatch(/^temporalio\/auto-setup:/);
    expect(services.temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
    expect(services['temporal-ui'].environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
    const dynamicConfig = services.temporal.volumes[0].split(':')[0];
    expect(existsSync(path.join(root, dynamicConfig, 'development-sql.yaml'))).toBe(true);
  });

  it('runs the worker and the API from one image built by the Dockerfile, against that Temporal', () => {
    expect(services.worker.build).toBe('.');
    expect(existsSync(path.join(root, 'Dockerfile'))).toBe(true);
    expect(services.api.image).toBe(services.worker.image);
    expect(services.worker.command).toEqual(['node', 'dist/src/main.js', 'worker']);
    expect(services.api.command).toEqual(['node', 'dist/src/main.js', 'api']);
    for (const name of ['worker', 'api']) {
      expect(services[name].environment).toMatchObject({ TEMPORAL_EMBEDDED: 'false', TEMPORAL_ADDRESS: 'temporal:7233' });
    }
    expect(services.api.environment.API_HOST).toBe('0.0.0.0');
    // The entry point the containers run is the one the build emits.
    expect(existsSync(path.join(root, 'src/main.ts'))).toBe(true);
  });

  it('passes the identity provider issuer and audience wherever it passes the JWKS URL, and no default secret', () => {
    for (const [name, service] of Object.entries(services)) {
      const environment = service.environment ?? {};
      if (!('AUTH_JWKS_URL' in environment)) continue;
      expect(environment, name).toMatchObject({ AUTH_JWKS_URL: '${AUTH_JWKS_URL:-}', AUTH_ISSUER: '${AUTH_ISSUER:-}', AUTH_AUDIENCE: '${AUTH_AUDIENCE:-}' });
      // Unset, the service refuses to start naming what to set (src/config/auth-config.ts); never a secret baked in here.
      expect(environment.AUTH_JWT_SECRET, name).toBe('${AUTH_JWT_SECRET:-}');
    }
    expect(['worker', 'api'].every((name) => 'AUTH_JWKS_URL' in services[name].environment)).toBe(true);
  });

  it('names only services, networks and volumes that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dep of deps) expect(services, `${name} depends on ${dep}`).toHaveProperty(dep);
      for (const net of service.networks ?? []) expect(compose.networks, `${name} network ${net}`).toHaveProperty(net);
      for (const volume of service.volumes ?? []) {
        const source = String(volume).split(':')[0]!;
        if (!source.startsWith('.') && !source.startsWith('/')) expect(compose.volumes, `${name} volume ${source}`).toHaveProperty(source);
      }
    }
  });
});
