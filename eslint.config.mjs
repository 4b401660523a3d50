// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Workflow code runs in Temporal's deterministic sandbox; pure domain rules must stay usable there.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const sandboxRestrictions = {
  paths: nodeBuiltins.map((name) => ({
    name,
    message: 'Node built-ins are not deterministic: keep I/O in activities/, never in workflows/ or src/domain/.',
  })),
  patterns: [
    {
      group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'],
      message: 'Workflows import activities by type only and never use client or worker APIs.',
    },
    {
      group: ['zod', 'zod/*', 'fastify', 'fastify-*', '@fastify/*', 'pino', 'pino-*'],
      message: 'Heavy module state in workflow code is instantiated once per cached workflow: validate at the API edge.',
    },
    {
      group: ['**/activities', '**/activities/*', '**/api/*', '**/src/config/*', '**/src/logger', '**/src/service'],
      message: 'Workflows and domain rules may import activities by type only (import type), never runtime modules.',
      allowTypeImports: true,
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.cache/', '.data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', sandboxRestrictions],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No process state in deterministic code.' },
        { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use durable timers from @temporalio/workflow.' },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
