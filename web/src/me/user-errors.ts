/** What went wrong, in words for the fan: a mutation's userErrors by the field they name, or a failed request. */
import type { CombinedError } from 'urql';

export interface UserErrorLike {
  message: string;
  /** Path of the input field at fault, e.g. ["input", "email"]; null when no single field is. */
  field?: readonly string[] | null;
}

/**
 * Messages by the field of `fields` they name (the last step of their path: "email"), to show beside it;
 * the others (no field, or the whole input) under "", to show for the form.
 */
export function errorsByField(errors: readonly UserErrorLike[], fields: readonly string[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const { message, field } of errors) {
    const last = field?.at(-1) ?? '';
    const key = fields.includes(last) ? last : '';
    byField[key] = byField[key] ? `${byField[key]} ${message}` : message;
  }
  return byField;
}

/** A request that failed as a whole: the network, or a GraphQL error such as RATE_LIMITED. */
export function describeError(error: CombinedError): string {
  if (error.networkError) return 'Could not reach the server. Check your connection and try again.';
  return error.graphQLErrors.map((graphQLError) => graphQLError.message).join(' ') || error.message;
}
