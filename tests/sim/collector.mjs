// The real collector on a free loopback port with a fresh SQLite database, for the simulations.
// ENGAGE_COLLECTOR overrides the binary (default build/native/bin/engage-collector).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export async function startCollector(root) {
  const bin = process.env.ENGAGE_COLLECTOR ? resolve(process.env.ENGAGE_COLLECTOR) : join(root, 'build/native/bin/engage-collector');
  const dir = mkdtempSync(join(tmpdir(), 'engage-sim-'));
  const child = spawn(bin, ['--host', '127.0.0.1', '--port', '0', '--db', join(dir, 'engage.db'), '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`collector did not start: ${out}`)), 10000);
    const onData = (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolveUrl(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`collector exited ${code}: ${out}`)));
  });
  return {
    url,
    async get(path) {
      const response = await fetch(url + path);
      return { status: response.status, body: await response.json() };
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
