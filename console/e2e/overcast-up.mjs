// Starts the real `./overcast up` on a free port for the browser tests, and stops it.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Runs `./overcast up --port N --tokens FILE` in its own process group, with a tokens file holding one
 * fresh token for tenant `e2e`, and waits until it says it is ready and its API takes the token.
 * Resolves to {url, token, stop()}; rejects with the server's output when it exits early or never gets ready.
 */
export async function startOvercast({ readyTimeoutMillis = 300_000 } = {}) {
  const port = await freePort();
  const token = `e2e-${randomUUID()}`;
  const dir = path.join(repoRoot, 'console/target/e2e');
  mkdirSync(dir, { recursive: true });
  const tokens = path.join(dir, 'tokens.yaml');
  writeFileSync(tokens, `tokens:\n  ${token}: e2e\n`);
  const child = spawn(path.join(repoRoot, 'overcast'), ['up', '--port', String(port), '--tokens', tokens], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept for the failure messages, and in target/e2e/overcast-up.log to read after a run.
  const log = createWriteStream(path.join(dir, 'overcast-up.log'));
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (d) => {
      output += d;
      log.write(d);
    });
  }
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMillis;
  for (;;) {
    if (exited) throw new Error(`./overcast up exited (${JSON.stringify(exited)}) before serving:\n${output}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid, 'SIGTERM');
      throw new Error(`./overcast up did not serve ${url} within ${readyTimeoutMillis} ms:\n${output}`);
    }
    if (output.includes('overcast up: ready') && (await answers(url, token))) break;
    await new Promise((r) => setTimeout(r, 500));
  }

  return {
    url,
    token,
    async stop() {
      if (exited) return;
      process.kill(-child.pid, 'SIGTERM');
      await once(child, 'exit');
      log.end();
    },
  };
}

async function answers(url, token) {
  try {
    return (await fetch(`${url}/clusters`, { headers: { Authorization: `Bearer ${token}` } })).ok;
  } catch {
    return false;
  }
}
