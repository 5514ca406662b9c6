import { describe, expect, it } from 'vitest';
import { formatFen, parseYuan } from './money.ts';

describe('Money in yuan and fen', () => {
  it.each([
    ['120', 12000n],
    ['120.5', 12050n],
    ['0.01', 1n],
    ['9999999999999.99', 999999999999999n],
  ])('reads %s yuan as %s fen, exactly', (yuan, fen) => {
    expect(parseYuan(yuan)).toBe(fen);
  });

  it.each(['0', '-5', '1.234', '1e3', 'abc', '', '12,00'])('refuses %j', (value) => {
    expect(() => parseYuan(value)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_ARGUMENT' }) }));
  });

  it('names the rule when one is given', () => {
    expect(() => parseYuan('-1', 'amount', 'R42.funding')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'RULE_VIOLATION', rule: 'R42.funding' }) }));
  });

  it('writes fen as yuan with two decimals', () => {
    expect(formatFen(12050n)).toBe('120.50');
    expect(formatFen('5')).toBe('0.05');
    expect(formatFen(-250n)).toBe('-2.50');
  });
});
