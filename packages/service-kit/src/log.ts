// Structured logs: one JSON object per line on stdout (pino), for the operator's collector to read. Expected
// failures (a subgraph that cannot be reached) are one line without a stack; failures of the service carry theirs.
import { pino } from 'pino';

export const log = pino({ base: { pid: process.pid } });
