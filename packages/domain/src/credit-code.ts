// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character alphabet, the last
// being a check character computed from the first seventeen.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a code, or null if they hold a character outside the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem =
  | { kind: 'length'; received: number }
  | { kind: 'character'; position: number; character: string }
  | { kind: 'check'; expected: string; received: string };

/** Explains what is wrong with a code, or returns null when it is valid. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return { kind: 'length', received: code.length };
  for (let i = 0; i < 18; i++) {
    if (!ALPHABET.includes(code[i]!)) return { kind: 'character', position: i + 1, character: code[i]! };
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17))!;
  return expected === code[17] ? null : { kind: 'check', expected, received: code[17]! };
}

/** Completes 17 characters into a valid code. */
export function withCreditCodeCheckCharacter(first17: string): string {
  const check = creditCodeCheckCharacter(first17);
  if (check === null) throw new Error(`expected 17 characters from "${ALPHABET}", received "${first17}"`);
  return first17 + check;
}
