// Local type inference of receivers (issue 13, section 2): each fixture repo under
// test/fixtures/calls-*/ holds one rule; its CALLS are checked exactly, through the real pipeline.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callsOf as callsIn } from '../../helpers/calls-of.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'codegraph-local-types-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const callsOf = (fixture: string) => callsIn(fixture, scratch);

describe('CALLS on receivers typed by local inference', () => {
  it('follows a type alias, and an alias of an alias, to the class it names; a union or a type parameter names none', async () => {
    const { edges, counts } = await callsOf('calls-type-aliases');
    expect(edges).toEqual([
      'Function:use.ts:viaParams -> Method:exec.ts:Executor.close [type]',
      'Method:use.ts:Stage.stop -> Method:exec.ts:Executor.close [type]',
    ]);
    // Four calls resolve to two relationships; `side.close()` and `o.close()` have two candidates.
    expect(counts).toMatchObject({ found: 5, resolved: 3, 'unresolved.ambiguous': 2 });
  });

  it('types an element of an array (index, for-of, pop/shift/at, slice, forEach/reduce callbacks, also on what a call returns) by the array type; find, a Map and a string give none', async () => {
    const { edges, counts } = await callsOf('calls-array-elements');
    expect(edges).toEqual([
      'Class:dom.js:Rack -> Class:part.ts:Part [import]',
      'File:dom.js -> Class:part.ts:Part [import]',
      'Function:dom.js:each -> Method:part.ts:Part.reset [type]',
      'Function:dom.js:first -> Method:part.ts:Part.reset [type]',
      'Function:loose.ts:notElements -> Class:part.ts:Other [import]',
      'Method:dom.js:Rack.clear -> Method:part.ts:Part.reset [type]',
      'Method:dom.js:Rack.rebuild -> Method:part.ts:Part.reset [type]',
      'Method:machine.ts:Machine.aliased -> Method:part.ts:Part.reset [type]',
      'Method:machine.ts:Machine.byIndex -> Method:part.ts:Part.reset [type]',
      'Method:machine.ts:Machine.chained -> Method:machine.ts:Machine.all [same-file]',
      'Method:machine.ts:Machine.chained -> Method:part.ts:Part.reset [type]',
      'Method:machine.ts:Machine.counted -> Method:part.ts:Part.reset [type]',
      'Method:machine.ts:Machine.eachOf -> Method:part.ts:Part.reset [type]',
      'Method:machine.ts:Machine.forOf -> Method:part.ts:Part.reset [type]',
      'Method:machine.ts:Machine.forOfLet -> Method:part.ts:Part.reset [type]',
      'Method:machine.ts:Machine.generic -> Method:part.ts:Part.reset [type]',
      'Method:machine.ts:Machine.local -> Method:part.ts:Part.reset [type]',
      'Method:machine.ts:Machine.popped -> Method:part.ts:Part.reset [type]',
      'Method:machine.ts:Machine.shifted -> Method:part.ts:Part.reset [type]',
      'Method:machine.ts:Machine.sliced -> Method:part.ts:Part.reset [type]',
    ]);
    // 36 calls: 16 `reset`s, `all()` and 4 `new`s resolve; `reset` on a Map entry and on reduce's
    // accumulator have two candidates; the 11 array methods, the `reset` on find's result, trim and
    // toFixed are built-in.
    expect(counts).toMatchObject({ found: 36, resolved: 21, 'unresolved.ambiguous': 2, 'unresolved.builtin': 13 });
  });

  it("types a parameter by its default (`pos = new Vec()`), a field set from it, and a parameter property with a default", async () => {
    const { edges, counts } = await callsOf('calls-param-defaults');
    expect(edges).toEqual([
      'Class:body.js:Body -> Class:vec.ts:Vec [import]',
      'Class:ship.ts:Ship -> Class:vec.ts:Vec [import]',
      'Function:body.js:nudge -> Class:vec.ts:Vec [import]',
      'Function:body.js:nudge -> Method:vec.ts:Vec.offset [type]',
      'Function:ship.ts:either -> Class:vec.ts:Other [import]',
      'Function:ship.ts:either -> Class:vec.ts:Vec [import]',
      'Method:body.js:Body.step -> Method:vec.ts:Vec.offset [type]',
      'Method:ship.ts:Ship.drift -> Method:vec.ts:Vec.offset [type]',
    ]);
    expect(counts).toMatchObject({ found: 9, resolved: 8, 'unresolved.ambiguous': 1 });
  });

  it('types a static field (`static ORIGIN = new Vec()`, JS `Gadget.ORIGIN = new Vec()`) through the class, its subclass and `this` in a static method', async () => {
    const { edges, counts } = await callsOf('calls-static-fields');
    expect(edges).toEqual([
      'Class:widget.ts:Widget -> Class:vec.ts:Vec [import]',
      'File:gadget.js -> Class:vec.ts:Other [import]',
      'File:gadget.js -> Class:vec.ts:Vec [import]',
      'Function:gadget.js:use -> Method:vec.ts:Vec.grow [type]',
      'Function:use.ts:inherited -> Method:vec.ts:Vec.grow [type]',
      'Function:use.ts:viaClass -> Method:vec.ts:Vec.grow [type]',
      'Method:widget.ts:Widget.move -> Method:vec.ts:Vec.grow [type]',
      'Method:widget.ts:Widget.reset -> Method:vec.ts:Vec.grow [type]',
    ]);
    // `Panel.MIXED.grow()` has two candidates: MIXED is given a Vec and an Other.
    expect(counts).toMatchObject({ found: 13, resolved: 12, 'unresolved.ambiguous': 1 });
  });

  it('types `let t;` by its later assignments when they all give one type; not in a closure, nor when written another way', async () => {
    const { edges, counts } = await callsOf('calls-later-assignments');
    expect(edges).toEqual([
      'Function:flow.js:branches -> Class:tmp.ts:Tmp [import]',
      'Function:flow.js:branches -> Function:tmp.ts:makeTmp [import]',
      'Function:flow.js:branches -> Method:tmp.ts:Tmp.run [type]',
      'Function:flow.js:destructured -> Class:tmp.ts:Tmp [import]',
      'Function:flow.js:hoisted -> Class:tmp.ts:Other [import]',
      'Function:flow.js:hoisted -> Class:tmp.ts:Tmp [import]',
      'Function:flow.js:inClosure -> Class:tmp.ts:Tmp [import]',
      'Function:flow.js:simple -> Class:tmp.ts:Tmp [import]',
      'Function:flow.js:simple -> Method:tmp.ts:Tmp.run [type]',
      'Function:flow.js:twoTypes -> Class:tmp.ts:Other [import]',
      'Function:flow.js:twoTypes -> Class:tmp.ts:Tmp [import]',
      'Function:tmp.ts:makeTmp -> Class:tmp.ts:Tmp [same-file]',
      'Function:typed.ts:annotated -> Class:tmp.ts:Tmp [import]',
      'Function:typed.ts:annotated -> Method:tmp.ts:Tmp.run [type]',
      'Function:typed.ts:untyped -> Class:tmp.ts:Tmp [import]',
      'Function:typed.ts:untyped -> Method:tmp.ts:Tmp.run [type]',
    ]);
    // The `run()`s of twoTypes, inClosure, hoisted and destructured have two candidates each.
    expect(counts).toMatchObject({ found: 20, resolved: 16, 'unresolved.ambiguous': 4 });
  });
});
