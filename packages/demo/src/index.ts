/** Deterministic demo data: which schools are the demo set, their staff, pupils, carers and adoptions. */
export * from './adoptions.ts';
export * from './carers.ts';
export { personName } from './names.ts';
export * from './pupils.ts';
export * from './schools.ts';
