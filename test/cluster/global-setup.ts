import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** host:port of the cluster's Temporal frontend. */
    clusterAddress: string;
    /** The cluster's folder (.cache/cluster-test): PostgreSQL data, server config, logs and pid file. */
    clusterDir: string;
    clusterPgUrl: string;
    temporalCliPath: string;
  }
}

const root = path.resolve(__dirname, '../..');
const clusterDir = path.join(root, '.cache', 'cluster-test');

function script(name: string, args: string[] = []): string {
  return execFileSync('bash', [path.join(root, 'scripts', name), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CLUSTER_DIR: clusterDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * A fresh cluster per run (its data wiped first, so the counts of a run are its own), and the service built as
 * production builds it (`npm run build`: tsc, then the workflow bundle the workers load). Stopped after the run.
 */
export default function setup(project: TestProject) {
  script('cluster-stop.sh', ['--wipe']);
  const started = Date.now();
  const out = script('cluster-start.sh');
  const vars = Object.fromEntries(out.trim().split('\n').map((line) => line.split('=', 2) as [string, string]));
  process.stderr.write(`[cluster] PostgreSQL + Temporal server ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${vars.TEMPORAL_ADDRESS}\n`);
  execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

  project.provide('clusterAddress', vars.TEMPORAL_ADDRESS!);
  project.provide('clusterPgUrl', vars.CLUSTER_PG_URL!);
  project.provide('clusterDir', clusterDir);
  project.provide('temporalCliPath', execFileSync('bash', [path.join(root, 'scripts', 'provision-temporal-cli.sh')], { encoding: 'utf8' }).trim());
  return () => {
    script('cluster-stop.sh');
  };
}
