// Plans the synthetic repository: folders, files, their definitions and their imports.
// Everything here is data; emit.mjs turns a planned file into source text.
import { createRandom } from './random.mjs';
import {
  AREAS, MODULES, NOUNS, ROLES, VERBS, TYPE_SUFFIXES, IFACE_SUFFIXES,
  capitalize, pascal, camel, createNameRegistry,
} from './names.mjs';

const FOLDER_SIZE = 20;
export const ALIAS_PREFIX = '@app/';

function layoutFolders(rand, fileCount) {
  const folderCount = Math.max(1, Math.ceil(fileCount / FOLDER_SIZE));
  const areaCount = Math.max(1, Math.round(Math.sqrt(folderCount)));
  const folders = [];
  for (let i = 0; i < folderCount; i++) {
    const areaIndex = i % areaCount;
    const moduleIndex = Math.floor(i / areaCount);
    const area = AREAS[areaIndex % AREAS.length] + (areaIndex >= AREAS.length ? String(Math.floor(areaIndex / AREAS.length) + 1) : '');
    const mod = MODULES[moduleIndex % MODULES.length] + (moduleIndex >= MODULES.length ? String(Math.floor(moduleIndex / MODULES.length) + 1) : '');
    const roll = rand.next();
    // ~70% of the code is TypeScript; a few JS folders are CommonJS.
    const flavor = roll < 0.7 ? 'ts' : roll < 0.92 ? 'esm' : 'cjs';
    folders.push({ index: i, area, dir: `src/${area}/${mod}`, flavor, files: [] });
  }
  // Folders are created round-robin over areas, so sort into path order for a readable plan.
  folders.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  folders.forEach((folder, index) => { folder.index = index; });
  return folders;
}

function fileLang(rand, flavor) {
  if (flavor === 'ts') return rand.chance(0.94) ? 'ts' : 'esm';
  if (flavor === 'esm') return rand.chance(0.85) ? 'esm' : 'ts';
  return 'cjs';
}

const EXT = { ts: '.ts', esm: '.js', cjs: '.cjs' };

function planDefinitions(rand, file, unique) {
  const noun = file.noun;
  const Noun = capitalize(noun);
  const typed = file.lang === 'ts';
  file.interfaces = [];
  file.types = [];
  file.enums = [];
  if (typed) {
    const ifaceCount = rand.int(0, 2);
    for (let i = 0; i < ifaceCount; i++) {
      const methods = rand.sample(VERBS, rand.int(1, 3)).map((v) => v + Noun);
      file.interfaces.push({ name: unique(Noun + rand.pick(IFACE_SUFFIXES)), methods, base: null });
    }
    const typeCount = rand.int(0, 2);
    for (let i = 0; i < typeCount; i++) file.types.push({ name: unique(Noun + rand.pick(TYPE_SUFFIXES)), shape: rand.int(0, 2) });
    if (rand.chance(0.12)) file.enums.push({ name: unique(`${Noun}Kind`), members: rand.sample(['Draft', 'Active', 'Pending', 'Closed', 'Archived', 'Failed'], rand.int(3, 5)) });
  }
  file.functions = [];
  const fnCount = rand.int(2, 4);
  for (let i = 0; i < fnCount; i++) {
    file.functions.push({ name: unique(rand.pick(VERBS) + Noun + (rand.chance(0.4) ? capitalize(rand.pick(NOUNS)) : '')), arrow: rand.chance(0.3), async: rand.chance(0.25), exported: rand.chance(0.8) });
  }
  file.functions[0].exported = true;
  file.classes = [];
  const classCount = rand.chance(typed ? 0.65 : 0.5) ? (rand.chance(0.2) ? 2 : 1) : 0;
  for (let i = 0; i < classCount; i++) {
    const methods = rand.sample(VERBS, rand.int(2, 4)).map((v) => v + (rand.chance(0.5) ? Noun : ''));
    file.classes.push({ name: unique(Noun + pascal(rand.pick(ROLES))), methods, base: null, implements: [] });
  }
  file.consts = [{ name: unique(`DEFAULT_${noun.toUpperCase()}_${rand.pick(['LIMIT', 'TIMEOUT', 'OPTIONS', 'RETRIES', 'PREFIX'])}`) }];
}

