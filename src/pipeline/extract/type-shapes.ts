import type { TypeRef } from '../../model/parsed-unit.js';

// Types read from their text, where the syntax table keeps the node closed (array types, type
// arguments and type parameters are opaque in it): arrays of a named type, and type parameter names.

const NAME_PATH = /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\u200c\u200d]*(?:\s*\.\s*[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\u200c\u200d]*)*$/u;

/** `X`, `ns.X`, `X<T>` -> the name path of X; anything else (unions, arrays, literals) -> undefined. */
function namedType(text: string): readonly string[] | undefined {
  let name = text.trim();
  while (name.startsWith('(') && name.endsWith(')')) name = name.slice(1, -1).trim();
  if (name.endsWith('>')) {
    const open = name.indexOf('<');
    if (open < 0) return undefined;
    name = name.slice(0, open).trim();
  }
  return NAME_PATH.test(name) ? name.split('.').map((part) => part.trim()) : undefined;
}

/**
 * An array of a named type, from how it is written: `X[]`, `readonly X[]`, `Array<X>`,
 * `ReadonlyArray<X>`, JSDoc's `Array.<X>`. Arrays of arrays, of unions or of tuples give nothing.
 */
export function arrayTypeFromText(text: string): TypeRef | undefined {
  let body = text.trim().replace(/^readonly\s+/, '');
  if (body.endsWith('[]')) {
    body = body.slice(0, -2).trim();
    if (body.endsWith(']')) return undefined;
  } else {
    const generic = /^(?:Readonly)?Array\s*\.?\s*<([\s\S]*)>$/.exec(body);
    if (!generic) return undefined;
    body = generic[1]!;
    if (/[,[\]|&]/.test(body.replace(/<[^<>]*>/g, ''))) return undefined;
  }
  const path = namedType(body);
  return path ? { path, array: true } : undefined;
}

/** `<T, U extends X = Y>` -> the names declared (T, U); a spare name only makes a caller more careful. */
export function typeParameterNames(text: string): ReadonlySet<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/(?:^\s*<|,)\s*(?:(?:const|in|out)\s+)*([\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$]*)/gu)) names.add(m[1]!);
  return names;
}
