export * from './org.ts';
export * from './people.ts';
export * from './activities.ts';
export * from './audit.ts';
export * from './hierarchy.ts';
export * from './decisions.ts';
