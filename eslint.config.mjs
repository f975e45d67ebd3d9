import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

// Infrastructure clients are wrapped once, in data-access libs (docs/architecture.md).
const INFRASTRUCTURE_PACKAGES = [
  'kafkajs',
  'mongodb',
  '@grpc/grpc-js',
  '@grpc/proto-loader',
  'fast-xml-parser',
  'saxes',
  'undici',
];

const TYPE_CONSTRAINTS = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:data-access',
      'type:contracts',
      'type:util',
      'type:testing',
    ],
    bannedExternalImports: INFRASTRUCTURE_PACKAGES,
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:contracts', 'type:util', 'type:testing'],
    bannedExternalImports: INFRASTRUCTURE_PACKAGES,
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:contracts', 'type:util', 'type:testing'],
  },
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:util'],
    bannedExternalImports: INFRASTRUCTURE_PACKAGES,
  },
  {
    sourceTag: 'type:util',
    onlyDependOnLibsWithTags: ['type:util'],
    bannedExternalImports: INFRASTRUCTURE_PACKAGES,
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:contracts', 'type:util'],
  },
];

const SCOPES = [
  'gateway',
  'integrations',
  'knowledge-base',
  'host-detection',
  'qvs-scoring',
  'policy-compliance',
  'cmdb',
  'tooling',
];

const SCOPE_CONSTRAINTS = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...SCOPES.map(scope => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.stack/**',
      '.nx/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    plugins: {
      '@nx': nx,
      'import-x': importX,
      'simple-import-sort': simpleImportSort,
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [...TYPE_CONSTRAINTS, ...SCOPE_CONSTRAINTS],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/return-await': ['error', 'always'],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/only-throw-error': 'error',
      'import-x/no-cycle': 'error',
      'import-x/no-default-export': 'error',
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      'no-console': 'error',
      'no-process-env': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object instead of an enum' },
        {
          selector: "Literal[value='0.0.0.0']",
          message: 'Bind addresses come from validated configuration',
        },
      ],
    },
  },
  {
    // The only files allowed to read process.env: each project's validated environment.
    files: ['**/environment.ts', 'libs/config/src/**/*.ts', 'libs/testing/src/**/*.ts'],
    rules: { 'no-process-env': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'libs/testing/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Command-line tools write their report to the terminal on purpose.
    files: ['tools/**/src/cli.ts', 'tools/bench/**/*.ts', 'apps/*/src/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/testing/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@exposure-graph/testing',
              message: 'Test helpers are for *.spec.ts files only',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
