import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';

import { cruise, type IForbiddenRuleType } from 'dependency-cruiser';

const rules = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as {
  forbidden: IForbiddenRuleType[];
};

/** Lays out files as in this repository under a temporary folder and returns the rules they break. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'fieldbook-import-rules-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const folders = [...new Set(Object.keys(files).map((path) => path.split('/')[0] ?? ''))];
  const result = await cruise(folders, {
    baseDir: root,
    validate: true,
    ruleSet: { forbidden: rules.forbidden },
    tsPreCompilationDeps: true,
  });
  const output = result.output as { summary: { violations: { rule: { name: string } }[] } };
  return output.summary.violations.map((violation) => violation.rule.name).sort();
}

const roots: string[] = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe('import rules (.dependency-cruiser.cjs, run by npm run lint)', () => {
  it('passes code that keeps the app, the server and the tooling apart', async () => {
    assert.deepEqual(
      await violations({
        'src/app/a.ts': "import { b } from './b';\nexport const a = b;\n",
        'src/app/b.ts': 'export const b = 1;\n',
        'server/src/c.ts': "import { d } from './d.ts';\nexport const c = d;\n",
        'server/src/d.ts': 'export const d = 1;\n',
      }),
      [],
    );
  });

  it('fails an import circle, also one made of type imports', async () => {
    assert.deepEqual(
      await violations({
        'server/src/a.ts': "import type { B } from './b.ts';\nexport type A = { b?: B };\n",
        'server/src/b.ts': "import type { A } from './a.ts';\nexport type B = { a?: A };\n",
      }),
      ['no-circular'],
    );
  });

  it('fails the server importing app code, scripts or test tooling, and the app importing the server', async () => {
    assert.deepEqual(
      await violations({
        'server/src/a.ts':
          "import { x } from '../../src/app/x';\nimport { y } from '../../scripts/y.ts';\nimport { t } from '../../testing/t.ts';\nexport const a = x + y + t;\n",
        'src/app/x.ts': "import { z } from '../../server/src/z.ts';\nexport const x = z;\n",
        'scripts/y.ts': 'export const y = 1;\n',
        'server/src/z.ts': 'export const z = 1;\n',
        'testing/t.ts': 'export const t = 1;\n',
      }),
      ['app-not-server', 'server-stands-alone', 'server-stands-alone', 'server-stands-alone'],
    );
  });

  it('fails the app importing test tooling, but lets its specs use the shared gate', async () => {
    assert.deepEqual(
      await violations({
        'src/app/a.spec.ts': "import { gate } from '../../testing/gate.ts';\nexport const a = gate;\n",
        'src/app/b.ts': "import { gate } from '../../testing/gate.ts';\nexport const b = gate;\n",
        'src/app/c.spec.ts': "import { t } from '../../testing/t.ts';\nexport const c = t;\n",
        'testing/gate.ts': 'export const gate = 1;\n',
        'testing/t.ts': 'export const t = 1;\n',
      }),
      ['app-not-test-tooling', 'app-not-test-tooling'],
    );
  });

  it('fails bench, scripts or testing/ importing e2e (shared tooling lives in testing/)', async () => {
    assert.deepEqual(
      await violations({
        'bench/lib/a.ts': "import { e } from '../../e2e/support/e.ts';\nexport const a = e;\n",
        'scripts/b.ts': "import { e } from '../e2e/support/e.ts';\nexport const b = e;\n",
        'testing/c.ts': "import { e } from '../e2e/support/e.ts';\nexport const c = e;\n",
        'e2e/support/e.ts': "import { t } from '../../testing/t.ts';\nexport const e = t;\n",
        'e2e/d.test.ts':
          "import { e } from './support/e.ts';\nimport { t } from '../testing/t.ts';\nexport const d = e + t;\n",
        'testing/t.ts': 'export const t = 1;\n',
      }),
      ['e2e-is-a-leaf', 'e2e-is-a-leaf', 'e2e-is-a-leaf'],
    );
  });

  it('lets domains meet at their api/ doors and the shared kernel', async () => {
    assert.deepEqual(
      await violations({
        'src/app/domains/sites/feature-site-detail/page.ts':
          "import { jobs } from '../../jobs/api';\nimport { clock } from '../../shared/util/clock';\nexport const page = jobs + clock;\n",
        'src/app/domains/jobs/api/index.ts': "export { jobs } from '../data/jobs';\n",
        'src/app/domains/jobs/data/jobs.ts': 'export const jobs = 1;\n',
        'src/app/domains/shared/util/clock.ts': 'export const clock = 1;\n',
        'src/app/app.ts': "import { jobs } from './domains/jobs/api';\nexport const app = jobs;\n",
      }),
      [],
    );
  });

  it("fails a domain or the shell reaching past another domain's door", async () => {
    assert.deepEqual(
      await violations({
        'src/app/domains/sites/feature-site-detail/page.ts':
          "import { jobs } from '../../jobs/data/jobs';\nexport const page = jobs;\n",
        'src/app/domains/jobs/data/jobs.ts': 'export const jobs = 1;\n',
        'src/app/shell/start.ts': "import { jobs } from '../domains/jobs/data/jobs';\nexport const start = jobs;\n",
      }),
      ['domains-meet-at-doors', 'shell-uses-doors'],
    );
  });

  it('fails a door that exports a routed page, pure util that reads data, and data that knows a screen', async () => {
    assert.deepEqual(
      await violations({
        'src/app/domains/jobs/api/index.ts': "export { Page } from '../feature-list/page';\n",
        'src/app/domains/jobs/feature-list/page.ts': 'export const Page = 1;\n',
        'src/app/domains/jobs/util/sort.ts': "import { jobs } from '../data/jobs';\nexport const sort = jobs;\n",
        'src/app/domains/jobs/data/jobs.ts': "import { Card } from '../ui/card';\nexport const jobs = Card;\n",
        'src/app/domains/jobs/ui/card.ts': 'export const Card = 1;\n',
      }),
      ['data-below-ui', 'doors-open-no-pages', 'util-is-pure'],
    );
  });
});
