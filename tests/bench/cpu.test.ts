import { describe, expect, it } from 'vitest';
import { CpuMeter, cpuCell, cpuMs, cpuPerRequest } from './cpu.ts';

describe('the benchmark CPU meter', () => {
  it("reads a process's CPU time from /proc, and it grows as the process works", async () => {
    const meter = await CpuMeter.start([{ name: 'this test', pid: process.pid }]);
    // Read after the meter's own reading, so the meter counts at least what the loop below waits for.
    const start = cpuMs(process.pid);
    expect(Number.isFinite(start)).toBe(true);
    // Work until the kernel has counted at least 30 ms more (however busy the machine, this ends).
    let spins = 0;
    while ((cpuMs(process.pid) ?? 0) - (start ?? 0) < 30) spins += Math.sqrt(spins + 1);
    const used = await meter.stop();
    expect(used['this test']).toBeGreaterThanOrEqual(30);
    expect(cpuMs(2 ** 22 + 1)).toBeUndefined();
  });

  it('divides by the requests answered and leaves out processes that did nothing', () => {
    const perRequest = cpuPerRequest({ gateway: 420, progress: 610, schools: 0 }, 100);
    expect(perRequest).toEqual({ gateway: 4.2, progress: 6.1, schools: 0 });
    expect(cpuCell(perRequest)).toBe('gateway 4.2 · progress 6.1');
  });
});
