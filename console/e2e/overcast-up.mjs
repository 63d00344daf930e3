// Starts the real `./overcast up` on a free port for the browser tests, and stops it.
import { spawn } from 'node:child_process';
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
 * Runs `./overcast up --port N` in its own process group and waits until the API answers.
 * Resolves to {url, token, output(), stop()}; rejects with the server's output when it exits early.
 */
export async function startOvercast({ readyTimeoutMillis = 300_000 } = {}) {
  const port = await freePort();
  const child = spawn(path.join(repoRoot, 'overcast'), ['up', '--port', String(port)], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMillis;
  let token = null;
  while (!token) {
    if (exited) throw new Error(`./overcast up exited (${JSON.stringify(exited)}) before serving:\n${output}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid, 'SIGTERM');
      throw new Error(`./overcast up did not serve ${url} within ${readyTimeoutMillis} ms:\n${output}`);
    }
    token = await tokenWhenServing(url, output);
    if (!token) await new Promise((r) => setTimeout(r, 500));
  }

  return {
    url,
    token,
    output: () => output,
    async stop() {
      if (exited) return;
      process.kill(-child.pid, 'SIGTERM');
      await once(child, 'exit');
    },
  };
}

async function tokenWhenServing(url, output) {
  const token = TOKEN_LINE.exec(output)?.[1];
  if (!token) return null;
  try {
    const answer = await fetch(`${url}/clusters`, { headers: { Authorization: `Bearer ${token}` } });
    return answer.ok ? token : null;
  } catch {
    return null;
  }
}
