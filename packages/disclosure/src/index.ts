export * from './figures.ts';
export * from './policy.ts';
export * from './protect.ts';
