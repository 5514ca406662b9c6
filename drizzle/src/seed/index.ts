export { demoScopes, isSeeded, MUNICIPAL_ID, readDistricts, SCALES, seed } from './seed.ts';
export type { ScaleName, SeedScale } from './seed.ts';
