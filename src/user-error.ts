import type { UserErrorCode } from './generated/graphql.js';

export type { UserErrorCode };

/** An expected failure a mutation reports in `userErrors` (each domain declares its codes: `extend enum UserErrorCode` in schema/<domain>.graphql). */
export interface UserError {
  code: UserErrorCode;
  message: string;
  /** Path of the input field at fault, e.g. ['input', 'email']; null when no single field is. */
  field: string[] | null;
}

export function userError(code: UserErrorCode, message: string, field: string[] | null = null): UserError {
  return { code, message, field };
}
