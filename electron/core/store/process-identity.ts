// Tells a process from a later one that got the same pid: the boot it runs in and when it started.
import { readFileSync, readlinkSync } from 'node:fs';

let bootId: string | null | undefined;

/** This boot of this machine (Linux: /proc/sys/kernel/random/boot_id); null where the system does not say. */
export function currentBootId(): string | null {
  if (bootId === undefined) {
    try {
      bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      bootId = null;
    }
  }
  return bootId;
}

/**
 * When process `pid` started, in clock ticks since boot (Linux: field 22 of /proc/PID/stat), as a
 * string; null where the system does not say or no such process runs. With the boot id it names
 * one process for good: a pid reused later has another start time.
 */
export function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or ')': count after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[22 - 3];
    return ticks && /^\d+$/.test(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

let pidNamespace: string | null | undefined;

/**
 * The pid namespace this process sees pids in (Linux: the link /proc/self/ns/pid, e.g.
 * "pid:[4026531836]"); null where the system does not say. A sandbox or container on the same
 * machine numbers its processes in another one, so its pids say nothing about ours.
 */
export function currentPidNamespace(): string | null {
  if (pidNamespace === undefined) {
    try {
      pidNamespace = readlinkSync('/proc/self/ns/pid') || null;
    } catch {
      pidNamespace = null;
    }
  }
  return pidNamespace;
}
