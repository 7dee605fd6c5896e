import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFiles } from '../../../src/pipeline/parse.js';
import { fixtureFiles, renderUnits } from './parse-golden.js';

const CASES = [
  'ts-functions',
  'ts-classes',
  'ts-interfaces-types-enums',
  'tsx-component',
  'js-esm',
  'cjs-exports',
  'prototype-methods',
  'nested-functions',
  'object-literal-methods',
  'heritage-forms',
  'syntax-error',
  'binary-file',
  'non-utf8',
  'oversized',
  'call-sites',
  'import-export-forms',
  'grammar-misreads',
];

const GOLDEN = join(import.meta.dirname, '..', '..', 'golden');

describe('parse fixtures (golden, reviewed by eye)', () => {
  for (const name of CASES) {
    it(name, async () => {
      const units = await parseFiles(fixtureFiles(`parse-${name}`), { workers: 1, maxFileSize: 2048 });
      await expect(renderUnits(units)).toMatchFileSnapshot(join(GOLDEN, `parse-${name}.txt`));
    });
  }
});
