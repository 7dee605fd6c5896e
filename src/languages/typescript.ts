import type { LanguageSpec } from './registry.js';

const tsClassField = { type: 'public_field_definition', nameField: 'name' } as const;

export const TYPESCRIPT: LanguageSpec = {
  id: 'typescript',
  extensions: ['.ts', '.mts', '.cts'],
  grammarModule: 'tree-sitter-typescript/tree-sitter-typescript.wasm',
  classField: tsClassField,
  typed: true,
};

export const TSX: LanguageSpec = {
  id: 'tsx',
  extensions: ['.tsx'],
  grammarModule: 'tree-sitter-typescript/tree-sitter-tsx.wasm',
  classField: tsClassField,
  typed: true,
};
