import type { LanguageSpec } from './registry.js';

export const JAVASCRIPT: LanguageSpec = {
  id: 'javascript',
  extensions: ['.js', '.jsx', '.mjs', '.cjs'],
  grammarModule: 'tree-sitter-javascript/tree-sitter-javascript.wasm',
  classField: { type: 'field_definition', nameField: 'property' },
  typed: false,
};
