import { type ChildProcess, spawn } from 'node:child_process';

/** One process `npm start` runs and keeps running. */
export interface Supervised {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** True once the process serves (e.g. its health check answers). */
  ready(): Promise<boolean>;
}

export interface SupervisorOptions {
  /** How long a process may take to become ready at first start. */
  startTimeoutMs?: number;
  /** First wait before a restart; doubled for each restart in a row, up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A process that ran this long before it died starts again from the first backoff. */
  stableMs?: number;
  log?: (line: string) => void;
  stdio?: 'inherit' | 'ignore';
}

export class StartError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const how = (code: number | null, signal: NodeJS.Signals | null) => signal ?? `exit code ${code}`;

/**
 * Starts processes, waits until each is ready, and restarts one that dies afterwards, with backoff (1 s,
 * 2 s, 4 s … 30 s), logging each stop and restart; the others keep serving meanwhile. A process that fails
 * to start — it exits, or is not ready in time — is an error naming it, never a wait for ever.
 */
export class Supervisor {
  readonly #options: Required<SupervisorOptions>;
  readonly #running = new Map<string, ChildProcess>();
  #stopping = false;
  /** Restarts so far, by process name (tests read it). */
  readonly restarts = new Map<string, number>();

  constructor(options: SupervisorOptions = {}) {
    this.#options = {
      startTimeoutMs: 300_000,
      initialBackoffMs: 1_000,
      maxBackoffMs: 30_000,
      stableMs: 60_000,
      log: (line) => console.error(line),
      stdio: 'inherit',
      ...options,
    };
  }

  /** The running process's id, if it is running. */
  pid(name: string): number | undefined {
    return this.#running.get(name)?.pid;
  }

  /** Starts `process_` and resolves when it is ready; rejects with a StartError naming it if it cannot be. */
  async start(process_: Supervised): Promise<void> {
    await this.#launch(process_, 0);
  }

  async #launch(process_: Supervised, backoffStep: number): Promise<void> {
    const child = spawn(process_.command, process_.args, {
      env: { ...process.env, ...process_.env },
      stdio: ['ignore', this.#options.stdio, this.#options.stdio],
    });
    this.#running.set(process_.name, child);
    const started = Date.now();
    let exited: string | undefined;
    let ready = false;
    child.once('exit', (code, signal) => {
      exited = how(code, signal);
      if (this.#running.get(process_.name) === child) this.#running.delete(process_.name);
      if (!ready || this.#stopping) return;
      // It had been serving: bring it back, waiting longer each time it dies again soon after a restart.
      const step = Date.now() - started >= this.#options.stableMs ? 0 : backoffStep;
      const delay = Math.min(this.#options.initialBackoffMs * 2 ** step, this.#options.maxBackoffMs);
      const count = (this.restarts.get(process_.name) ?? 0) + 1;
      this.restarts.set(process_.name, count);
      this.#options.log(
        `${process_.name} stopped (${exited}); restarting it in ${delay} ms (restart ${count}). The rest of the hub keeps serving.`,
      );
      void this.#restart(process_, delay, step + 1);
    });
    const deadline = Date.now() + this.#options.startTimeoutMs;
    while (!exited && !this.#stopping) {
      if (await process_.ready().catch(() => false)) {
        ready = true;
        return;
      }
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new StartError(
          `${process_.name} was not ready after ${Math.round(this.#options.startTimeoutMs / 1000)} s`,
        );
      }
      await sleep(200);
    }
    if (exited) throw new StartError(`${process_.name} failed to start (${exited}): see its output above`);
  }

  async #restart(process_: Supervised, delay: number, step: number): Promise<void> {
    await sleep(delay);
    if (this.#stopping) return;
    try {
      await this.#launch(process_, step);
      this.#options.log(`${process_.name} is serving again.`);
    } catch (error) {
      if (this.#stopping) return;
      const next = Math.min(this.#options.initialBackoffMs * 2 ** step, this.#options.maxBackoffMs);
      this.#options.log(`${(error as Error).message}; trying again in ${next} ms.`);
      void this.#restart(process_, next, step + 1);
    }
  }

  /** Stops every process (SIGTERM) and restarts none. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.all(
      [...this.#running.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}
