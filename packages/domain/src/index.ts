// The domain's own rules and values, with no dependency: what an error says, identifiers, credit codes, money and
// China's calendar date.
export * from './errors.ts';
export * from './ids.ts';
export * from './credit-code.ts';
export * from './identity-number.ts';
export * from './money.ts';
export * from './dates.ts';
export * from './text.ts';
export * from './kinds.ts';
