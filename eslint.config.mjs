// One flat config for the whole repository: app (src/), server (server/), tooling and tests.
import js from '@eslint/js';
import ngrx from '@ngrx/eslint-plugin/v9';
import angular from 'angular-eslint';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

/**
 * Architecture boundaries, one entry per layer. ESLint applies only the last matching
 * `no-restricted-imports` setting to a file, so each layer lists every restriction it is under.
 * - the client never imports server code, the server never imports the client app, and the
 *   server's runtime code never imports scripts/ (build tools);
 * - only repositories (`domains/<d>/data`) touch DataStore;
 * - nothing imports a routed page (`feature-*`) except route files; ui imports only util.
 */
const serverCode = { group: ['**/server/**', '**/server'], message: 'The app must not import server code.' };
const clientApp = {
  group: ['**/src/app/**', '**/app/domains/**'],
  message: 'The server must not import the Angular app.',
};
const scripts = {
  group: ['**/scripts/**', '**/scripts'],
  message: 'The server runs without build tools: it must not import scripts/ (the transformer, codegen).',
};
const dataStore = {
  group: ['@aws-amplify/datastore', 'aws-amplify/datastore'],
  message: 'Only repositories in domains/<domain>/data may use DataStore.',
};
const features = {
  group: ['**/feature-*', '**/feature-*/**'],
  message: 'Routed pages are reached through routes only.',
};
const dataLayer = {
  group: ['**/data/**', '../data', './data'],
  message: 'UI components take inputs; they do not read data.',
};

const restrict = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.angular/**',
      'node_modules/**',
      'src/models/**',
      'amplify/backend/api/fieldbook/build/**',
      'amplify/backend/auth/*/build/**',
      'amplify/backend/storage/*/build/**',
      'bench/results/**',
      'coverage/**',
      'server/dist/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.strict, ...tseslint.configs.stylistic],
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      // rxMethod<void>() is the idiomatic trigger for a store's live stream.
      '@typescript-eslint/no-invalid-void-type': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.test.ts', '**/*.testing.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    extends: [...angular.configs.tsRecommended, ...ngrx.configs.signals],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'fb', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'fb', style: 'kebab-case' }],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
    },
  },
  {
    files: ['src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        process: 'readonly',
        console: 'readonly',
      },
    },
  },
  restrict(
    ['src/**/*.ts'],
    [serverCode, dataStore, features],
    ['src/app/domains/*/data/**', 'src/**/*.routes.ts', 'src/**/*.spec.ts'],
  ),
  restrict(['src/app/domains/*/data/**/*.ts'], [serverCode, features]),
  restrict(['src/app/domains/*/ui/**/*.ts'], [serverCode, dataStore, features, dataLayer], ['src/**/*.spec.ts']),
  restrict(['src/**/*.routes.ts'], [serverCode, dataStore]),
  restrict(['src/**/*.spec.ts'], [serverCode]),
  // The DataStore device the server tests drive stores its data through the app's own storage adapter
  // and reviews sync outcomes with the app's own review cores; its tabs speak the app's own tab
  // messages and keep the app's write journal; a token the server refuses is renewed by the app's own renewal.
  // The crews' test holds the app's naming of a crew's group to the server's. The fuzz's broken
  // evictions judge scopes and outbox entries with the app's own types.
  restrict(
    ['server/**/*.ts'],
    [clientApp],
    [
      'server/test/datastore-client.ts',
      'server/test/broken-eviction.ts',
      'server/test/device-review.ts',
      'server/test/tab-writes.ts',
      'server/test/refused-tokens.ts',
      'server/test/crew-writes.test.ts',
    ],
  ),
  restrict(['server/src/**/*.ts'], [clientApp, scripts], ['server/src/**/*.test.ts']),
);
