import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'http', 'os', 'child_process']
const serverPatterns = ['@tarojs/*', 'react', '**/src/api/*', '**/src/platform/*', '**/src/hooks/*', '**/src/pages/*']

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'cloudfunctions/*/index.js', 'cloudfunctions/*/sheet-worker.js', 'coverage', 'data', 'test/e2e/output'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Layering (DESIGN.md): the domain is pure; pages reach the backend only through the client in src/api.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, '@tarojs/*', 'react', '@cloudbase/*', 'dayjs', '@/*', '../api', '../api/*', '../platform/*', '../hooks/*', '../text/*', '../components/*', '**/server/*'] }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'the domain does no I/O' }],
    },
  },
  {
    files: ['src/pages/**/*.{ts,tsx}', 'src/apply/**/*.{ts,tsx}', 'src/admin/**/*.{ts,tsx}', 'src/review/**/*.{ts,tsx}', 'src/households/**/*.{ts,tsx}', 'src/dashboard/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}', 'src/hooks/**/*.{ts,tsx}', 'src/text/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/api/transport*', '@cloudbase/*', ...nodeBuiltins] }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='Taro'][property.name='cloud']", message: 'pages call src/api, never Taro.cloud' }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'pages call src/api, never fetch' }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: serverPatterns }] },
  },
  {
    // Layering (DESIGN.md): a use case reaches the outside world through server/ports only. Tests wire adapters, so they may.
    files: ['server/usecases/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: serverPatterns },
            {
              group: ['**/functions', '**/functions/**', '**/local', '**/local/**', '**/cloud', '**/cloud/**', '**/adapters', '**/adapters/**'],
              message: 'use cases import server/ports and src/domain, never server/functions, local, cloud or adapters',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
