// Each fixture repo under test/fixtures/calls-*/ covers one form of call; its CALLS are checked
// exactly, through the real pipeline (walk, tree-sitter parse, module resolution, calls).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callsOf as callsIn } from '../../helpers/calls-of.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'codegraph-calls-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const callsOf = (fixture: string) => callsIn(fixture, scratch);

const cases: Record<string, string[]> = {
  // Names Object.prototype holds (`constructor`, `toString`) are no field of a class that does
  // not declare them (also destructured from `this`), and are a field like any other of one that does.
  'calls-inherited-names': [
    'Class:gadget.js:Gadget -> Class:part.ts:Part [import]',
    'Class:widget.ts:Widget -> Class:part.ts:Part [import]',
    'Method:gadget.js:Gadget.run -> Method:part.ts:Part.draw [type]',
    'Method:widget.ts:Widget.label -> Method:part.ts:Part.draw [type]',
    'Method:widget.ts:Widget.render -> Method:part.ts:Part.draw [type]',
  ],
  'calls-shadowing': [
    'Function:main.ts:other -> Function:main.ts:helper [same-file]',
    'Function:main.ts:run -> Function:main.ts:run.helper [same-file]',
  ],
  'calls-same-named-methods': [
    'Function:use.ts:byAnnotation -> Method:shapes.ts:B.copy [type]',
    'Function:use.ts:byNew -> Class:shapes.ts:A [import]',
    'Function:use.ts:byNew -> Method:shapes.ts:A.copy [type]',
    'Method:shapes.ts:A.copy -> Class:shapes.ts:A [same-file]',
  ],
  'calls-inherited-this': [
    'Method:child.ts:Child.run -> Method:base.ts:Base.save [same-file]',
    'Method:child.ts:Child.run -> Method:child.ts:Child.log [same-file]',
  ],
  'calls-super': ['Method:shapes.ts:Child.init -> Method:shapes.ts:Base.init [same-file]'],
  'calls-namespace': ['Function:app.ts:show -> Function:util.ts:format [import]'],
  'calls-default-export': [
    'Function:app.ts:start -> Class:widget.ts:Widget [import]',
    'Function:app.ts:start -> Function:main.ts:main [import]',
    'Function:app.ts:start -> Method:widget.ts:Widget.draw [type]',
  ],
  'calls-commonjs': [
    'Function:main.js:viaDestructuring -> Function:lib.js:other [import]',
    'Function:main.js:viaDirect -> Function:lib.js:helper [import]',
    'Function:main.js:viaObject -> Function:lib.js:helper [import]',
  ],
  'calls-builtins': ['Function:own-fetch.js:get -> Function:own-fetch.js:fetch [same-file]'],
  'calls-ambiguous': [],
  'calls-callbacks': ['Function:main.ts:g -> Function:main.ts:f [same-file]'],
  // `new ns.X()` through a namespace import and through a require object.
  'calls-namespace-new': ['Function:use-cjs.js:make -> Class:gear.js:Gear [import]', 'Function:use.ts:build -> Class:widget.ts:Widget [import]'],
  // `export const makeAlias = makeThing`: the alias is callable, by name and through a namespace.
  'calls-const-alias': ['Function:use.ts:viaName -> Function:thing.ts:makeThing [import]', 'Function:use.ts:viaNamespace -> Function:thing.ts:makeThing [import]'],
  // Namespace and declare-module members, `app.send = function`, an ownerless object's method:
  // none binds `send`, so every `send()` is the imported one.
  'calls-non-bindings': [
    'File:app.ts -> Function:host.ts:later [import]',
    'Function:app.ts:run -> Function:send.ts:send [import]',
    'Function:app.ts:send~2 -> Function:send.ts:send [import]',
    'Method:app.ts:send -> Function:send.ts:send [import]',
  ],
  // Inside a namespace block a name is the block's, then an enclosing block's, also across merged
  // declarations of one namespace; `Wire.frame()` names a member of a block that merges with no value.
  // Types too: `extends Base`, `b: Base` in a callback type, `this: Base` in the block are the
  // block's Base, not the module's.
  'calls-namespace-blocks': [
    'Function:shapes.ts:Shapes.bound -> Method:shapes.ts:Shapes.Base.draw [type]',
    'Function:shapes.ts:Shapes.make -> Class:shapes.ts:Shapes.Square [same-file]',
    'Function:shapes.ts:Shapes.paint -> Function:shapes.ts:Shapes.make [same-file]',
    'Function:shapes.ts:Shapes.paint -> Method:shapes.ts:Shapes.Square.run [type]',
    'Function:shapes.ts:Shapes.viaCallback -> Function:shapes.ts:Shapes.withBase [same-file]',
    'Function:shapes.ts:Shapes.viaCallback -> Method:shapes.ts:Shapes.Base.draw [type]',
    'Function:shapes.ts:Shapes.withBase -> Class:shapes.ts:Shapes.Base [same-file]',
    'Function:use.ts:user -> Function:wire.ts:Wire.Inner.deep [import]',
    'Function:use.ts:user -> Function:wire.ts:Wire.again [import]',
    'Function:wire.ts:Wire.Inner.deep -> Function:wire.ts:Wire.encode [same-file]',
    'Function:wire.ts:Wire.again -> Function:wire.ts:Wire.Inner.deep [same-file]',
    'Function:wire.ts:Wire.again -> Function:wire.ts:Wire.encode [same-file]',
    'Function:wire.ts:Wire.frame -> Function:wire.ts:Wire.checksum [same-file]',
    'Function:wire.ts:Wire.frame -> Function:wire.ts:Wire.encode [same-file]',
    'Function:wire.ts:top -> Function:wire.ts:Wire.Inner.deep [same-file]',
    'Function:wire.ts:top -> Function:wire.ts:Wire.frame [same-file]',
    'Function:wire.ts:top -> Function:wire.ts:encode [same-file]',
    'Method:shapes.ts:Shapes.Square.run -> Method:shapes.ts:Shapes.Base.draw [same-file]',
  ],
  // The class is the caller of the call in its own heritage clause.
  'calls-class-heritage-call': ['Class:classes.ts:Mixed -> Function:mixin.ts:mixin [import]'],
  // `["Left"]() {}` is the method Left; `[Symbol.iterator]` keeps its written name.
  'calls-computed-names': ['Function:use.ts:left -> Method:either.ts:Either.Left [type]', 'Method:either.ts:Either.[Symbol.iterator] -> Method:either.ts:Either.Left [same-file]'],
  // The edges go to the code that runs: x.js beside x.d.ts, a package's main beside its types.
  'imports-declaration-beside': [
    'Function:use.ts:main -> Function:lib/format.ts:format [import]',
    'Function:use.ts:main -> Function:lib/toDate.js:toDate [import]',
    'Function:use.ts:main -> Function:pkg/index.js:fromPkg [import]',
  ],
  // A `const` typed by what it was initialised from: a field of this, this itself, a call's
  // declared return type, a typed local's field (by a path or by destructuring); other.ts has the
  // same method names, so no name alone could link them.
  'calls-local-init': [
    'Class:shape.ts:Shape -> Class:shape.ts:Geo [same-file]',
    'Function:shape.ts:destructured -> Method:sink.ts:Sink.close [type]',
    'Function:shape.ts:throughPath -> Method:sink.ts:Sink.close [type]',
    'Function:sink.ts:makeSink -> Class:sink.ts:Sink [same-file]',
    'Method:shape.ts:Shape.draw -> Function:shape.ts:later [same-file]',
    'Method:shape.ts:Shape.draw -> Function:shape.ts:unknownFactory [same-file]',
    'Method:shape.ts:Shape.draw -> Function:sink.ts:makeSink [import]',
    'Method:shape.ts:Shape.draw -> Method:shape.ts:Geo.scale [type]',
    'Method:shape.ts:Shape.draw -> Method:shape.ts:Shape.make [same-file]',
    'Method:shape.ts:Shape.draw -> Method:shape.ts:Shape.run [same-file]',
    'Method:shape.ts:Shape.draw -> Method:sink.ts:Sink.close [type]',
    'Method:shape.ts:Shape.make -> Function:sink.ts:makeSink [import]',
  ],
  // JavaScript typed by JSDoc: `@param {Layer} l`, `@type {Layer}`, `@returns {Layer}`.
  'calls-jsdoc': [
    'Function:use.js:make -> Class:layer.js:Layer [import]',
    'Function:use.js:paint -> Method:layer.js:Layer.draw [type]',
    'Function:use.js:twice -> Function:use.js:make [same-file]',
    'Function:use.js:twice -> Function:use.js:paint [same-file]',
    'Function:use.js:twice -> Method:layer.js:Layer.draw [type]',
  ],
  // A callback's untyped parameters take the types the callee declares for it (function and
  // constructor parameters of a function type); a type parameter gives nothing.
  'calls-callback-params': [
    'Function:use.ts:arrows -> Class:widget.ts:Observable [import]',
    'Function:use.ts:arrows -> Function:widget.ts:withWidget [import]',
    'Function:use.ts:arrows -> Method:widget.ts:Subscriber.next [type]',
    'Function:use.ts:arrows -> Method:widget.ts:Widget.spin [type]',
    'Function:use.ts:bare -> Class:widget.ts:Observable [import]',
    'Function:use.ts:bare -> Function:widget.ts:withWidget [import]',
    'Function:use.ts:bare -> Method:widget.ts:Subscriber.next [type]',
    'Function:use.ts:bare -> Method:widget.ts:Widget.spin [type]',
    'Function:use.ts:generic -> Function:widget.ts:withAny [import]',
  ],
  // Fluent methods: one that returns `this` (by annotation or by every return) gives the
  // receiver's type to the next call of a chain; one that may return something else does not.
  'calls-fluent': [
    'Function:use.ts:notFluent -> Method:vec.ts:Vec.maybe [type]',
    'Function:use.ts:run -> Method:vec.ts:Vec.add [type]',
    'Function:use.ts:run -> Method:vec.ts:Vec.copy [type]',
    'Function:use.ts:run -> Method:vec.ts:Vec.scale [type]',
    'Method:vec.ts:Vec.maybe -> Class:vec.ts:Vec [same-file]',
  ],
  // `this` said by a `this: Job` parameter, and in JavaScript by the object a function is assigned to.
  'calls-this-idioms': ['Function:app.js:enable -> Function:app.js:configure [repo-wide]', 'Function:job.ts:runIt -> Method:job.ts:Job.run [type]'],
  'calls-class-body': [
    'Class:main.ts:Holder -> Function:main.ts:make [same-file]',
    'File:main.ts -> Function:main.ts:make [same-file]',
    'Method:main.ts:Holder.read -> Function:main.ts:make [same-file]',
  ],
};

