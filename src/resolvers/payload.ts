import { isFailure, type Result, type UserError } from '../user-error.js';

/**
 * A mutation's payload from a domain's Result: the payload's fields made from
 * the result, with no userErrors; or the failure's userErrors, with every
 * other field null.
 */
export function payload<T extends object, P extends object>(
  result: Result<T>,
  fields: (value: T) => P,
): (P & { userErrors: UserError[] }) | { userErrors: UserError[] } {
  return isFailure(result) ? { userErrors: result.userErrors } : { ...fields(result), userErrors: [] };
}
