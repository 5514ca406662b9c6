import { describe, expect, it } from 'vitest';
import { isQuorate, passes, resolutionOutcome } from './rules.ts';

describe('Committee meetings (Art. 31)', () => {
  it('R31.quorum: exactly two thirds of the members is a quorum, one fewer is not', () => {
    expect(isQuorate(6, 9)).toBe(true);
    expect(isQuorate(5, 9)).toBe(false);
    expect(isQuorate(2, 3)).toBe(true);
    expect(isQuorate(7, 10)).toBe(true); // 6.67 needed
    expect(isQuorate(6, 10)).toBe(false);
    expect(isQuorate(0, 0)).toBe(false);
  });

  it('R31.majority: exactly half of those attending passes a resolution, one fewer does not', () => {
    expect(passes(4, 8)).toBe(true);
    expect(passes(3, 8)).toBe(false);
    expect(passes(4, 7)).toBe(true); // 3.5 needed
    expect(passes(3, 7)).toBe(false);
  });

  it('R31.quorum: nothing a meeting without quorum votes is valid', () => {
    expect(resolutionOutcome({ attendeeCount: 5, memberCount: 9 }, 5)).toBe('NO_QUORUM');
    expect(resolutionOutcome({ attendeeCount: 6, memberCount: 9 }, 3)).toBe('PASSED');
    expect(resolutionOutcome({ attendeeCount: 6, memberCount: 9 }, 2)).toBe('FAILED');
  });
});
