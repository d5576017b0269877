import { readFileSync } from 'node:fs';

/** A process's resident set size in MB, from /proc (Linux); undefined where there is no /proc or it has exited. */
export function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

export interface MemoryFigures {
  /** Highest RSS seen, MB. */
  peakMb: number | null;
  /** Mean of the samples, MB. */
  meanMb: number | null;
  samples: number;
}

const round = (mb: number) => Math.round(mb);

/**
 * Samples the RSS of some processes every `intervalMs` until stopped. `take()` returns the figures since the
 * last `take()` (or the start) and begins a new window, so one sampler serves both a whole load run and the
 * soak's 30-second rows.
 */
export class RssSampler {
  private window = new Map<string, number[]>();
  private timer: NodeJS.Timeout;

  constructor(
    private readonly processes: { name: string; pid: number }[],
    intervalMs = 250,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample() {
    for (const { name, pid } of this.processes) {
      const mb = rssMb(pid);
      if (mb === undefined) continue;
      const list = this.window.get(name) ?? [];
      list.push(mb);
      this.window.set(name, list);
    }
  }

  take(): Record<string, MemoryFigures> {
    this.sample();
    const figures: Record<string, MemoryFigures> = {};
    for (const { name } of this.processes) {
      const list = this.window.get(name) ?? [];
      figures[name] = {
        peakMb: list.length ? round(Math.max(...list)) : null,
        meanMb: list.length ? round(list.reduce((a, b) => a + b, 0) / list.length) : null,
        samples: list.length,
      };
    }
    this.window = new Map();
    return figures;
  }

  stop(): Record<string, MemoryFigures> {
    clearInterval(this.timer);
    return this.take();
  }
}
