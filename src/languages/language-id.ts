/** The grammars codegraph parses with. */
export type LanguageId = 'typescript' | 'tsx' | 'javascript';

/** File extension (with the dot; case-sensitive, as TypeScript and Node treat them) -> grammar. `.d.ts` is TypeScript. */
export const EXTENSION_LANGUAGES: Readonly<Record<string, LanguageId>> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
};

export function languageOf(path: string): LanguageId | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return undefined;
  return EXTENSION_LANGUAGES[path.slice(dot)];
}
