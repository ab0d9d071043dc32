// CPU time of a job's whole process tree, read from /proc (Linux only): what a test costs on a
// shared machine, where wall time says more about the neighbours than about the test. A browser
// leaves its zygotes to be reaped by init, so the waiting parent's rusage would miss most of
// Chromium; instead every process descending from a job is remembered from the first sample that
// sees it, and its own user+system time is kept from the last. Half-second samples miss the last
// moments of a process and the whole of one that lives less than a sample: a close estimate.
import { readdirSync, readFileSync } from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';

const SAMPLE_MS = 500;
const available = process.platform === 'linux';
const ticksPerSecond = 100;

/** pid → { ppid, start, cpu } for every process now alive (or a zombie not yet reaped). */
function readProcesses() {
  const processes = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    processes.set(Number(name), {
      ppid: Number(fields[1]),
      start: fields[19],
      cpu: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond,
    });
  }
  return processes;
}

const jobs = new Map(); // root pid → Map(`pid start` → cpu seconds)
const owner = new Map(); // `pid start` → root pid
let timer;

function sample() {
  const processes = readProcesses();
  // Parents start before their children: taking processes oldest first finds each one's job.
  const ordered = [...processes].sort(([, a], [, b]) => Number(a.start) - Number(b.start));
  for (const [pid, { ppid, start, cpu }] of ordered) {
    const key = `${pid} ${start}`;
    let root = owner.get(key);
    if (root === undefined) {
      const parent = processes.get(ppid);
      root = jobs.has(pid) ? pid : parent && owner.get(`${ppid} ${parent.start}`);
      if (root === undefined) continue;
      owner.set(key, root);
    }
    jobs.get(root)?.set(key, cpu);
  }
}

/** Starts following `pid`'s tree; the returned function samples once more and gives its CPU seconds. */
export function followCpu(pid) {
  if (!available || pid === undefined) return () => undefined;
  jobs.set(pid, new Map());
  timer ??= setInterval(sample, SAMPLE_MS);
  sample();
  return () => {
    sample();
    const cpu = [...(jobs.get(pid)?.values() ?? [])].reduce((sum, seconds) => sum + seconds, 0);
    jobs.delete(pid);
    for (const [key, root] of owner) if (root === pid) owner.delete(key);
    if (jobs.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
    return cpu;
  };
}
