/**
 * The rules of pricing policies, as setPricingPolicy checks them before
 * anything is written, and which of a section's policies is in force. A
 * check answers the failure of the first rule broken, naming the input field
 * at fault, or undefined.
 */
import { groupByKey } from '../batch.js';
import { MAX_PRICE, NO_CURRENCY } from '../organizer/event-rules.js';
import { type UserFailure, userFailure } from '../user-error.js';
import type { PolicyRow } from './store.js';

export const MAX_STEP_PERCENT = { min: 1, max: 25, default: 10 };
export const MIN_INTERVAL_SECONDS = { min: 10, max: 86_400, default: 300 };
/** As a share, 0.05 to 1: a target under 5% would read every sale as a rush. */
export const TARGET_SELL_THROUGH = { min: 0.05, max: 1, default: 0.9 };
/** How long wider bounds on an open sale are announced before they apply. */
export const NOTICE_MS = 24 * 3_600_000;

export type PricingMode = PolicyRow['mode'];

/** A policy as setPricingPolicy takes it (ids decoded; null section: every section of the event). */
export interface PolicyInput {
  sectionId: number | null;
  mode: PricingMode;
  floor: number;
  ceiling: number;
  currency: string;
  maxStepPercent?: number | null;
  minIntervalSeconds?: number | null;
  targetSellThrough?: number | null;
}

/** A policy's settings once defaults apply, the target in basis points. */
export type PolicySettings = Pick<PolicyRow, 'mode' | 'floor' | 'ceiling' | 'maxStepPercent' | 'minIntervalSeconds' | 'targetSellThroughBp'>;

/** Price bounds: the lowest and highest price a section may have. */
export type Bounds = Pick<PolicyRow, 'floor' | 'ceiling'>;

const invalid = (message: string, field: string): UserFailure => userFailure('INVALID_PRICING_POLICY', message, ['input', field]);
const within = (value: number, range: { min: number; max: number }) => value >= range.min && value <= range.max;

/** The settings of `input` with its defaults, or the first rule it breaks that needs no event: bounds in order and capped, step, interval and target in range. */
export function checkPolicy(input: PolicyInput, maxCeilingMultiple: number): PolicySettings | UserFailure {
  const { mode, floor, ceiling } = input;
  const maxStepPercent = input.maxStepPercent ?? MAX_STEP_PERCENT.default;
  const minIntervalSeconds = input.minIntervalSeconds ?? MIN_INTERVAL_SECONDS.default;
  const targetSellThrough = input.targetSellThrough ?? TARGET_SELL_THROUGH.default;
  if (floor < 0) return invalid('floor is a price in minor units, 0 or more.', 'floor');
  if (ceiling > MAX_PRICE) return invalid(`ceiling is at most ${MAX_PRICE.toLocaleString('en')} minor units.`, 'ceiling');
  if (floor > ceiling) return invalid(`floor (${floor}) is above ceiling (${ceiling}).`, 'floor');
  if (ceiling > floor * maxCeilingMultiple) return invalid(`ceiling may be at most ${maxCeilingMultiple}× floor (${floor * maxCeilingMultiple}).`, 'ceiling');
  if (!within(maxStepPercent, MAX_STEP_PERCENT)) return invalid(`maxStepPercent is ${MAX_STEP_PERCENT.min} to ${MAX_STEP_PERCENT.max}.`, 'maxStepPercent');
  if (!within(minIntervalSeconds, MIN_INTERVAL_SECONDS)) {
    return invalid(`minIntervalSeconds is ${MIN_INTERVAL_SECONDS.min} to ${MIN_INTERVAL_SECONDS.max.toLocaleString('en')}.`, 'minIntervalSeconds');
  }
  if (!(targetSellThrough >= TARGET_SELL_THROUGH.min && targetSellThrough <= TARGET_SELL_THROUGH.max)) {
    return invalid(`targetSellThrough is a share from ${TARGET_SELL_THROUGH.min} to ${TARGET_SELL_THROUGH.max}.`, 'targetSellThrough');
  }
  return { mode, floor, ceiling, maxStepPercent, minIntervalSeconds, targetSellThroughBp: Math.round(targetSellThrough * 10_000) };
}

/** The event's currency must be the policy's; a draft without prices has none yet. */
export function checkCurrency(currency: string, eventCurrency: string): UserFailure | undefined {
  if (eventCurrency === NO_CURRENCY) return invalid('Price the event’s sections first: a policy bounds their prices.', 'sectionId');
  if (currency.toUpperCase() !== eventCurrency) return invalid(`This event’s prices are in ${eventCurrency}, and so are its bounds.`, 'currency');
  return undefined;
}

/** The section's policy in force at `now` (the latest in effect) and the one announced to follow it, if any, of its rows in effectiveAt order. */
export function policiesAt<T extends Pick<PolicyRow, 'effectiveAt'>>(rows: readonly T[], now: Date): { inForce?: T; announced?: T } {
  const inForce = rows.filter((row) => row.effectiveAt <= now).at(-1);
  const announced = rows.find((row) => row.effectiveAt > now);
  return { inForce, announced };
}

/** Each section's policy in force at `now`, of policy rows in effectiveAt order. */
export function inForceOfSections<T extends Pick<PolicyRow, 'sectionId' | 'effectiveAt'>>(rows: readonly T[], now: Date): T[] {
  const sectionIds = [...new Set(rows.map((row) => row.sectionId))];
  return groupByKey(sectionIds, [...rows], (row) => row.sectionId).flatMap((sectionRows) => policiesAt(sectionRows, now).inForce ?? []);
}

/** Whether `next` lets the price go lower or higher than `current` does. */
export const widens = (current: Bounds, next: Bounds) => next.floor < current.floor || next.ceiling > current.ceiling;

/** Whether the price lies within the bounds. */
export const isWithin = (price: number, bounds: Bounds) => price >= bounds.floor && price <= bounds.ceiling;
