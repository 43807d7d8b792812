/**
 * The order in which the opening numbers the queue (QueueStore.numberPreQueue),
 * the same for every store.
 */
import { createHmac } from 'node:crypto';

export interface UnnumberedPass {
  id: string;
  joinedAt: Date;
}

/**
 * The pass ids in numbering order: those who joined before `onSaleAt` by
 * HMAC-SHA256(secret, pass id), which is uniformly random, the same each time
 * and unknowable without the secret, so that joining early or at a scripted
 * millisecond gains nothing; then those who joined since, first come first.
 */
export function numberingOrder(passes: readonly UnnumberedPass[], onSaleAt: Date, secret: Uint8Array): string[] {
  const opening = onSaleAt.getTime();
  const shuffled = passes
    .filter((pass) => pass.joinedAt.getTime() < opening)
    .map((pass) => ({ id: pass.id, key: createHmac('sha256', secret).update(pass.id).digest() }))
    .sort((a, b) => Buffer.compare(a.key, b.key));
  const arrived = passes
    .filter((pass) => pass.joinedAt.getTime() >= opening)
    .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || compareIds(a.id, b.id));
  return [...shuffled.map((pass) => pass.id), ...arrived.map((pass) => pass.id)];
}

/** Ids are decimal integers given in join order: a shorter one is smaller. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
