import { describe, expect, it } from 'vitest';
import { parseJsDoc } from '../../../src/pipeline/extract/jsdoc.js';

describe('parseJsDoc', () => {
  it('takes plain names and dotted paths, dropping null, undefined, optional marks and type arguments', () => {
    const doc = parseJsDoc(`/**
     * @param {Layer} l
     * @param {?ns.Sink} [sink] optional
     * @param {Array<Layer>} list
     * @param {Layer|null} maybe
     * @param {Layer|Other} either
     * @param {{a: number}} record
     * @returns {Promise<Sink>}
     */`);
    expect(Object.fromEntries([...doc.params].map(([k, v]) => [k, v.path.join('.')]))).toEqual({
      l: 'Layer',
      sink: 'ns.Sink',
      list: 'Array',
      maybe: 'Layer',
    });
    expect(doc.returns).toEqual({ path: ['Promise'] });
    expect(parseJsDoc('/** @type {Widget} */').type).toEqual({ path: ['Widget'] });
  });
});
