export { migrationsFolder, openDatabase, queryRows, sqlStatements } from './client.ts';
export type { Database, DatabaseOptions, Db } from './client.ts';
export * as schema from './schema/index.ts';
export { anyOf, containsPattern, intArray, periodOf, textArray, type Period } from './sql.ts';
export { inTransaction, type DatabaseRefusal } from './transaction.ts';
export { journal, type AuditRecord } from './audit.ts';
export { templateFolder } from './pglite-template.ts';
