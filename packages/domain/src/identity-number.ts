// Citizen identity number (公民身份号码), GB 11643-1999: six digits of the region, eight of the birth date, three of
// sequence, and a check character (0-9 or X) computed from the first seventeen by ISO 7064 MOD 11-2. Errors about
// one never repeat the number itself: it is personal data, and messages end up in logs.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character for 17 digits, or null when they are not 17 digits. */
export function identityNumberCheckCharacter(first17: string): string | null {
  if (!/^[0-9]{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Upper-case, without surrounding or inner spaces: how numbers typed or pasted from a spreadsheet are compared. */
export const normaliseIdentityNumber = (value: string) => value.replace(/\s+/g, '').toUpperCase();

export type IdentityNumberProblem = 'length' | 'characters' | 'birth date' | 'check character';

/** What is wrong with a normalised number, or null when it is well formed. */
export function identityNumberProblem(number: string): IdentityNumberProblem | null {
  if (number.length !== 18) return 'length';
  if (!/^[0-9]{17}[0-9X]$/.test(number)) return 'characters';
  const birth = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  const day = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== birth || birth < '1900-01-01') return 'birth date';
  return identityNumberCheckCharacter(number.slice(0, 17)) === number[17] ? null : 'check character';
}

/** Completes 17 digits into a well-formed number (demo data, tests). */
export function withIdentityNumberCheckCharacter(first17: string): string {
  const check = identityNumberCheckCharacter(first17);
  if (check === null) throw new Error(`expected 17 digits, received ${first17.length} characters`);
  return first17 + check;
}

/** Chinese names compared as people write them: NFKC (full-width forms folded), no spaces, middle dots unified. */
export const normalisePersonName = (value: string) =>
  value
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[·•‧∙・]/g, '·');
