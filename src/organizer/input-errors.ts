/**
 * The userErrors of one mutation's input, gathered field by field so that a
 * caller fixes every mistake in one round rather than one per call; only the
 * first MAX_REPORTED are kept: a seating plan of 20,000 misplaced seats
 * answers with a page of them, not 20,000.
 */
import { exceedsCharacters } from '../characters.js';
import { type UserError, userError, type UserErrorCode } from '../user-error.js';

const MAX_REPORTED = 20;

/** An input path: field names, and list indexes as numbers. */
export type FieldPath = readonly (string | number)[];

export class InputErrors {
  readonly list: UserError[] = [];
  /** Faults found, kept or not: a check knows whether its part of the input had any. */
  found = 0;

  /** Records a fault at `field`. */
  add(code: UserErrorCode, message: string, field: FieldPath): void {
    this.found++;
    if (this.list.length < MAX_REPORTED) this.list.push(userError(code, message, field.map(String)));
  }

  /** `text` trimmed; undefined, with the fault recorded, when it is blank or longer than `max` characters. */
  text(code: UserErrorCode, text: string, max: number, field: FieldPath, what: string): string | undefined {
    const trimmed = text.trim();
    if (trimmed === '') this.add(code, `${what} must not be blank.`, field);
    else if (exceedsCharacters(trimmed, max)) this.add(code, `${what} must be at most ${max} characters long.`, field);
    else return trimmed;
    return undefined;
  }

  /** Text that may be left empty: null when blank (none, or removed), else as `text`. */
  optionalText(code: UserErrorCode, text: string, max: number, field: FieldPath, what: string): string | null | undefined {
    return text.trim() === '' ? null : this.text(code, text, max, field, what);
  }

  /** Whether `value` is a finite number from `min` to `max`; records the fault when not. */
  inRange(code: UserErrorCode, value: number, min: number, max: number, field: FieldPath, what: string): boolean {
    if (Number.isFinite(value) && value >= min && value <= max) return true;
    this.add(code, `${what} must be from ${format(min)} to ${format(max)}; got ${format(value)}.`, field);
    return false;
  }
}

function format(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 6 });
}
