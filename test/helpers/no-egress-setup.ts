// Every test file runs with outbound access refused and recorded (no-egress.mjs), and fails if anything it started
// tried to reach a host outside this machine.
import { afterAll, expect } from 'vitest';
import { outboundAttempts } from './no-egress.mjs';

afterAll(() => {
  expect(outboundAttempts(), 'connections or look-ups of hosts outside this machine').toEqual([]);
});
