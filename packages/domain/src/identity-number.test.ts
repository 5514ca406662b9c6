import { describe, expect, it } from 'vitest';
import { identityNumberProblem, normaliseIdentityNumber, normalisePersonName, withIdentityNumberCheckCharacter } from './identity-number.ts';

describe('Citizen identity numbers (GB 11643-1999)', () => {
  it('accepts the standard’s own example and numbers completed with their check character', () => {
    // The worked example of GB 11643-1999, Appendix A.
    expect(identityNumberProblem('11010519491231002X')).toBeNull();
    expect(identityNumberProblem(withIdentityNumberCheckCharacter('50010619800101123'))).toBeNull();
  });

  it('says what is wrong without echoing the number', () => {
    expect(identityNumberProblem('1101051949123100')).toBe('length');
    expect(identityNumberProblem('11010519491231002Y')).toBe('characters');
    expect(identityNumberProblem('110105194902310021')).toBe('birth date');
    expect(identityNumberProblem('110105194912310021')).toBe('check character');
  });

  it('compares numbers and names as typed or pasted', () => {
    expect(normaliseIdentityNumber(' 110105 19491231002x ')).toBe('11010519491231002X');
    expect(normalisePersonName(' 张 伟 ')).toBe('张伟');
    expect(normalisePersonName('阿依古丽・买买提')).toBe(normalisePersonName('阿依古丽·买买提'));
  });
});
