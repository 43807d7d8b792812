import DataLoader from 'dataloader';

import { byKey } from '../batch.js';
import type { Sql } from '../db/client.js';
import { type UserRow, usersById } from './store.js';

export type AccountLoaders = ReturnType<typeof createAccountLoaders>;

export function createAccountLoaders(sql: Sql) {
  return {
    userById: new DataLoader<number, UserRow | undefined>(async (ids) => byKey(ids, await usersById(sql, ids), (user) => user.id)),
  };
}
