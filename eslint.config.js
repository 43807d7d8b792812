// ESLint's recommended rules for JavaScript and TypeScript (without type information, so it runs in seconds).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'src/generated/', 'bench/results/', 'drizzle/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    rules: {
      // `_` names what a destructuring leaves out on purpose; a rest sibling omits the fields it names.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A variable a signal handler may read before it is first assigned cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Log lines and messages are matched as printed, with their indentation.
      'no-regex-spaces': 'off',
    },
  },
  // Tests and benchmarks read GraphQL answers as JSON: typing every one would add nothing the assertions do not check.
  { files: ['test/**', 'bench/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
