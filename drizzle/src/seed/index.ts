export { demoScopes, isSeeded, MUNICIPAL_ID, readDistricts, seed } from './seed.ts';
export { rebuildActivityCounts } from './activities.ts';
export { SCALES, type ScaleName, type SeedScale } from './scales.ts';
export { demoIdentityNumbers } from './identity.ts';
