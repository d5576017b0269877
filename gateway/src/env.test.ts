import { describe, expect, it } from 'vitest';
import { gatewaySettings, queryPlanner } from './env.ts';

describe('QUERY_PLANNER', () => {
  it('is the JavaScript planner unless rust is asked for', () => {
    expect(queryPlanner({})).toBe('js');
    expect(queryPlanner({ QUERY_PLANNER: '' })).toBe('js');
    expect(queryPlanner({ QUERY_PLANNER: 'js' })).toBe('js');
    expect(queryPlanner({ QUERY_PLANNER: 'rust' })).toBe('rust');
  });

  it('refuses anything else at start, naming the setting', () => {
    expect(() => queryPlanner({ QUERY_PLANNER: 'Rust' })).toThrow(/QUERY_PLANNER must be rust or js/);
  });

  it('reaches the gateway settings', () => {
    expect(gatewaySettings([], { QUERY_PLANNER: 'rust' }).queryPlanner).toBe('rust');
  });
});