/** The value names another file can import from `file`, and the type-only names. */
export function exportedNames(file) {
  const values = [
    ...file.functions.filter((f) => f.exported).map((f) => f.name),
    ...file.classes.map((c) => c.name),
    ...file.consts.map((c) => c.name),
    ...file.enums.map((e) => e.name),
  ];
  const types = [...file.interfaces.map((i) => i.name), ...file.types.map((t) => t.name)];
  return { values, types };
}

function relative(fromDir, toPath) {
  const from = fromDir.split('/');
  const to = toPath.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  const rest = to.slice(common).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

function specifierFor(rand, importer, target, viaBarrel) {
  const sameFolder = importer.folder === target.folder;
  const path = viaBarrel ? target.folder.barrel.relPath : target.relPath;
  if (importer.lang === 'ts' && !sameFolder && rand.chance(0.2)) {
    const dir = path.slice('src/'.length).replace(/\.(ts|js|cjs)$/, '');
    return ALIAS_PREFIX + (viaBarrel ? dir.replace(/\/index$/, '') : dir);
  }
  const rel = relative(importer.folder.dir, path);
  if (importer.lang === 'cjs') return rel;
  if (viaBarrel && target.folder.barrel.lang === 'ts' && importer.lang === 'ts' && rand.chance(0.5)) {
    return rel.replace(/\/index\.ts$/, '');
  }
  if (path.endsWith('.ts')) {
    if (importer.lang === 'ts' && rand.chance(0.5)) return rel.slice(0, -3);
    return rel.slice(0, -3) + '.js';
  }
  return rel;
}

/** Earlier files, indexed so that picking import targets stays linear in the repository size. */
function createEarlierIndex() {
  const byFolder = new Map();
  const byArea = new Map();
  const all = { true: [], false: [] };
  return {
    add(file) {
      const cjs = file.lang === 'cjs';
      if (!byFolder.has(file.folder)) byFolder.set(file.folder, []);
      byFolder.get(file.folder).push(file);
      if (!byArea.has(file.folder.area)) byArea.set(file.folder.area, { true: [], false: [] });
      byArea.get(file.folder.area)[cjs].push(file);
      all[cjs].push(file);
    },
    folder: (folder, cjs) => (byFolder.get(folder) ?? []).filter((f) => (f.lang === 'cjs') === cjs),
    area: (area, cjs) => byArea.get(area)?.[cjs] ?? [],
    all: (cjs) => all[cjs],
  };
}

function chooseTargets(rand, file, earlier) {
  const count = rand.int(2, 5);
  const chosen = new Set();
  const cjs = file.lang === 'cjs';
  for (let attempt = 0; attempt < count * 3 && chosen.size < count; attempt++) {
    const roll = rand.next();
    let pool;
    if (roll < 0.55) pool = earlier.folder(file.folder, cjs);
    else if (roll < 0.8) pool = earlier.area(file.folder.area, cjs);
    else pool = earlier.all(cjs);
    if (pool.length === 0) continue;
    // Prefer recent files so imports stay local in big trees.
    const window = pool.slice(-200);
    chosen.add(rand.pick(window));
  }
  return [...chosen].sort((a, b) => a.index - b.index);
}

function planImports(rand, file, targets, nsUsed) {
  file.imports = [];
  for (const target of targets) {
    const barrel = target.folder.barrel;
    const viaBarrel = Boolean(barrel) && target.folder !== file.folder && barrel.reexports.has(target) && rand.chance(0.35);
    const { values, types } = exportedNames(target);
    const typedTarget = target.lang === 'ts' && file.lang === 'ts';
    const canTypes = typedTarget && (!viaBarrel || barrel.star.has(target));
    const specifier = specifierFor(rand, file, target, viaBarrel);
    let namespace = null;
    if (file.lang !== 'cjs' && !viaBarrel && rand.chance(0.15)) {
      let alias = camel(target.name);
      while (nsUsed.has(alias)) alias += 'Ns';
      nsUsed.add(alias);
      namespace = alias;
    }
    const names = namespace ? [] : rand.sample(values, rand.int(1, Math.min(3, values.length)));
    const typeNames = canTypes && !namespace ? rand.sample(types, rand.int(0, Math.min(2, types.length))) : [];
    let cjsStyle = null;
    if (file.lang === 'cjs') {
      cjsStyle = rand.chance(0.6) ? 'destructure' : 'module';
      if (cjsStyle === 'module') {
        let alias = camel(target.name);
        while (nsUsed.has(alias)) alias += 'Module';
        nsUsed.add(alias);
        namespace = alias;
      }
    }
    // `const mod = require(…)` binds the module only: its names are reached as `mod.name`.
    const bound = cjsStyle === 'module' ? [] : names;
    file.imports.push({ target, viaBarrel, specifier, names: bound, typeNames, namespace, cjsStyle });
  }
}

function planHeritage(rand, file) {
  const importedClasses = [];
  const importedInterfaces = [];
  for (const imp of file.imports) {
    for (const name of imp.names) {
      const cls = imp.target.classes.find((c) => c.name === name);
      if (cls) importedClasses.push(cls);
    }
    for (const name of imp.typeNames) {
      const iface = imp.target.interfaces.find((i) => i.name === name);
      if (iface) importedInterfaces.push(iface);
    }
  }
  for (const cls of file.classes) {
    if (importedClasses.length > 0 && rand.chance(0.45)) cls.base = rand.pick(importedClasses);
    const local = file.interfaces.filter((i) => rand.chance(0.5));
    const foreign = importedInterfaces.length > 0 && rand.chance(0.4) ? [rand.pick(importedInterfaces)] : [];
    cls.implements = [...new Set([...local, ...foreign])];
  }
  file.interfaces.forEach((iface, i) => {
    if (i > 0 && rand.chance(0.4)) iface.base = file.interfaces[0];
    else if (importedInterfaces.length > 0 && rand.chance(0.3)) iface.base = rand.pick(importedInterfaces);
  });
}

function planBarrel(rand, folder, unique) {
  const members = folder.files.filter((f) => !f.isBarrel);
  const lang = folder.flavor === 'cjs' ? 'cjs' : folder.flavor === 'esm' ? 'esm' : 'ts';
  const barrel = {
    index: -1, folder, name: 'index', noun: 'index', lang, isBarrel: true,
    relPath: `${folder.dir}/index${EXT[lang]}`, reexports: new Set(), star: new Set(),
  };
  for (const member of members) {
    if ((lang === 'cjs') !== (member.lang === 'cjs')) continue;
    if (!rand.chance(0.8)) continue;
    barrel.reexports.add(member);
    if (lang === 'ts' && member.lang === 'ts' && rand.chance(0.6)) barrel.star.add(member);
  }
  unique('index');
  return barrel;
}

/** Builds the whole plan. Files are in dependency order: each imports only earlier files. */
export function planRepository({ files: fileCount, seed }) {
  const rand = createRandom(seed);
  const unique = createNameRegistry();
  const folders = layoutFolders(rand, fileCount);
  const perFolder = Math.ceil(fileCount / folders.length);
  let remaining = fileCount;
  const all = [];
  for (const folder of folders) {
    const size = Math.min(perFolder, remaining - (folders.length - folder.index - 1));
    remaining -= size;
    const withBarrel = size >= 5 && rand.chance(0.6);
    const plain = withBarrel ? size - 1 : size;
    const usedBases = new Set();
    for (let i = 0; i < plain; i++) {
      let noun;
      let base;
      do {
        noun = rand.pick(NOUNS);
        base = `${noun}-${rand.pick(ROLES)}`;
      } while (usedBases.has(base) || base === 'index');
      usedBases.add(base);
      const lang = fileLang(rand, folder.flavor);
      const file = { index: all.length, folder, name: base, noun, lang, isBarrel: false, relPath: `${folder.dir}/${base}${EXT[lang]}` };
      folder.files.push(file);
      all.push(file);
    }
    if (withBarrel) folder.pendingBarrel = true;
  }
  // Definitions first (so names are fixed), then imports in file order.
  for (const file of all) planDefinitions(rand, file, unique);
  const earlier = createEarlierIndex();
  let cursor = 0;
  for (const folder of folders) {
    for (const file of folder.files) {
      const targets = chooseTargets(rand, file, earlier);
      planImports(rand, file, targets, new Set());
      planHeritage(rand, file);
      earlier.add(file);
      cursor++;
    }
    // The barrel is written after its folder, so only later folders import through it.
    if (folder.pendingBarrel) {
      folder.barrel = planBarrel(rand, folder, unique);
      delete folder.pendingBarrel;
    }
  }
  const files = [];
  for (const folder of folders) {
    files.push(...folder.files);
    if (folder.barrel) files.push(folder.barrel);
  }
  return { folders, files, seed: String(seed), requested: fileCount, planned: cursor };
}
