/**
 * Import rules checked by `npm run lint` (dependency-cruiser): no import circles anywhere, and the
 * app, the sync server and the tooling stay apart. Type-only imports count too: a circle of types
 * still makes two modules impossible to understand (or move) one without the other.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules that import each other, directly or through others.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domains-meet-at-doors',
      comment:
        "A domain uses another only through its api/ door (shared is everyone's kernel), so its insides can change freely.",
      severity: 'error',
      from: { path: '^src/app/domains/([^/]+)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^src/app/domains/', pathNot: '^src/app/domains/($1|shared)/|^src/app/domains/[^/]+/api/' },
    },
    {
      name: 'shell-uses-doors',
      comment: 'The app shell wires domains together through their api/ doors and lazy route files only.',
      severity: 'error',
      from: { path: '^src/app/(shell/|[^/]+\\.ts$)', pathNot: '\\.spec\\.ts$' },
      to: {
        path: '^src/app/domains/',
        pathNot: '^src/app/domains/(shared/|[^/]+/api/|[^/]+/[^/]+\\.routes\\.ts$)',
      },
    },
    {
      name: 'doors-open-no-pages',
      comment: 'Routed pages load lazily through routes; a door that exported one would load it eagerly.',
      severity: 'error',
      from: { path: '^src/app/domains/[^/]+/api/' },
      to: { path: '/feature-[^/]+/' },
    },
    {
      name: 'util-is-pure',
      comment: 'util holds pure functions and types: it reads no data and renders nothing.',
      severity: 'error',
      from: { path: '^src/app/domains/([^/]+)/util/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^src/app/domains/[^/]+/(data|ui|feature-[^/]+)/' },
    },
    {
      name: 'data-below-ui',
      comment: 'Repositories and device stores know nothing of screens.',
      severity: 'error',
      from: { path: '^src/app/domains/[^/]+/data/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^src/app/domains/[^/]+/(ui|feature-[^/]+)/' },
    },
    {
      name: 'app-not-server',
      comment: 'The app runs in the browser and talks to the server over GraphQL only.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(server|scripts|e2e|bench)/' },
    },
    {
      name: 'app-not-test-tooling',
      comment:
        'The app ships no test tooling; its specs may use the one browser-safe helper the Node tests share (testing/gate.ts).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^testing/', pathNot: '^testing/gate\\.ts$' },
    },
    {
      name: 'app-not-test-tooling',
      comment: 'Only specs hold code at a gate.',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^testing/gate\\.ts$' },
    },
    {
      name: 'server-stands-alone',
      comment: 'The server is deployed on its own: no app code, scripts or test tooling.',
      severity: 'error',
      from: { path: '^server/src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(src|scripts|e2e|bench|testing|server/test|server/fuzz)/' },
    },
    {
      name: 'e2e-is-a-leaf',
      comment:
        'Tooling shared by e2e, bench and scripts (a server process, a browser, app steps) lives in testing/; nothing reaches into e2e/.',
      severity: 'error',
      from: { pathNot: '^e2e/' },
      to: { path: '^e2e/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
  },
};
