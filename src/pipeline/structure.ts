import { fileId, folderId, projectId, relationshipId } from '../graph/ids.js';
import type { GraphNode, GraphRelationship } from '../graph/model.js';
import type { ParsedUnit } from '../model/parsed-unit.js';
import type { PhaseOutput } from '../model/phases.js';

/**
 * Project, Folder and File nodes and the CONTAINS tree between them. Only folders that hold an
 * indexed file (directly or below) appear; top-level entries hang off the Project. `packagesOf`
 * names the packages outside the repository a file imports (its File node's `packages`).
 */
export function buildStructure(root: string, units: readonly ParsedUnit[], packagesOf?: (unit: ParsedUnit) => readonly string[]): PhaseOutput {
  const project = projectId(root);
  const nodes: GraphNode[] = [{ id: project, label: 'Project', properties: { name: root } }];
  const relationships: GraphRelationship[] = [];
  const folders = new Set<string>();

  const parentOf = (relPath: string): string => {
    const slash = relPath.lastIndexOf('/');
    return slash < 0 ? project : folderId(relPath.slice(0, slash));
  };
  const contain = (parent: string, child: string): void => {
    relationships.push({ id: relationshipId('CONTAINS', parent, child), type: 'CONTAINS', source: parent, target: child, properties: {} });
  };
  const addFolder = (relPath: string): void => {
    if (folders.has(relPath)) return;
    folders.add(relPath);
    const slash = relPath.lastIndexOf('/');
    if (slash >= 0) addFolder(relPath.slice(0, slash));
    const id = folderId(relPath);
    nodes.push({ id, label: 'Folder', properties: { name: relPath.slice(slash + 1), filePath: relPath } });
    contain(parentOf(relPath), id);
  };

  let skipped = 0;
  let syntaxErrors = 0;
  for (const unit of units) {
    const { relPath, language, size } = unit.file;
    const slash = relPath.lastIndexOf('/');
    if (slash >= 0) addFolder(relPath.slice(0, slash));
    const id = fileId(relPath);
    const status = unit.status;
    if (status.kind === 'skipped') skipped++;
    else if (status.syntaxErrorLine !== undefined) syntaxErrors++;
    nodes.push({
      id,
      label: 'File',
      properties: {
        name: relPath.slice(slash + 1),
        filePath: relPath,
        language,
        size,
        lines: unit.lines,
        hash: unit.hash,
        skipped: status.kind === 'skipped' ? status.reason : undefined,
        syntaxErrorLine: status.kind === 'parsed' ? status.syntaxErrorLine : undefined,
        packages: packagesOf?.(unit),
      } as GraphNode['properties'],
    });
    contain(parentOf(relPath), id);
  }
  return {
    fragment: { nodes, relationships },
    diagnostics: [],
    counts: { files: units.length, folders: folders.size, skipped, syntaxErrors },
  };
}
