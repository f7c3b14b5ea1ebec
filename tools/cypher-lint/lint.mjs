#!/usr/bin/env node
// Lint Cypher statements with Neo4j's own Cypher parser and semantic analysis
// (@neo4j-cypher/language-support), as a Neo4j 5 server would see them.
//
// stdin:  {"queries": [{"name", "text", "params": ["a", ...]}],
//          "schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...],
//                     "graphSchema": [{"from", "to", "relType"}]   (optional)},
//          "cypherVersion": "CYPHER 5"   (optional)}
// stdout: {"package": "<name>@<version>", "cypherVersion", "functions", "procedures", "workers",
//          "results": [{"name", "statements", "paramsUsed": [...],
//                       "diagnostics": [{"severity", "message", "line", "column", "offset"}]}]}
//
// One process lints every statement: the parser and Neo4j's semantic analyser
// (compiled from the server's Java front end, most of the cost) load once per
// worker thread, and the statements are shared out over the machine's cores.
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
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  lintCypherQuery,
  parseParameters,
  parseStatementsStrs,
  testData,
} from '@neo4j-cypher/language-support';

// A worker pays ~1 s to load the analyser; below this many statements per
// worker, extra threads cost more than they save.
const MIN_PER_WORKER = 8;
const MAX_WORKERS = 4;
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

function baseSchema(input) {
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
  return base;
}

function lintAll(queries, base) {
  return queries.map(({ name, text, params }) => {
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
}

function runWorker(input, queries) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { ...input, queries },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`lint worker exited with ${code}`));
    });
  });
}

async function main() {
  const input = JSON.parse(readFileSync(0, 'utf8'));
  const base = baseSchema(input);
  const queries = input.queries ?? [];
  const workers = Math.max(
    1,
    Math.min(MAX_WORKERS, availableParallelism(), Math.floor(queries.length / MIN_PER_WORKER)),
  );
  let results;
  if (workers === 1) {
    results = lintAll(queries, base);
  } else {
    // round-robin, so long and short statements spread evenly
    const chunks = Array.from({ length: workers }, (_, w) =>
      queries.filter((_, i) => i % workers === w),
    );
    const parts = await Promise.all(chunks.map((chunk) => runWorker(input, chunk)));
    // statement i went to worker i % workers, as its (i / workers)-th
    results = queries.map((_, i) => parts[i % workers][Math.floor(i / workers)]);
  }
  process.stdout.write(
    JSON.stringify({
      package: packageVersion(),
      cypherVersion: base.defaultLanguage,
      functions: Object.keys(Object.values(base.functions)[0]).length,
      procedures: Object.keys(Object.values(base.procedures)[0]).length,
      workers,
      results,
    }),
  );
}

if (isMainThread) {
  await main();
} else {
  parentPort.postMessage(lintAll(workerData.queries, baseSchema(workerData)));
}
