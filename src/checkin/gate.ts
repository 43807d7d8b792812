/** The gate a scan names: what the per-gate counts of `Event.checkIns` group by. */
import { exceedsCharacters } from '../characters.js';
import { type UserFailure, userFailure } from '../user-error.js';

/** Characters a gate's name may have once trimmed. */
export const MAX_GATE_LENGTH = 50;

/** The gate trimmed, or INVALID_GATE when it is blank or too long. */
export function checkGate(gate: string): string | UserFailure {
  const trimmed = gate.trim();
  if (trimmed === '') return userFailure('INVALID_GATE', 'Name the gate the ticket is scanned at.', ['input', 'gate']);
  if (exceedsCharacters(trimmed, MAX_GATE_LENGTH)) {
    return userFailure('INVALID_GATE', `A gate’s name must be at most ${MAX_GATE_LENGTH} characters long.`, ['input', 'gate']);
  }
  return trimmed;
}
