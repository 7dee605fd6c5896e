// The repositories the accuracy harness measures, pinned so the numbers are reproducible.
// `root` is the folder inside the npm tarball that holds the sources; only it is indexed.
export const PACKAGES = [
  { name: '@tanstack/query-core', version: '5.108.4', root: 'package/src', flavour: 'TypeScript' },
  { name: 'three-mesh-bvh', version: '0.9.17', root: 'package/src', flavour: 'ES-class JavaScript (ESM)' },
  { name: 'commander', version: '14.0.3', root: 'package/lib', flavour: 'CommonJS JavaScript' },
  // TypeScript with `implements` (the first three have none), so IMPLEMENTS is measured too.
  { name: 'mobx', version: '7.1.3', root: 'package/src', flavour: 'TypeScript (classes implementing interfaces)' },
  // Hold-outs: never looked at while tuning the call resolver; measured with `--hold-out`.
  { name: 'rxjs', version: '7.8.2', root: 'package/src', flavour: 'TypeScript (hold-out)', holdOut: true },
  { name: 'preact', version: '10.28.3', root: 'package/src', flavour: 'JavaScript (hold-out)', holdOut: true },
  // Added with issue 13 (grammar misreads, name binding), never looked at while building it.
  { name: 'immer', version: '10.1.1', root: 'package/src', flavour: 'TypeScript (hold-out)', holdOut: true },
  // Added with issue 13's second half (array elements, later assignments, JS prototype idioms,
  // untyped JavaScript), never looked at while building it. `exclude` adds to EXCLUDE for one package.
  { name: '@reduxjs/toolkit', version: '2.5.0', root: 'package/src', flavour: 'TypeScript (hold-out)', holdOut: true, exclude: ['**/tests/**'] },
  { name: 'svelte', version: '5.16.0', root: 'package/src', flavour: 'JavaScript with JSDoc types (hold-out)', holdOut: true },
];

/** Files of the source folder left out of both sides: declaration files describe, they do not run; tests are not the package. */
export const EXCLUDE = ['**/*.d.ts', '**/__tests__/**', '**/*.test.*'];
