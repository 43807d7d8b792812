/**
 * A benchmark's command line: whole-number flags with defaults, on/off switches, --help, and a clear
 * message for a bad flag. A benchmark runs as the other tools do, by src/command.ts's runCommand.
 */
import { parseArgs } from 'node:util';

import { UsageError } from '../../src/command.js';

export interface Flag {
  default: number;
  description: string;
  /** The smallest value allowed; 1 unless given. */
  min?: number;
}

/** A flag without a value: off unless given (`--waiting-room`). */
export interface Switch {
  switch: true;
  description: string;
}

export type Flags<F extends Record<string, Flag | Switch>> = { [K in keyof F]: F[K] extends Switch ? boolean : number };

const isSwitch = (flag: Flag | Switch): flag is Switch => 'switch' in flag;

/** The usage text: `command`, what it does, and every flag with its default. */
export function usage(command: string, about: string, flags: Record<string, Flag | Switch>): string {
  const lines = Object.entries(flags).map(([name, flag]) =>
    isSwitch(flag) ? `  ${`--${name}`.padEnd(26)}${flag.description}` : `  ${`--${name} <n>`.padEnd(26)}${flag.description} (default ${flag.default})`,
  );
  return [`Usage: ${command} -- [options]`, '', about, '', ...lines, `  ${'-h, --help'.padEnd(26)}print this help`].join('\n');
}

/**
 * The flags given on the command line, as numbers (switches as booleans), defaults filled in; undefined
 * after printing the usage for --help. Throws a UsageError, with the usage, for a bad flag.
 */
export function readFlags<F extends Record<string, Flag | Switch>>(
  command: string,
  about: string,
  flags: F,
  args = process.argv.slice(2),
): Flags<F> | undefined {
  const help = () => usage(command, about, flags);
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(
      Object.entries(flags).map(([name, flag]) => [name, { type: isSwitch(flag) ? ('boolean' as const) : ('string' as const) }]),
    );
    ({ values } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${help()}`, { cause: error });
  }
  if (values.help) {
    console.log(help());
    return undefined;
  }
  const read = ([name, flag]: [string, Flag | Switch]) => {
    const given = values[name];
    if (isSwitch(flag)) return [name, given === true];
    const value = given === undefined ? flag.default : Number(given);
    const min = flag.min ?? 1;
    if (!Number.isInteger(value) || value < min)
      throw new UsageError(`--${name} expects a whole number of at least ${min}, got ${JSON.stringify(given)}\n\n${help()}`);
    return [name, value];
  };
  return Object.fromEntries(Object.entries(flags).map(read)) as Flags<F>;
}
