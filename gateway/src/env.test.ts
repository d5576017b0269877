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

describe('secrets in production', () => {
  const strong = { JWT_SECRET: 'x'.repeat(40), GATEWAY_SIGNING_SECRET: 'y'.repeat(40) };

  it('the gateway starts with its own long secrets', () => {
    expect(gatewaySettings([], { NODE_ENV: 'production', ...strong }).production).toBe(true);
  });

  it('refuses to start with a short or development-default secret', () => {
    expect(() =>
      gatewaySettings([], { NODE_ENV: 'production', ...strong, JWT_SECRET: 'x'.repeat(31) }),
    ).toThrow(/JWT_SECRET must be at least 32 bytes/);
    expect(() =>
      gatewaySettings([], {
        NODE_ENV: 'production',
        ...strong,
        GATEWAY_SIGNING_SECRET: 'commonroom-development-gateway-signing-secret',
      }),
    ).toThrow(/development default/);
  });
});
