/**
 * Opaque global IDs: base64url of "Type:id". Clients must not parse them; the
 * encoding only has to round-trip and reject what it did not produce.
 */
import { badUserInput } from '../errors.js';

export const nodeTypes = ['Event', 'Venue', 'Section', 'Performer', 'User', 'Ticket', 'Hold', 'Booking', 'QueuePass', 'Partner', 'PartnerApiKey'] as const;
export type NodeType = (typeof nodeTypes)[number];

/** Types whose ids are PostgreSQL bigints; the others are integers. */
const BIGINT_TYPES: ReadonlySet<NodeType> = new Set(['Ticket', 'Hold', 'Booking', 'QueuePass']);
const maxId = (type: NodeType) => (BIGINT_TYPES.has(type) ? Number.MAX_SAFE_INTEGER : 2_147_483_647);
const shape = new RegExp(`^(${nodeTypes.join('|')}):([1-9][0-9]{0,15})$`);

export function toGlobalId(type: NodeType, id: number): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

/** Decodes any global ID; BAD_USER_INPUT when `globalId` is not one this API issued. */
export function fromGlobalId(globalId: string, argument = 'id'): { type: NodeType; id: number } {
  const match = shape.exec(Buffer.from(globalId, 'base64url').toString('utf8'));
  const id = Number(match?.[2]);
  if (!match || id > maxId(match[1] as NodeType) || Buffer.from(match[0]).toString('base64url') !== globalId) {
    throw badUserInput(`${JSON.stringify(globalId)} is not a valid ID.`, argument);
  }
  return { type: match[1] as NodeType, id };
}

/** Decodes a global ID that must name a `type`; BAD_USER_INPUT for a malformed ID or one of another type. */
export function fromGlobalIdOf(type: NodeType, globalId: string, argument = 'id'): number {
  const decoded = fromGlobalId(globalId, argument);
  if (decoded.type !== type) {
    throw badUserInput(`${argument} must be the ID of a ${type}, but ${JSON.stringify(globalId)} is a ${decoded.type} ID.`, argument);
  }
  return decoded.id;
}
