// The reference graph: what the TypeScript type checker says each call, import and heritage clause
// refers to, expressed in codegraph's node ids so the two graphs can be compared pair by pair.
import path from 'node:path';
import ts from 'typescript';

const LINE_TOLERANCE = 3;

function compilerOptions() {
  return {
    allowJs: true,
    checkJs: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    // codegraph resolves a folder with no tsconfig as Node does, so the `node` condition of
    // package.json `imports`/`exports` applies; bundler resolution alone has only `import`/`types`.
    customConditions: ['node'],
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
    strict: false,
    // `this` in an object literal's methods is the object, as at run time (not `any`).
    noImplicitThis: true,
  };
}

/** Looks our nodes up by file, name and a nearby start line. */
function nodeTable(nodes) {
  const byName = new Map();
  for (const n of nodes) {
    const p = n.properties;
    if (typeof p.filePath !== 'string' || typeof p.name !== 'string' || typeof p.startLine !== 'number') continue;
    const key = `${p.filePath}\0${p.name}`;
    const list = byName.get(key) ?? [];
    list.push(n);
    byName.set(key, list);
  }
  return (file, name, labels, line) => {
    let best;
    let bestDistance = LINE_TOLERANCE + 1;
    for (const n of byName.get(`${file}\0${name}`) ?? []) {
      if (!labels.includes(n.label)) continue;
      const distance = Math.abs(n.properties.startLine - line);
      if (distance < bestDistance) [best, bestDistance] = [n, distance];
    }
    return best?.id;
  };
}

/** Our Method `owner.name` in `file`, when there is exactly one. */
function memberTable(nodes) {
  const members = new Map();
  for (const n of nodes) {
    if (n.label !== 'Method' || typeof n.properties.owner !== 'string') continue;
    const key = `${n.properties.filePath}\0${n.properties.owner}\0${n.properties.name}`;
    members.set(key, members.has(key) ? null : n.id);
  }
  return (file, owner, name) => members.get(`${file}\0${owner}\0${name}`) ?? undefined;
}

function nameText(name) {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return `[${name.expression.getText()}]`;
  return undefined;
}

/** `(() => …) as T`, `(function () {})`, `fn!`: the node whose parent names the function. */
function outerExpression(node) {
  let cur = node;
  while (
    ts.isParenthesizedExpression(cur.parent) ||
    ts.isAsExpression(cur.parent) ||
    ts.isSatisfiesExpression(cur.parent) ||
    ts.isTypeAssertionExpression(cur.parent) ||
    ts.isNonNullExpression(cur.parent)
  ) {
    cur = cur.parent;
  }
  return cur;
}

/**
 * A module resolution host that sees nothing outside `root`: only that folder is indexed, so a
 * package.json above it (its `imports` map, `#internal` specifiers) does not exist for codegraph
 * either, and an edge resolved through it could not be drawn by anyone reading the folder.
 */
