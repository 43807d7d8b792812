/** Figures and reports shared by the benchmarks. */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { round } from './stats.js';

/** The machine the figures came from. */
export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    totalMemoryGiB: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

/** Writes `result` to bench/results/<name>-<time>.json and returns the path, relative to the working directory. */
export async function writeResults(name: string, result: { at: string }): Promise<string> {
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}-${result.at.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return path.relative(process.cwd(), file);
}

/** Resident set size of process `pid` now and at its peak, in MiB (Linux). */
export async function residentMemory(pid: number): Promise<{ rssMiB: number; peakRssMiB: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: round(kib('VmRSS') / 1024), peakRssMiB: round(kib('VmHWM') / 1024) };
}

/** CPU time process `pid` has used so far, user and system together, in seconds (Linux; clock ticks of 1/100 s). */
export async function cpuSeconds(pid: number): Promise<number> {
  return processStat(pid, await readFile(`/proc/${pid}/stat`, 'utf8')).seconds;
}

/** A live process: its id, its parent's, and its command name. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  command: string;
}

/** What /proc/<pid>/stat says of process `pid`: who it is, when it started (in clock ticks since boot), and its CPU seconds so far. */
function processStat(pid: number, stat: string): ProcessInfo & { startedAt: number; seconds: number } {
  const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')); // the command name may hold spaces and parentheses
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pid, ppid: Number(fields[1]), command, startedAt: Number(fields[19]), seconds: (Number(fields[11]) + Number(fields[12])) / 100 };
}

/** A markdown table: a header row and rows of cells. */
export function markdownTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** CPU seconds (user and system) used so far by each live process, by pid (Linux). */
async function cpuByProcess(): Promise<Map<number, ReturnType<typeof processStat>>> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const entries = await Promise.all(
    pids.map(async (pid) => {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined); // it may have exited meanwhile
      return stat === undefined ? undefined : ([pid, processStat(pid, stat)] as const);
    }),
  );
  return new Map(entries.filter((entry) => entry !== undefined));
}

/** The machine's busy and idle CPU seconds so far, over all cores (Linux: /proc/stat's first line). */
async function machineCpuSeconds(): Promise<{ busy: number; idle: number }> {
  const [, ...ticks] = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0]!.trim().split(/\s+/).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = ticks as number[];
  return { busy: (user! + nice! + system! + irq! + softirq! + steal!) / 100, idle: (idle! + iowait!) / 100 };
}

/**
 * Where the machine's CPU goes while a benchmark runs: `start()` notes every
 * process's CPU time, and the function it returns answers, per group that
 * `groupOf` names for a process (undefined: "other"), the share of the
 * machine's CPU used since, with the idle share and what processes that
 * exited meanwhile used ("exited or unaccounted"). Shares are of all cores'
 * time, so they add up to 1.
 */
export async function startCpuAccount(groupOf: (process: ProcessInfo) => string | undefined): Promise<() => Promise<Record<string, number>>> {
  const [before, machineBefore] = await Promise.all([cpuByProcess(), machineCpuSeconds()]);
  return async () => {
    const [after, machineAfter] = await Promise.all([cpuByProcess(), machineCpuSeconds()]);
    const busy = machineAfter.busy - machineBefore.busy;
    const total = busy + machineAfter.idle - machineBefore.idle;
    const groups: Record<string, number> = {};
    for (const [pid, process] of after) {
      // The same process if it started at the same time (a pid can be reused; a kernel worker's name changes as it works).
      const earlier = before.get(pid);
      const used = process.seconds - (earlier?.startedAt === process.startedAt ? earlier.seconds : 0);
      const group = groupOf(process) ?? 'other';
      groups[group] = (groups[group] ?? 0) + used;
    }
    const accounted = Object.values(groups).reduce((sum, seconds) => sum + seconds, 0);
    const shares = Object.entries(groups)
      .sort(([, a], [, b]) => b - a)
      .map(([group, seconds]) => [group, round(seconds / total, 3)]);
    return { ...Object.fromEntries(shares), 'exited or unaccounted': round(Math.max(0, busy - accounted) / total, 3), idle: round((total - busy) / total, 3) };
  };
}
