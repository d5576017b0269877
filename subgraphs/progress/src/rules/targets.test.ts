import { describe, expect, it } from 'vitest';
import { targetsProblem } from './targets.ts';

describe('targets', () => {
  it('accepts the aspiration of no stuck pupils, and a gap to close', () => {
    expect(targetsProblem(2025, { stuckPupils: 0, stuckWithoutPlan: 0, disadvantagedGap: 0.05 })).toBeNull();
    expect(targetsProblem(2025, { disadvantagedGap: -0.02 })).toBeNull();
  });

  it('names the target that cannot be meant', () => {
    expect(targetsProblem(2025, { stuckPupils: -1 })?.field).toBe('stuckPupils');
    expect(targetsProblem(2025, { stuckPupils: 2.5 })?.field).toBe('stuckPupils');
    expect(targetsProblem(2025, { stuckPupils: 3, stuckWithoutPlan: 4 })?.field).toBe('stuckWithoutPlan');
    expect(targetsProblem(2025, { disadvantagedGap: 12 })?.message).toMatch(/share from -1 to 1/);
    expect(targetsProblem(1066, { stuckPupils: 0 })?.field).toBe('academicYear');
    expect(targetsProblem(2025, {})?.message).toMatch(/at least one/);
  });
});
