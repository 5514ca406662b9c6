import { describe, expect, it } from 'vitest';
import { abbreviationOf, initialsOf, searchKeysOf } from './search.ts';

describe('Search keys', () => {
  it('shortens a name the way staff write it', () => {
    expect(abbreviationOf('重庆市沙坪坝区科学技术协会')).toBe('沙坪坝区科协');
    expect(abbreviationOf('重庆长安汽车股份有限公司科学技术协会')).toBe('长安汽车股份有限公司科协');
    expect(abbreviationOf('重庆市科学技术协会')).toBe('重庆市科协');
  });

  it('reads 重庆 as chóngqìng, not zhòngqìng, and keeps Latin letters and digits', () => {
    expect(initialsOf('重庆市沙坪坝区科学技术协会')).toBe('cqsspbqkxjsxh');
    expect(initialsOf('沙坪坝区科协')).toBe('spbqkx');
    expect(initialsOf('重庆ABC科技2号')).toBe('cqabckj2h');
  });

  it('keeps the initials of the name and of the abbreviation', () => {
    expect(searchKeysOf(7, '重庆市沙坪坝区科学技术协会')).toEqual({ organisationId: 7, abbreviation: '沙坪坝区科协', initials: 'cqsspbqkxjsxh spbqkx' });
  });
});
