import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Issue 19, item 6: without a Temporal CLI, the provisioning builds one with `go install`; a Go too old for the
 * CLI's go.mod (Debian 12's golang-go is 1.19) stops it with a hint that yields a Go new enough.
 */
const script = path.resolve(__dirname, '../../scripts/provision-temporal-cli.sh');
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function provisionWithGo(version: string | undefined) {
  const dir = await mkdtemp(path.join(tmpdir(), 'provision-'));
  dirs.push(dir);
  const bin = path.join(dir, 'bin');
  await execFileP('mkdir', ['-p', bin]);
  if (version) {
    await writeFile(path.join(bin, 'go'), `#!/bin/sh\n[ "$1 $2" = "env GOVERSION" ] && echo ${version} && exit 0\nexit 1\n`);
    await chmod(path.join(bin, 'go'), 0o755);
  }
  const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: dir, CASE_DEADLINES_CACHE_DIR: path.join(dir, 'cache') };
  return execFileP('bash', [script], { env }).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
}
const execFileP = promisify(execFile);

describe('provisioning the Temporal CLI: the Go hint', () => {
  it('a Go older than 1.21 (Debian 12 golang-go 1.19) is refused with a way to a Go new enough', async () => {
    const { code, stderr } = await provisionWithGo('go1.19.8');
    expect(code).toBe(3);
    expect(stderr).toContain('go1.19.8 is too old to build the Temporal dev server (temporal CLI v1.5.1 needs Go 1.25.0');
    expect(stderr).toContain('go install golang.org/dl/go1.25.0@latest');
    expect(stderr).toContain('go1.25.0 download');
    expect(stderr).not.toContain('apt-get install golang-go');
  });

  it('no Go at all: says what to install, the same way', async () => {
    const { code, stderr } = await provisionWithGo(undefined);
    expect(code).toBe(3);
    expect(stderr).toContain('Go is not installed');
    expect(stderr).toContain('golang.org/dl/go1.25.0');
  });
});
