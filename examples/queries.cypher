// Five questions to ask the example's graph (Kuzu Cypher). Index it first:
//   npx codegraph index examples/shop
// then run one by number, e.g. the second:  node examples/query.mjs 2
// Node tables: Project Folder File Function Class Method Variable Interface Type Enum.
// Relationship tables: CONTAINS DEFINES IMPORTS CALLS INHERITS IMPLEMENTS.

// 1. Who calls toMoney? Each caller (a Function, Method, Class body or File's top level), the line of its first call, and how the call was resolved.
MATCH (caller)-[c:CALLS]->(f:Function {name: 'toMoney'})
RETURN label(caller) AS kind, caller.name AS caller, caller.filePath AS file, c.line AS line, c.stage AS stage, c.confidence AS confidence
ORDER BY file, line;

// 2. What can OrderService.placeOrder reach, one to three calls deep? (`new X()` leads into X's class-body code.)
MATCH (m:Method {owner: 'OrderService', name: 'placeOrder'})-[:CALLS*1..3]->(callee)
RETURN DISTINCT label(callee) AS kind, callee.name AS name, callee.filePath AS file
ORDER BY file, name;

// 3. Which classes are Identifiable: they implement it, an interface that extends it, or inherit such a class?
MATCH (c:Class)-[:INHERITS*0..3]->(:Class)-[:IMPLEMENTS]->(:Interface)-[:INHERITS*0..3]->(i:Interface {name: 'Identifiable'})
RETURN DISTINCT c.name AS class, c.filePath AS file
ORDER BY class;

// 4. Which files import src/core/money.ts directly, or import a barrel that re-exports it (up to two barrels deep)?
MATCH (f:File)-[i:IMPORTS]->(b:File)-[:IMPORTS*0..2 (r, n | WHERE list_contains(r.kinds, 're-export'))]->(m:File {filePath: 'src/core/money.ts'})
RETURN DISTINCT f.filePath AS importer, CASE WHEN b = m THEN 'direct' ELSE 'via ' + b.filePath END AS how, i.kinds AS kinds, i.line AS line
ORDER BY importer, how;

// 5. Exported functions that nothing in the repository calls: entry points, public API, or dead code.
MATCH (f:Function)
WHERE f.exported AND NOT EXISTS { MATCH ()-[:CALLS]->(f) }
RETURN f.name AS name, f.filePath AS file, f.startLine AS line
ORDER BY file, line;
