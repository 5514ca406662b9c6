import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The package boundaries (README, "Layout"): what each package may import. A violation fails `npm run lint` and CI.
const SUBGRAPHS = ['@cq/organisations', '@cq/people', '@cq/activities'];
const APPLICATION = [...SUBGRAPHS, '@cq/gateway', '@cq/launcher', '@cq/test', '@cq/bench'];
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const only = (allowed, message) => ({ group: ['@cq/*', ...allowed.map((a) => `!${a}`)], message });

/** No subgraph reads another owner's tables but through @cq/db/hierarchy (docs/read-model.md). */
const NO_ORG_TABLES = {
  'no-restricted-syntax': [
    'error',
    ...['TemplateElement[value.raw=/\\borg\\.[a-z_]+/]', 'Literal[value=/\\borg\\.[a-z_]+/]'].map((selector) => ({
      selector,
      message: 'Only the organisations subgraph reads the org schema; read structure through @cq/db/hierarchy.',
    })),
  ],
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/generated/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Type-aware rules on every TypeScript file, through each workspace's tsconfig.
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.ts'], ignores: ['test/**', '**/*.test.ts'] })),
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Apollo's plugin hooks and resolvers are async by contract, whether or not a given one awaits.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['packages/domain/src/**'],
    ignores: ['**/*.test.ts'],
    // Pure domain code: nothing but itself.
    rules: restrict([{ regex: '^(?!\\.\\.?/)', message: '@cq/domain depends on nothing: no package, no other workspace.' }]),
  },
  {
    files: ['packages/service-kit/src/**'],
    rules: restrict([only(['@cq/domain'], '@cq/service-kit builds on @cq/domain only: no database, no subgraph, no gateway.')]),
  },
  {
    files: ['drizzle/src/**'],
    rules: restrict([only(['@cq/domain'], '@cq/db builds on @cq/domain only: the database package never imports the API.')]),
  },
  {
    files: ['gateway/src/**'],
    rules: restrict([only(['@cq/domain', '@cq/service-kit'], 'The gateway is the same code in one process or five: no subgraph, no database.')]),
  },
  ...['organisations', 'people', 'activities'].map((name) => ({
    files: [`subgraphs/${name}/src/**`],
    rules: {
      ...restrict([
        { group: APPLICATION, message: 'A subgraph never imports another subgraph, the gateway or the launcher.' },
        { group: ['@cq/db/seed'], message: 'Demo data is for the launcher, tests and bench.' },
        ...(name === 'organisations'
          ? []
          : [{ group: ['@cq/db/hierarchy-maintenance'], message: 'Only the organisations subgraph keeps the hierarchy read model; read it through @cq/db/hierarchy.' }]),
        ...(name === 'people'
          ? []
          : [{ group: ['@cq/db/decisions-maintenance'], message: 'Only the people subgraph keeps the decisions read model; read it through @cq/db/decisions.' }]),
      ]),
      ...(name === 'organisations' ? {} : NO_ORG_TABLES),
    },
  })),
  {
    // Test helpers and GraphQL responses are typed loosely on purpose: the tests assert on their shape.
    files: ['test/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
