#!/usr/bin/env node
// Lint Cypher statements with Neo4j's own Cypher parser and semantic analysis
// (@neo4j-cypher/language-support), as a Neo4j 5 server would see them.
//
// stdin:  {"queries": [{"name", "text", "params": ["a", ...]}],
//          "schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...],
//                     "graphSchema": [{"from", "to", "relType"}]   (optional)},
//          "cypherVersion": "CYPHER 5"   (optional)}
// stdout: {"package": "<name>@<version>", "cypherVersion", "functions", "procedures",
//          "results": [{"name", "statements", "paramsUsed": [...],
//                       "diagnostics": [{"severity", "message", "line", "column", "offset"}]}]}
//
// One process lints every statement: the parser and the semantic analyser are
// loaded once, which is what keeps the Python test fast.
//
// The database schema handed to the linter is the project's own whitelist
// (graph/schema.py) plus Neo4j's built-in functions and procedures. Plugin
// namespaces (APOC, Graph Data Science) are left out on purpose: the project
// must run on a bare Neo4j and on ArcadeDB, so a call to one of them has to
// show up as "unknown function/procedure".
//
// Each statement is linted with exactly the parameters its header declares, so
// "Parameter $x is not defined" means the header and the body disagree.

import { readFileSync } from 'node:fs';
import {
  lintCypherQuery,
  parseParameters,
  parseStatementsStrs,
  testData,
} from '@neo4j-cypher/language-support';

const PLUGIN_PREFIXES = ['apoc.', 'gds.'];
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function builtIns(registry) {
  return Object.fromEntries(
    Object.entries(registry ?? {}).filter(
      ([name]) => !PLUGIN_PREFIXES.some((prefix) => name.startsWith(prefix)),
    ),
  );
}

function packageVersion() {
  // The package's "exports" map hides its package.json from import/require.
  const url = new URL('./node_modules/@neo4j-cypher/language-support/package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8'));
  return `${pkg.name}@${pkg.version}`;
}

function main() {
  const input = JSON.parse(readFileSync(0, 'utf8'));
  const version = input.cypherVersion ?? 'CYPHER 5';
  // The package's mock schema carries the signatures of a Neo4j 5 server with
  // plugins installed; it is the only offline source of built-in signatures.
  const functions = builtIns(testData.mockSchema.functions?.[version]);
  const procedures = builtIns(testData.mockSchema.procedures?.[version]);
  if (Object.keys(functions).length === 0) {
    throw new Error(`no function signatures for ${version} in this package version`);
  }
  const schema = input.schema ?? {};
  const base = {
    labels: schema.labels ?? [],
    relationshipTypes: schema.relationshipTypes ?? [],
    propertyKeys: schema.propertyKeys ?? [],
    functions: { [version]: functions },
    procedures: { [version]: procedures },
    defaultLanguage: version,
  };
  if (schema.graphSchema) base.graphSchema = schema.graphSchema;

  const results = input.queries.map(({ name, text, params }) => {
    const dbSchema = {
      ...base,
      parameters: Object.fromEntries((params ?? []).map((p) => [p, null])),
    };
    const { diagnostics } = lintCypherQuery(text, dbSchema, { consoleCommandsEnabled: false });
    return {
      name,
      statements: parseStatementsStrs(text).length,
      paramsUsed: parseParameters(text, false),
      diagnostics: diagnostics.map((d) => ({
        severity: SEVERITY[d.severity] ?? String(d.severity),
        message: d.message,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        offset: d.offsets.start,
      })),
    };
  });
  process.stdout.write(
    JSON.stringify({
      package: packageVersion(),
      cypherVersion: version,
      functions: Object.keys(functions).length,
      procedures: Object.keys(procedures).length,
      results,
    }),
  );
}

main();
