import type { GraphNode } from '../graph/model.js';
import type { SymbolRef } from './model.js';

export function isDefinition(node: GraphNode): boolean {
  return node.label !== 'Project' && node.label !== 'Folder' && node.label !== 'File';
}

/** A node as the diff shows it; a definition is named by its scope path, taken from its id. */
export function symbolRef(node: GraphNode): SymbolRef {
  const file = typeof node.properties['filePath'] === 'string' ? node.properties['filePath'] : undefined;
  const prefix = `${node.label}:${file}:`;
  const name = node.label === 'File' || node.label === 'Folder' ? (file ?? node.id) : file !== undefined && node.id.startsWith(prefix) ? node.id.slice(prefix.length) : String(node.properties['name'] ?? node.id);
  const startLine = node.properties['startLine'];
  const endLine = node.properties['endLine'];
  return {
    id: node.id,
    label: node.label,
    name,
    ...(file !== undefined ? { file } : {}),
    ...(typeof startLine === 'number' ? { startLine } : {}),
    ...(typeof endLine === 'number' ? { endLine } : {}),
  };
}

