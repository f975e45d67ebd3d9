// One jest run covers the workspace: `unit` needs nothing running, `integration` needs the real
// stack (Kafka + MongoDB wire) that tools/scripts/test.sh brings up.
const { pathsToModuleNameMapper } = require('./tools/scripts/jest-paths');

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  clearMocks: true,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleNameMapper: pathsToModuleNameMapper(),
  setupFilesAfterEnv: ['<rootDir>/tools/scripts/jest-setup.js'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.stack/'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '\\.int\\.spec\\.ts$'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int.spec.ts'],
      setupFilesAfterEnv: [
        ...shared.setupFilesAfterEnv,
        '<rootDir>/tools/scripts/jest-integration-setup.js',
      ],
    },
  ],
};
