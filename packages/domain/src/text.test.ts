import { describe, expect, it } from 'vitest';
import { optionalText, requiredText } from './text.ts';

describe('Text inputs', () => {
  it('trims, and refuses empty, blank or over-long text with INVALID_ARGUMENT naming the argument and the maximum', () => {
    expect(requiredText('  重庆市沙坪坝区科学技术协会 ', 'nameZh', 100)).toBe('重庆市沙坪坝区科学技术协会');
    for (const bad of ['', '   ', '\t\n', 'x'.repeat(101)]) {
      expect(() => requiredText(bad, 'nameZh', 100)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'nameZh', max: 100 }) }));
    }
    expect(() => requiredText('x'.repeat(900_000), 'nameZh', 100)).toThrow(/received "x{40}"… \(900000 characters\)/);
  });

  it('treats a left-out or blank optional text as none', () => {
    expect(optionalText(undefined, 'nameEn', 200)).toBeNull();
    expect(optionalText('  ', 'nameEn', 200)).toBeNull();
    expect(optionalText(' Shapingba ', 'nameEn', 200)).toBe('Shapingba');
  });
});
