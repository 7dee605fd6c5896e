import { Language, Parser } from 'web-tree-sitter';
import type { LanguageId } from '../../languages/language-id.js';
import { grammarPath } from '../../languages/registry.js';
import { wasmModule } from './wasm-cursor.js';

export interface Grammar {
  readonly parser: Parser;
  readonly language: Language;
}

// One parser per language per thread (each worker has its own module instance).
let init: Promise<void> | undefined;
const grammars = new Map<LanguageId, Promise<Grammar>>();

export function loadGrammar(id: LanguageId): Promise<Grammar> {
  let grammar = grammars.get(id);
  if (!grammar) {
    grammar = (async () => {
      // The module object lets flattenTree call the cursor exports directly (wasm-cursor.ts).
      init ??= Parser.init(wasmModule);
      await init;
      const language = await Language.load(grammarPath(id));
      const parser = new Parser();
      parser.setLanguage(language);
      return { parser, language };
    })();
    grammars.set(id, grammar);
  }
  return grammar;
}
