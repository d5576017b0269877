export * from './concepts.ts';
export * from './upn.ts';
