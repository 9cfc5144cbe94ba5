// ESLint (flat config): TypeScript with type information, Lit templates, custom elements.
// `npm run lint` checks the whole tree with zero warnings allowed; `npm test` runs it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'bench/out/', 'bench/dist-baseline/', 'public/', 'tests/.artifacts/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring to drop a key).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Template literals with numbers are how this code builds labels and URLs.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Lit calls a template's event listeners with the element as `this`
      // (`@click=${this.close}`), which is what this rule cannot see.
      '@typescript-eslint/unbound-method': 'off',
      // False positives where TypeScript does not narrow a generic (`T extends
      // Polygon | MultiPolygon`) or a library's overloads (topojson's simplify,
      // i18n-iso-countries' getName): removing those casts breaks `tsc`, which
      // stays the judge of types.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Tests fake async browser APIs (fetch, caches, clients) with async
    // functions that have nothing to await, and print arrays and colours in
    // their failure messages.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowArray: true, allowNullish: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    // Plain JavaScript (this file): no type information.
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
