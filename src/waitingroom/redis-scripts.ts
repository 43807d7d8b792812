/**
 * The Lua scripts of the Redis queue (redis-queue.ts): each step that reads
 * then writes runs as one script, which Redis runs with nothing in between,
 * so two processes never admit a pass twice nor number a queue twice.
 *
 * An event's keys (KEYS, in the order each script names them): `users` (hash
 * user id -> pass id), `queue` (hash: serving, last, numbered), `waiting`
 * (numbered WAITING pass ids by number), `prequeue` (unnumbered WAITING pass
 * ids by joinedAt ms), `left` (numbers above serving whose passes left while
 * waiting), `admitted` (ADMITTED pass ids without a hold, by admittedUntil
 * ms), `holding` (hash ADMITTED pass id -> hold id), `admissions` (pass ids
 * by admission ms, the last two minutes). A pass is the hash at its key,
 * ARGV[1] .. id, with the fields id, event, user, status, number, joinedAt,
 * admittedUntil and holdId, a field absent when null. Scripts return a pass
 * as HGETALL gives it.
 */
import { createHash } from 'node:crypto';

import type { Redis } from 'ioredis';

/** KEYS users, queue, waiting, prequeue, passIds (the id counter); ARGV pass key prefix, event, user, now ms. */
export const JOIN = `
local id = redis.call('HGET', KEYS[1], ARGV[3])
if not id then
  id = string.format('%d', redis.call('INCR', KEYS[5]))
  redis.call('HSET', KEYS[1], ARGV[3], id)
  local pass = {'id', id, 'event', ARGV[2], 'user', ARGV[3], 'status', 'WAITING', 'joinedAt', ARGV[4]}
  if redis.call('HGET', KEYS[2], 'numbered') == '1' then
    local number = redis.call('HINCRBY', KEYS[2], 'last', 1)
    redis.call('ZADD', KEYS[3], number, id)
    -- Joined no earlier than the pass numbered before it: processes' clocks differ by a few ms, numbers do not.
    local joined = string.format('%d', math.max(tonumber(ARGV[4]), tonumber(redis.call('HGET', KEYS[2], 'lastJoinedAt') or '0')))
    redis.call('HSET', KEYS[2], 'lastJoinedAt', joined)
    pass[10] = joined
    table.insert(pass, 'number')
    table.insert(pass, number)
  else
    redis.call('ZADD', KEYS[4], ARGV[4], id)
  end
  redis.call('HSET', ARGV[1] .. id, unpack(pass))
end
return redis.call('HGETALL', ARGV[1] .. id)`;

/** KEYS users, waiting, prequeue, left, admitted, holding; ARGV pass key prefix, user. Nil when the user has no pass. */
export const LEAVE = `
local id = redis.call('HGET', KEYS[1], ARGV[2])
if not id then return nil end
local key = ARGV[1] .. id
local status = redis.call('HGET', key, 'status')
if status == 'WAITING' then
  local number = redis.call('HGET', key, 'number')
  if number then
    redis.call('ZREM', KEYS[2], id)
    redis.call('ZADD', KEYS[4], number, number)
  else
    redis.call('ZREM', KEYS[3], id)
  end
elseif status == 'ADMITTED' then
  redis.call('ZREM', KEYS[5], id)
  redis.call('HDEL', KEYS[6], id)
end
if status == 'WAITING' or status == 'ADMITTED' then redis.call('HSET', key, 'status', 'LEFT') end
return redis.call('HGETALL', key)`;

/**
 * KEYS queue, prequeue, waiting; ARGV pass key prefix, then the pre-queue's
 * pass ids in numbering order. 0 when already numbered; -1 when the
 * pre-queue is no longer what the ids say (someone joined or left since it
 * was read: read it again); else how many it numbered.
 */
export const NUMBER = `
if redis.call('HGET', KEYS[1], 'numbered') == '1' then return 0 end
if redis.call('ZCARD', KEYS[2]) ~= #ARGV - 1 then return -1 end
for i = 2, #ARGV do
  if not redis.call('ZSCORE', KEYS[2], ARGV[i]) then return -1 end
end
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
for i = 2, #ARGV do
  last = last + 1
  redis.call('HSET', ARGV[1] .. ARGV[i], 'number', last)
  redis.call('ZADD', KEYS[3], last, ARGV[i])
end
if #ARGV > 1 then redis.call('HSET', KEYS[1], 'lastJoinedAt', redis.call('ZSCORE', KEYS[2], ARGV[#ARGV])) end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[1], 'last', last, 'numbered', '1')
return #ARGV - 1`;

/** KEYS queue, waiting, left, admitted, admissions; ARGV pass key prefix, count, now ms, admitted-until ms. The passes admitted, by number. */
export const ADMIT = `
local popped = redis.call('ZPOPMIN', KEYS[2], ARGV[2])
if #popped == 0 then return {} end
local serving = tonumber(redis.call('HGET', KEYS[1], 'serving') or '0')
local admitted = {}
for i = 1, #popped, 2 do
  local id = popped[i]
  redis.call('HSET', ARGV[1] .. id, 'status', 'ADMITTED', 'admittedUntil', ARGV[4])
  redis.call('ZADD', KEYS[4], ARGV[4], id)
  redis.call('ZADD', KEYS[5], ARGV[3], id)
  serving = math.max(serving, tonumber(popped[i + 1]))
  table.insert(admitted, redis.call('HGETALL', ARGV[1] .. id))
end
redis.call('HSET', KEYS[1], 'serving', serving)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', serving)
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', tonumber(ARGV[3]) - 120000)
return admitted`;

/** KEYS admitted; ARGV pass key prefix, now ms. How many it expired. */
export const EXPIRE = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
for _, id in ipairs(ids) do redis.call('HSET', ARGV[1] .. id, 'status', 'EXPIRED') end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
return #ids`;

/** KEYS the pass, admitted, holding; ARGV pass id, hold id. 1 when attached, 0 when the pass is not ADMITTED. */
export const ATTACH_HOLD = `
if redis.call('HGET', KEYS[1], 'status') ~= 'ADMITTED' then return 0 end
redis.call('HSET', KEYS[1], 'holdId', ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
return 1`;

/** KEYS the pass, admitted, holding; ARGV pass id. */
export const FINISH = `
if redis.call('HGET', KEYS[1], 'status') ~= 'ADMITTED' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'EXPIRED')
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 1`;

/** Runs a script by its SHA1, sending its text only when Redis does not have it (first use, or after a restart). */
export type Script = (keys: string[], args: (string | number)[]) => Promise<unknown>;

export function script(redis: Redis, lua: string): Script {
  const sha = createHash('sha1').update(lua).digest('hex');
  return async (keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return redis.eval(lua, keys.length, ...keys, ...args);
    }
  };
}
