// Types for bench/generate.mjs, so TypeScript tests can import it.
export declare const GENERATOR_VERSION: number;
export declare const MANIFEST_NAME: string;

export interface LanguageShare {
  files: number;
  bytes: number;
}

export interface SyntheticManifest {
  generator: number;
  seed: string;
  files: number;
  folders: number;
  bytes: number;
  byLanguage: { ts: LanguageShare; esm: LanguageShare; cjs: LanguageShare };
  counts: {
    functions: number;
    classes: number;
    interfaces: number;
    types: number;
    enums: number;
    importStatements: number;
    barrels: number;
    extends: number;
    implements: number;
    /** Interfaces that extend another interface. */
    interfaceExtends: number;
    /** Distinct (importing file, imported file) pairs, barrel re-exports included. */
    importEdges: number;
  };
}

export declare function generateRepo(options: { files: number; out: string; seed?: string | number }): SyntheticManifest;
export declare function readManifest(out: string): SyntheticManifest | null;
