import type { ParsedUnit } from './parsed-unit.js';

/**
 * A unit as one line of JSON, as the parse cache stores it (its file as the path alone). Here,
 * with the units, so that the parse workers can make the line while the unit is whole and the
 * cache (storage/parse-cache.ts) writes it as it is.
 */
export function unitLine(unit: ParsedUnit): string {
  const { file, ...rest } = unit;
  return `${JSON.stringify({ relPath: file.relPath, ...rest })}\n`;
}