describe('CALLS of the fixture repositories', () => {
  for (const [fixture, expected] of Object.entries(cases)) {
    it(fixture, async () => {
      const { edges } = await callsOf(fixture);
      expect(edges).toEqual(expected);
    });
  }

  it('counts the ambiguous name, and the built-ins, as unresolved', async () => {
    expect((await callsOf('calls-ambiguous')).counts).toMatchObject({ found: 1, resolved: 0, 'unresolved.ambiguous': 1 });
    const builtins = (await callsOf('calls-builtins')).counts;
    expect(builtins).toMatchObject({ found: 6, resolved: 1, 'unresolved.builtin': 5 });
  });

  it('leaves the call on an untyped local unresolved as ambiguous', async () => {
    expect((await callsOf('calls-local-init')).counts).toMatchObject({ found: 15, resolved: 13, 'unresolved.ambiguous': 1 });
  });

  it('resolves the two JSDoc-typed receivers of twice, and not the untyped one', async () => {
    expect((await callsOf('calls-jsdoc')).counts).toMatchObject({ found: 7, resolved: 6, 'unresolved.ambiguous': 1 });
  });

  it('leaves the callback parameter typed by a type parameter unresolved', async () => {
    expect((await callsOf('calls-callback-params')).counts).toMatchObject({ found: 10, resolved: 9, 'unresolved.ambiguous': 1 });
  });

  it('counts three sites of the class body as one Class -> make relationship', async () => {
    const { counts } = await callsOf('calls-class-body');
    expect(counts).toMatchObject({ found: 5, resolved: 5, 'resolved.same-file': 5 });
  });
});
