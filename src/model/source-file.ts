import type { LanguageId } from '../languages/language-id.js';

/** A source file found by the walk. */
export interface SourceFile {
  /** POSIX path relative to the repo root. */
  readonly relPath: string;
  readonly absPath: string;
  readonly language: LanguageId;
  readonly size: number;
}
