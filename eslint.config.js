// ESLint's recommended rules for JavaScript and TypeScript, imports sorted, and the one type-aware rule worth its
// seconds: no floating promises (an unawaited promise's failure is lost, and the work it stands for may outlive a test or a shutdown).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'src/generated/', 'clients/*/generated/', 'web/src/generated/', 'web/dist/', 'bench/results/', 'drizzle/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  // The web app runs in browsers, with React's rules of hooks.
  { files: ['web/src/**'], languageOptions: { globals: globals.browser } },
  { files: ['web/src/**'], ...reactHooks.configs.flat.recommended },
  {
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      // `_` names what a destructuring leaves out on purpose; a rest sibling omits the fields it names.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A variable a signal handler may read before it is first assigned cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Log lines and messages are matched as printed, with their indentation.
      'no-regex-spaces': 'off',
      // One order everywhere (packages, then the project's modules), kept by `npm run lint -- --fix`.
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    // `void promise` marks a promise left to run on purpose (its failure handled where it is made).
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  // Tests, benchmarks and scripts read GraphQL answers as JSON: typing every one would add nothing the assertions do not check.
  { files: ['test/**', 'bench/**', 'web/screenshot.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
