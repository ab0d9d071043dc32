// Runs every *.test.ts under the given folders with Node's test runner (TypeScript through tsx), a
// few files at a time: each file starts its own servers (free port, fresh database) and browser (a
// fresh context per device), so files share nothing but the CPU. Slowest files start first so the
// last worker does not finish alone; a file's output is printed whole when it ends, so files never
// interleave. Any failing file fails the run. Each job's CPU time (its whole process tree, browsers
// included) is printed beside its wall time: on a shared machine it is the steadier measure. One job
// more than the workers may run while the jobs running leave a core idle (files that wait on timers),
// by the share of a core each job kept busy in the last run (scripts/test-core-shares.json).
//
//   node scripts/run-node-tests.mjs [--jobs N] [--script NAME]... folder-or-file...
//
// N defaults to FIELDBOOK_TEST_JOBS, else 2: one per core of the CI machine. Each `--script` is an
// npm script run in the same pool (lint, the Karma specs), so a single-threaded phase shares the
// machine with test files that mostly wait on timers and sockets instead of running alone. Browser
// files (under e2e/) need the built app: `npm run build` runs first and they wait for it. The server
// is compiled once as `npm run build:server` compiles it (its types are lint:types' to check), and
// the test files wait for that too: the servers, users and backup commands they start run the
// compiled server (FIELDBOOK_SERVER_BUILD names it) instead of loading its TypeScript through tsx
// each time. Test files and the DataStore clients they start run bundled too (bundle-tests.mjs:
// FIELDBOOK_TEST_CLIENT_BUILD names the client's), without tsx's module hooks. A job's timings are
// kept in node_modules/.cache for the next run's order.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import { TEST_CLIENT_BUNDLE, testBundleOf } from './bundle-tests.mjs';
import { followCpu } from './process-cpu.mjs';

const durationsFile = join('node_modules', '.cache', 'fieldbook-test-durations.json');
const sharesFile = join('node_modules', '.cache', 'fieldbook-test-core-shares.json');

