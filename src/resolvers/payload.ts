import { isFailure, type Result, type UserError } from '../user-error.js';

/**
 * A mutation's payload from a domain's Result: the payload's fields made from
 * the result, with no userErrors; or the failure's userErrors, with every
 * other field null.
 */
export async function payload<T extends object, P extends object>(
  result: Promise<Result<T>>,
  fields: (value: T) => P,
): Promise<(P & { userErrors: UserError[] }) | { userErrors: UserError[] }> {
  const settled = await result;
  return isFailure(settled) ? { userErrors: settled.userErrors } : { ...fields(settled), userErrors: [] };
}
