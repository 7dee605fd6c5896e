import { describe, expect, it } from 'vitest';
import { parseJsDoc } from '../../../src/pipeline/extract/jsdoc.js';

describe('parseJsDoc', () => {
  it('takes plain names, dotted paths and arrays of them, dropping null, undefined, optional marks and type arguments', () => {
    const doc = parseJsDoc(`/**
     * @param {Layer} l
     * @param {?ns.Sink} [sink] optional
     * @param {Array<Layer>} list
     * @param {Layer[]} many
     * @param {Array.<ns.Sink>} sinks
     * @param {Array<Layer|Other>} mixed
     * @param {Promise<Layer>} later
     * @param {Layer|null} maybe
     * @param {Layer|Other} either
     * @param {{a: number}} record
     * @returns {Promise<Sink>}
     */`);
    expect(Object.fromEntries([...doc.params].map(([k, v]) => [k, `${v.path.join('.')}${v.array ? '[]' : ''}`]))).toEqual({
      l: 'Layer',
      sink: 'ns.Sink',
      list: 'Layer[]',
      many: 'Layer[]',
      sinks: 'ns.Sink[]',
      later: 'Promise',
      maybe: 'Layer',
    });
    expect(doc.returns).toEqual({ path: ['Promise'] });
    expect(parseJsDoc('/** @type {Widget} */').type).toEqual({ path: ['Widget'] });
  });
});
