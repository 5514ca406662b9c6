import { ErrorCode, show, userError } from './errors.ts';

/** How long names may be: generous for the longest official names, short enough to keep lists and exports sane. */
export const MAX_NAME = 100;
/** Titles, problems, outcomes and other free text of one line or paragraph. */
export const MAX_TEXT = 500;

/** What a message shows of a long value: its start and its length, never the whole of it. */
const shown = (value: string) => (value.length > 40 ? `${show(value.slice(0, 40))}… (${value.length} characters)` : show(value));

/**
 * Text a field requires: trimmed of surrounding white space, then non-empty and at most `max` characters. A blank
 * name ("   ") is refused like an empty one.
 */
export function requiredText(value: string, argument: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > max) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`${argument}\` to be text of 1 to ${max} characters (surrounding spaces removed), received ${shown(value)}.`, {
      argument,
      max,
      received: trimmed.length > max ? `${trimmed.length} characters` : value,
    });
  }
  return trimmed;
}

/** Like requiredText for a field that may be left out: null or blank is null. */
export function optionalText(value: string | null | undefined, argument: string, max: number): string | null {
  return value == null || !value.trim() ? null : requiredText(value, argument, max);
}
