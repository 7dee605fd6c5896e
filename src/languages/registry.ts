import { createRequire } from 'node:module';
import { JAVASCRIPT } from './javascript.js';
import type { LanguageId } from './language-id.js';
import { TSX, TYPESCRIPT } from './typescript.js';

/**
 * What the extractors need to know about a grammar. Extraction walks node types rather than
 * running queries, so the table holds the grammar file and the node types that differ between
 * the grammars; the shared node types live in the extractors.
 */
export interface LanguageSpec {
  readonly id: LanguageId;
  readonly extensions: readonly string[];
  /** Module path of the grammar's .wasm, resolved from this package's node_modules. */
  readonly grammarModule: string;
  /** Class field node and the field holding its name (`field_definition`/`property` in JS). */
  readonly classField: { readonly type: string; readonly nameField: string };
  /** Whether the grammar has TypeScript's type annotations, interfaces, enums and overloads. */
  readonly typed: boolean;
}

export const LANGUAGES = {
  typescript: TYPESCRIPT,
  tsx: TSX,
  javascript: JAVASCRIPT,
} satisfies Record<LanguageId, LanguageSpec>;

const require = createRequire(import.meta.url);

/** Absolute path of the grammar .wasm for a language. */
export function grammarPath(id: LanguageId): string {
  return require.resolve(LANGUAGES[id].grammarModule);
}