function findTests(directory) {
  if (!existsSync(directory)) return [];
  if (!statSync(directory).isDirectory()) return [directory];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function parseArguments(argv) {
  let jobs = Number(process.env['FIELDBOOK_TEST_JOBS'] ?? 2);
  const folders = [];
  const scripts = [];
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--jobs') jobs = Number(argv[++index]);
    else if (argv[index] === '--script') scripts.push(argv[++index]);
    else folders.push(argv[index]);
  }
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs wants a whole number of at least 1, got ${jobs}`);
  return { jobs, folders, scripts };
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return {};
  }
}

// A fresh clone has no timings of its own: the committed ones (seconds per file, measured on 2
// cores) start the production install first, which alone takes minutes. A new file's size is the
// best guess of its length.
const readDurations = () => ({ ...readJson(join('scripts', 'test-durations.json')), ...readJson(durationsFile) });
// How much of a core each job kept busy (its CPU over its wall time), kept the same way.
const readShares = () => ({ ...readJson(join('scripts', 'test-core-shares.json')), ...readJson(sharesFile) });
function longestFirst(files, durations) {
  // An npm script with no timing yet is a whole phase (lint, Karma): assume minutes.
  const guess = (job) => durations[job] ?? (existsSync(job) ? statSync(job).size / 100 : 120);
  return [...files].sort((a, b) => guess(b) - guess(a));
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const isBrowserFile = (job) => job.split(/[\\/]/)[0] === 'e2e';
const scriptJob = (name) => `npm run ${name}`;
const serverBuild = resolve('server', 'dist');
const SERVER_BUILD_JOB = 'tsc -p tsconfig.server.json --noCheck';
const BUNDLE_JOB = 'node scripts/bundle-tests.mjs';
const commandOf = (job) => {
  if (job === SERVER_BUILD_JOB)
    return [process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), ...job.split(' ').slice(1)]];
  if (job === BUNDLE_JOB) return [process.execPath, [job.split(' ')[1], ...testFiles]];
  if (job.startsWith('npm run ')) return [npm, ['run', job.slice('npm run '.length)]];
  // Source maps turn the bundle's stack traces back into the test's own files and lines.
  if (built(BUNDLE_JOB))
    return [process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', testBundleOf(job)]];
  return [process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', job]];
};

function runFile(file, env = {}) {
  const started = performance.now();
  const [command, args] = commandOf(file);
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
  });
  const cpuSeconds = followCpu(child.pid);
  const output = [];
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      resolve({ file, ok: code === 0, code: code ?? signal, seconds, cpu: cpuSeconds(), output });
    });
  });
}

const cpuText = (result) => (result.cpu === undefined ? '' : ` · cpu ${result.cpu.toFixed(1)} s`);
function report(result) {
  const status = result.ok ? 'ok' : `FAILED (exit ${result.code})`;
  process.stdout.write(`\n── ${result.file} · ${result.seconds.toFixed(1)} s${cpuText(result)} · ${status}\n`);
  for (const chunk of result.output) process.stdout.write(chunk);
}

const { jobs, folders, scripts } = parseArguments(process.argv.slice(2));
const testFiles = folders.flatMap(findTests);
if (testFiles.length === 0 && scripts.length === 0) {
  console.log(`no test files under ${folders.join(', ')}`);
  process.exit(0);
}
const files = [...scripts.map(scriptJob), ...testFiles];
const durations = readDurations();
const coreShares = readShares();
const queue = longestFirst(files, durations);
const started = performance.now();
const results = [];

// The builds are the first jobs: the app's when browser files are queued, the server's and the
// tests' bundles when more than one test file is (a file alone does not repay the compile). A test
// file is taken only once the builds it needs have ended. Browser files fail unrun if the app's build failed;
// if the server's or the bundles failed, the files run through tsx and the failed build fails the run.
const builds = [
  ...(testFiles.some(isBrowserFile) ? [{ job: scriptJob('build'), neededBy: isBrowserFile }] : []),
  ...(testFiles.length > 1
    ? [
        { job: SERVER_BUILD_JOB, neededBy: () => true },
        { job: BUNDLE_JOB, neededBy: () => true },
      ]
    : []),
];
const needs = (job) => (job.startsWith('npm run ') ? [] : builds.filter((build) => build.neededBy(job)));
const ready = (job) => needs(job).every((build) => build.ok !== undefined);
const nextJob = (fits = () => true) => {
  const index = queue.findIndex((job) => ready(job) && fits(job));
  return index < 0 ? undefined : queue.splice(index, 1)[0];
};

// Some files mostly wait (for a token to expire, a server to come back): with one job per core the
// core of such a file idles. One job more runs beside the workers whenever the jobs running, by the
// share of a core each kept busy in the last run (CPU over wall time), leave room for it: the
// machine stays at about one job's worth of CPU per core, never three busy jobs on two cores.
const RATE_ROOM = 1.1;
// Unmeasured, a job is taken to keep a core busy.
const rateOf = (job) => coreShares[job] ?? 1;
const running = new Set();
let jobEnded = () => {};
let nextEnd = new Promise((resolve) => (jobEnded = resolve));
function ended() {
  jobEnded();
  nextEnd = new Promise((resolve) => (jobEnded = resolve));
}
const fitsBeside = (job) => {
  const load = [...running].reduce((sum, other) => sum + rateOf(other), 0);
  return load + rateOf(job) <= jobs * RATE_ROOM;
};
const notRun = (job) => ({
  file: job,
  ok: false,
  code: 'not run',
  seconds: 0,
  output: [Buffer.from('not run: the app build failed\n')],
});
const built = (job) => builds.find((build) => build.job === job)?.ok;
function runJob(job) {
  if (isBrowserFile(job) && built(scriptJob('build')) === false) return Promise.resolve(notRun(job));
  return runFile(job, {
    ...(built(SERVER_BUILD_JOB) ? { FIELDBOOK_SERVER_BUILD: serverBuild } : {}),
    ...(built(BUNDLE_JOB) ? { FIELDBOOK_TEST_CLIENT_BUILD: TEST_CLIENT_BUNDLE } : {}),
  });
}
async function run(job) {
  running.add(job);
  try {
    const result = await runJob(job);
    report(result);
    results.push(result);
  } finally {
    running.delete(job);
    ended();
  }
}
async function worker() {
  for (const build of builds) {
    if (build.run) continue;
    running.add(build.job);
    build.run = runFile(build.job).then((result) => {
      report(result);
      results.push(result);
      build.ok = result.ok;
      running.delete(build.job);
      ended();
    });
    await build.run;
  }
  while (queue.length > 0) {
    const job = nextJob();
    if (job === undefined) {
      await Promise.race(builds.filter((build) => build.ok === undefined).map((build) => build.run));
      continue;
    }
    await run(job);
  }
}
/** The job beside the workers: only one that fits the room the running jobs (builds too) leave. */
async function besideWorker() {
  while (queue.length > 0) {
    const job = nextJob(fitsBeside);
    if (job === undefined) await nextEnd;
    else await run(job);
  }
}
// The workers start first: each takes a build, and the job beside them sees those builds running.
const workers = Array.from({ length: Math.min(jobs, files.length) }, worker);
await Promise.all([...workers, ...(files.length > jobs ? [besideWorker()] : [])]);

for (const result of results) {
  durations[result.file] = result.seconds;
  if (result.cpu !== undefined && result.seconds > 0)
    coreShares[result.file] = Math.round((result.cpu / result.seconds) * 100) / 100;
}
mkdirSync(dirname(durationsFile), { recursive: true });
// Written beside and renamed over: a checkout whose node_modules is hard-linked from another's
// would otherwise write the other's timings too.
function replaceFile(path, text) {
  writeFileSync(`${path}.${process.pid}`, text);
  renameSync(`${path}.${process.pid}`, path);
}
replaceFile(durationsFile, JSON.stringify(durations, null, 2));
replaceFile(sharesFile, JSON.stringify(coreShares, null, 2));

// Each file's runner ends with "ℹ pass N" and "ℹ fail N"; their sums are the run's closing line.
// Karma's progress line ends "Executed N of M (K FAILED)" or "Executed N of M SUCCESS".
function testCounts(result) {
  const text = Buffer.concat(result.output).toString('utf8');
  const count = (label) => Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const karma = [...text.matchAll(/Executed (\d+) of \d+(?: \((\d+) FAILED\))?/g)].at(-1);
  if (karma) return { passed: Number(karma[1]) - Number(karma[2] ?? 0), failed: Number(karma[2] ?? 0) };
  return { passed: count('pass'), failed: count('fail') };
}

const failed = results.filter((result) => !result.ok);
const wall = (performance.now() - started) / 1000;
const totals = results
  .map(testCounts)
  .reduce((sum, c) => ({ passed: sum.passed + c.passed, failed: sum.failed + c.failed }), {
    passed: 0,
    failed: 0,
  });
const cpuTotal = results.reduce((sum, result) => sum + (result.cpu ?? 0), 0);
const cpuSummary = cpuTotal > 0 ? `, ${cpuTotal.toFixed(0)} CPU-seconds` : '';
const beside = files.length > jobs ? ' and one beside' : '';
console.log(`\n${results.length} jobs in ${wall.toFixed(1)} s with ${jobs} workers${beside}${cpuSummary}; slowest:`);
for (const result of [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 5))
  console.log(`  ${result.seconds.toFixed(1).padStart(6)} s${cpuText(result)}  ${result.file}`);
if (cpuTotal > 0) {
  console.log('costliest in CPU:');
  for (const result of [...results].sort((a, b) => (b.cpu ?? 0) - (a.cpu ?? 0)).slice(0, 10))
    console.log(`  ${(result.cpu ?? 0).toFixed(1).padStart(6)} s  ${result.file}`);
}
// A failed file's closing lines are repeated last, where a log cut to its tail still shows why.
const FAILED_TAIL_LINES = 60;
for (const result of failed) {
  const lines = Buffer.concat(result.output).toString('utf8').trimEnd().split('\n');
  console.log(`\n── ${result.file} failed; its last ${Math.min(lines.length, FAILED_TAIL_LINES)} lines:`);
  console.log(lines.slice(-FAILED_TAIL_LINES).join('\n'));
}
if (failed.length > 0) {
  console.log(`\n${failed.length} file(s) failed:`);
  for (const result of failed) console.log(`  ✖ ${result.file}`);
}
// A file that failed without reporting a failing test (it crashed) still counts as one failure.
const unreported = failed.filter((result) => testCounts(result).failed === 0).length;
console.log(`\n${totals.passed} passed, ${totals.failed + unreported} failed`);
process.exit(failed.length > 0 ? 1 : 0);
