import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, creditCodeProblem, withCreditCodeCheckCharacter } from './credit-code.ts';

describe('Unified social credit code (GB 32100-2015)', () => {
  it('accepts published codes whose check character is correct', () => {
    // Codes printed on public business licences.
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('911100001000044477')).toBeNull();
  });

  it('names the expected check character when the last one is wrong', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toEqual({ kind: 'check', expected: '3', received: '4' });
  });

  it('refuses letters outside the alphabet (I, O, S, V, Z) and wrong lengths', () => {
    expect(creditCodeProblem('91350100M000100O43')).toEqual({ kind: 'character', position: 16, character: 'O' });
    expect(creditCodeProblem('9135')).toEqual({ kind: 'length', received: 4 });
  });

  it('completes seventeen characters into a valid code', () => {
    const code = withCreditCodeCheckCharacter('91500000MA5U00001');
    expect(code).toHaveLength(18);
    expect(creditCodeProblem(code)).toBeNull();
    expect(creditCodeCheckCharacter('91500000MA5U0000')).toBeNull();
  });
});