function confinedHost(root) {
  const inside = (p) => {
    const rel = path.relative(root, p);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  return {
    ...ts.sys,
    fileExists: (p) => inside(p) && ts.sys.fileExists(p),
    readFile: (p, encoding) => (inside(p) ? ts.sys.readFile(p, encoding) : undefined),
    directoryExists: (p) => inside(p) && ts.sys.directoryExists(p),
  };
}

export function buildReference({ root, files, nodes }) {
  const absFiles = files.map((f) => path.join(root, f));
  const fileSet = new Set(files);
  const options = compilerOptions();
  const program = ts.createProgram(absFiles, options);
  const checker = program.getTypeChecker();
  const lookup = nodeTable(nodes);
  const lookupMember = memberTable(nodes);
  const relOf = (sf) => {
    const rel = path.relative(root, sf.fileName).split(path.sep).join('/');
    return fileSet.has(rel) ? rel : undefined;
  };
  const lineOf = (node) => {
    const sf = node.getSourceFile();
    return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  };

  /** Our node for a declaration; `callee` refuses what a call cannot target (getters, fields without functions). */
  function declNode(decl, callee) {
    const sf = decl.getSourceFile();
    const rel = relOf(sf);
    if (!rel) return undefined;
    const at = (name, labels, node = decl) => (name === undefined ? undefined : lookup(rel, name, labels, lineOf(node)));
    switch (decl.kind) {
      case ts.SyntaxKind.Constructor:
        return declNode(decl.parent, callee);
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression: {
        const own = at(nameText(decl.name), ['Class']);
        if (own || !ts.isClassExpression(decl)) return own;
        return ts.isVariableDeclaration(decl.parent) ? at(nameText(decl.parent.name), ['Class'], decl.parent) : undefined;
      }
      case ts.SyntaxKind.InterfaceDeclaration:
        return at(nameText(decl.name), ['Interface']);
      case ts.SyntaxKind.FunctionDeclaration:
        return at(nameText(decl.name), ['Function']);
      case ts.SyntaxKind.MethodDeclaration:
      case ts.SyntaxKind.MethodSignature:
        return at(nameText(decl.name), ['Method', 'Function']);
      case ts.SyntaxKind.GetAccessor:
      case ts.SyntaxKind.SetAccessor:
        return callee ? undefined : at(nameText(decl.name), ['Method']);
      case ts.SyntaxKind.VariableDeclaration:
        return at(nameText(decl.name), ['Function', 'Class']);
      case ts.SyntaxKind.PropertyDeclaration: {
        // A declared property whose function value is assigned elsewhere in the class
        // (`this.x = () => …`): our Method of that class and name stands for the property.
        const name = nameText(decl.name);
        const owner = ts.isClassLike(decl.parent) ? nameText(decl.parent.name) : undefined;
        return at(name, ['Method', 'Function']) ?? (owner && name ? lookupMember(rel, owner, name) : undefined);
      }
      case ts.SyntaxKind.PropertyAssignment:
        return at(nameText(decl.name), ['Method', 'Function']);
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression: {
        const own = ts.isFunctionExpression(decl) ? nameText(decl.name) : undefined;
        const parent = outerExpression(decl).parent;
        if (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) {
          return declNode(parent, callee);
        }
        if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(parent.left)) {
          return at(parent.left.name.text, ['Method', 'Function'], parent);
        }
        return own ? at(own, ['Function']) : undefined;
      }
      case ts.SyntaxKind.BinaryExpression:
        return ts.isPropertyAccessExpression(decl.left) ? at(decl.left.name.text, ['Method', 'Function']) : undefined;
      case ts.SyntaxKind.PropertyAccessExpression:
        return ts.isBinaryExpression(decl.parent) ? declNode(decl.parent, callee) : undefined;
      default:
        return undefined;
    }
  }

  /** Overload signatures stand for their implementation. */
  function implementationOf(decl) {
    if ((ts.isMethodDeclaration(decl) || ts.isFunctionDeclaration(decl)) && !decl.body && decl.symbol) {
      return decl.symbol.declarations?.find((d) => d.kind === decl.kind && d.body) ?? decl;
    }
    return decl;
  }

  function symbolDeclaration(node) {
    let sym = checker.getSymbolAtLocation(node);
    if (!sym) return undefined;
    if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    const decls = sym.declarations ?? [];
    // A union's member: several unrelated declarations. The checker itself cannot say which one runs.
    if (new Set(decls.map((d) => d.parent)).size > 1) return undefined;
    return sym.valueDeclaration ?? decls[0];
  }

  /**
   * The signature's declaration; when that is not a node of ours (a function type annotation
   * such as `let f: () => void = …`, a JSDoc signature), the declaration of the callee's symbol.
   */
  function calleeOf(call) {
    // `new X()` calls the class X (even when X inherits its constructor); `super()` the base class.
    if (ts.isNewExpression(call) || (ts.isCallExpression(call) && call.expression.kind === ts.SyntaxKind.SuperKeyword)) {
      const cls = constructedClass(call);
      if (cls) return declNode(cls, true);
    }
    let decl;
    try {
      decl = checker.getResolvedSignature(call)?.declaration;
    } catch {
      decl = undefined;
    }
    const viaSignature = decl ? declNode(implementationOf(decl), true) : undefined;
    if (viaSignature) return viaSignature;
    // A signature declared in a dependency or the standard library is not a repo callee.
    if (decl && !relOf(decl.getSourceFile())) return undefined;
    const expr = ts.isTaggedTemplateExpression(call) ? call.tag : call.expression;
    const target = ts.isPropertyAccessExpression(expr) ? expr.name : expr;
    const symbolDecl = symbolDeclaration(target);
    return symbolDecl ? declNode(implementationOf(symbolDecl), true) : undefined;
  }

  function declaredInRepo(call) {
    let decl;
    try {
      decl = checker.getResolvedSignature(call)?.declaration;
    } catch {
      decl = undefined;
    }
    if (!decl) {
      const expr = ts.isTaggedTemplateExpression(call) ? call.tag : call.expression;
      decl = symbolDeclaration(ts.isPropertyAccessExpression(expr) ? expr.name : expr);
    }
    return decl !== undefined && relOf(decl.getSourceFile()) !== undefined;
  }

  function constructedClass(call) {
    let expr = call.expression;
    if (expr.kind === ts.SyntaxKind.SuperKeyword) {
      const cls = ts.findAncestor(call, ts.isClassLike);
      const base = cls?.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      if (!base) return undefined;
      expr = base.expression;
    }
    const decl = symbolDeclaration(ts.isPropertyAccessExpression(expr) ? expr.name : expr);
    return decl && ts.isClassLike(decl) ? decl : undefined;
  }

  /** The class or interface a heritage clause names (a name may be both a value and a type). */
  function heritageBase(node) {
    let sym = checker.getSymbolAtLocation(node);
    if (!sym) return undefined;
    if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    for (const decl of sym.declarations ?? []) {
      if (ts.isClassLike(decl) || ts.isInterfaceDeclaration(decl)) {
        const id = declNode(decl, false);
        if (id) return id;
      }
    }
    return undefined;
  }

  function callerOf(node, rel) {
    for (let cur = node.parent; cur; cur = cur.parent) {
      if (ts.isClassLike(cur) || (ts.isFunctionLike(cur) && cur.kind !== ts.SyntaxKind.Constructor)) {
        const id = declNode(cur, false);
        if (id) return id;
      }
    }
    return `File:${rel}`;
  }

  const calls = new Set();
  /** pair -> `file:line` of its first call site, to show where a missed call is. */
  const callSites = new Map();
  const imports = new Set();
  const inherits = new Set();
  const implementsSet = new Set();
  // callsUnmapped: the checker names a declaration in the repo that is not a node of ours (a
  // property signature, an anonymous function, a parameter): those pairs are out of the scoring.
  const stats = { callSites: 0, callsMapped: 0, callsUnmapped: 0, importsResolved: 0, importsMapped: 0 };
  const unmappedSamples = [];

  const host = confinedHost(root);
  const importTarget = (spec, fromAbs) => {
    const resolved = ts.resolveModuleName(spec, fromAbs, options, host).resolvedModule;
    if (!resolved) return undefined;
    stats.importsResolved++;
    let rel = path.relative(root, resolved.resolvedFileName).split(path.sep).join('/');
    // './x.js' resolves to x.d.ts for the checker; at run time (and for us) it is x.js.
    if (rel.endsWith('.d.ts') && !fileSet.has(rel)) rel = rel.slice(0, -'.d.ts'.length) + '.js';
    return fileSet.has(rel) ? rel : undefined;
  };

  for (const rel of files) {
    const sf = program.getSourceFile(path.join(root, rel));
    if (!sf) continue;
    const visit = (node) => {
      let spec;
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        spec = node.moduleSpecifier.text;
      } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
        spec = node.moduleReference.expression.text;
      } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0])) {
        const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
        if (isRequire || node.expression.kind === ts.SyntaxKind.ImportKeyword) spec = node.arguments[0].text;
      }
      if (spec !== undefined) {
        const target = importTarget(spec, sf.fileName);
        if (target) {
          stats.importsMapped++;
          imports.add(`File:${rel}->File:${target}`);
        }
      }
      if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) {
        const isImportCall = ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword;
        if (!isImportCall) {
          stats.callSites++;
          const callee = calleeOf(node);
          if (!callee && declaredInRepo(node)) {
            stats.callsUnmapped++;
            if (unmappedSamples.length < 30) unmappedSamples.push(`${rel}:${lineOf(node)}: ${node.getText(sf).split('\n')[0].slice(0, 80)}`);
          }
          if (callee) {
            stats.callsMapped++;
            const pair = `${callerOf(node, rel)}->${callee}`;
            calls.add(pair);
            if (!callSites.has(pair)) callSites.set(pair, `${rel}:${lineOf(node)}: ${node.getText(sf).split('\n')[0].slice(0, 100)}`);
          }
        }
      }
      if ((ts.isClassLike(node) || ts.isInterfaceDeclaration(node)) && node.heritageClauses) {
        const self = declNode(node, false);
        for (const clause of node.heritageClauses) {
          for (const t of clause.types) {
            const expr = t.expression;
            const base = heritageBase(ts.isPropertyAccessExpression(expr) ? expr.name : expr);
            if (!self || !base) continue;
            const isClass = ts.isClassLike(node);
            const implementing = isClass && clause.token === ts.SyntaxKind.ImplementsKeyword;
            // Only the ends our model has: INHERITS Class->Class and Interface->Interface,
            // IMPLEMENTS Class->Interface|Class (an interface extending a class is left out).
            const [from, to] = [self.split(':')[0], base.split(':')[0]];
            if (implementing ? from === 'Class' : from === to) (implementing ? implementsSet : inherits).add(`${self}->${base}`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { CALLS: calls, IMPORTS: imports, INHERITS: inherits, IMPLEMENTS: implementsSet, callSites, stats, unmappedSamples };
}
