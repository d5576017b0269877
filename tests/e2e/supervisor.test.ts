import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StartError, Supervisor } from '../../scripts/supervisor.ts';

/**
 * `npm start`'s supervisor, on small real processes: one that fails to start stops the start with its name
 * (never a wait for ever); one that dies while serving is restarted with growing backoff, and logged.
 */
const supervisors: Supervisor[] = [];
afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((s) => s.stop()));
});

function supervisor(log: string[] = [], startTimeoutMs = 60_000) {
  const s = new Supervisor({
    startTimeoutMs,
    initialBackoffMs: 50,
    maxBackoffMs: 400,
    stableMs: 60_000,
    log: (line) => log.push(line),
    stdio: 'ignore',
  });
  supervisors.push(s);
  return s;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const node = (code: string) => ({ command: process.execPath, args: ['-e', code] });
const server = (port: number) =>
  node(`require('node:http').createServer((_, res) => res.end('ok')).listen(${port}, '127.0.0.1')`);
const answers = (port: number) => () =>
  fetch(`http://127.0.0.1:${port}/`).then(
    (r) => r.ok,
    () => false,
  );

async function until(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition never met: ${check.toString()}`);
}

describe('the npm start supervisor', () => {
  it('stops with a message naming a process that exits while starting', async () => {
    const start = supervisor().start({
      name: 'the practice subgraph',
      ...node('process.exit(3)'),
      ready: async () => false,
    });
    await expect(start).rejects.toThrow(StartError);
    await expect(start).rejects.toThrow(/the practice subgraph failed to start \(exit code 3\)/);
  });

  it('stops with a message naming a process that is never ready', async () => {
    const start = supervisor([], 300).start({
      name: 'the gateway',
      ...node('setInterval(() => {}, 1000)'),
      ready: async () => false,
    });
    await expect(start).rejects.toThrow(/the gateway was not ready after/);
  });

  it('restarts a process that dies while serving, with backoff, and logs it', async () => {
    const log: string[] = [];
    const s = supervisor(log);
    const port = await freePort();
    await s.start({ name: 'the parents subgraph', ...server(port), ready: answers(port) });
    expect(await answers(port)()).toBe(true);

    for (const restart of [1, 2]) {
      const pid = s.pid('the parents subgraph');
      expect(pid).toBeDefined();
      process.kill(pid as number, 'SIGKILL');
      await until(() => s.restarts.get('the parents subgraph') === restart);
      // Serving again: the same port answers, from a new process.
      await until(() => log.filter((l) => l === 'the parents subgraph is serving again.').length === restart);
      expect(await answers(port)()).toBe(true);
      expect(s.pid('the parents subgraph')).not.toBe(pid);
    }
    expect(log.filter((l) => l.startsWith('the parents subgraph stopped (SIGKILL)'))).toEqual([
      'the parents subgraph stopped (SIGKILL); restarting it in 50 ms (restart 1). The rest of the hub keeps serving.',
      'the parents subgraph stopped (SIGKILL); restarting it in 100 ms (restart 2). The rest of the hub keeps serving.',
    ]);
  });
});
