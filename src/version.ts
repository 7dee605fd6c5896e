/** codegraph's version; a test keeps it equal to package.json's. */
export const CODEGRAPH_VERSION = '0.1.0';

/**
 * What a parse produces: bump it whenever extraction or resolution changes what a file's parse or
 * the graph holds, so that a parse cache or an unchanged-run shortcut left by an earlier build of
 * the same release is not reused (both are keyed by it).
 */
export const EXTRACTION_VERSION = 10;
