/** codegraph's version; a test keeps it equal to package.json's. */
export const CODEGRAPH_VERSION = '0.1.0';
