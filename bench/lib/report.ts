import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';

import { chromiumPath } from '../../testing/browser.ts';
import { repositoryRoot } from '../../testing/server-process.ts';
import type { Figure } from './figures.ts';

function packageVersion(name: string): string {
  try {
    return (
      JSON.parse(readFileSync(join(repositoryRoot, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return 'not installed';
  }
}

export function environment() {
  let chromium = 'unknown';
  try {
    chromium = execFileSync(chromiumPath(), ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // reported as unknown
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repositoryRoot, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      os: `${process.platform} ${release()}`,
    },
    versions: {
      node: process.version,
      chromium,
      'aws-amplify': packageVersion('aws-amplify'),
      '@aws-amplify/datastore': packageVersion('@aws-amplify/datastore'),
      '@angular/core': packageVersion('@angular/core'),
      'better-sqlite3': packageVersion('better-sqlite3'),
      'pouchdb-browser': packageVersion('pouchdb-browser'),
      'express-pouchdb': packageVersion('express-pouchdb'),
      'pouchdb-adapter-memory': packageVersion('pouchdb-adapter-memory'),
    },
    commit,
  };
}

function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.group,
    f.name,
    formatValue(f.value, f.unit),
    f.ratio ? `${f.ratio.value.toFixed(2)}× ${f.ratio.to}` : '',
    f.target
      ? `${f.target.op} ${f.target.value.toLocaleString('en')} ${f.target.unit}: ${f.target.met ? 'met' : 'MISSED'}`
      : '',
    f.note ?? '',
  ]);
  const header = ['group', 'figure (median)', 'value', 'ratio', 'target', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function writeResults(figures: readonly Figure[], extra: Record<string, unknown>): string {
  const directory = join(repositoryRoot, 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const date = new Date().toISOString();
  const body = JSON.stringify({ date, ...environment(), ...extra, figures }, null, 2) + '\n';
  const file = join(directory, `${date.slice(0, 19).replace(/:/g, '-')}.json`);
  writeFileSync(file, body);
  writeFileSync(join(directory, 'latest.json'), body);
  return file;
}
