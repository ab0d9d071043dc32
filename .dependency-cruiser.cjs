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
      name: 'app-not-server',
      comment: 'The app runs in the browser and talks to the server over GraphQL only.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(server|scripts|e2e|bench|testing)/' },
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
