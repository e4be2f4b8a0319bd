#!/usr/bin/env node
// Run the official AsyncAPI parser on exported documents, as users run it: @asyncapi/parser with
// the Avro and Protobuf schema parsers registered.
//
//   node tests/js/parse.mjs FILE_OR_FOLDER...
//
// A folder stands for every *.yaml, *.yml and *.json file under it (recursively). For each file,
// one JSON line on stdout:
//
//   {"file": "...", "errors": [{"code", "message", "path"}], "warnings": N, "warning_codes": {...}}
//
// Diagnostics of severity error (0) are errors; warnings are counted (with their codes). An
// exception thrown while parsing a file, or a parse that yields no document, is an error of that
// file, never a crash of the run. Exit code: 0 when no file has an error, 1 when one has, 2 on a
// usage error.
//
// No network: every TCP connection, DNS lookup and fetch() in this process throws, and an http(s)
// $ref the parser tries to follow is reported as a `harness-remote-ref` error of its file.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import dns from 'node:dns';
import net from 'node:net';
import path from 'node:path';

// ---- no network, whatever a dependency tries -----------------------------------------------
class NetworkBlocked extends Error {
  constructor(what) {
    super(`network access is blocked in the parser harness (${what})`);
    this.name = 'NetworkBlocked';
  }
}
net.Socket.prototype.connect = function blockedConnect() {
  throw new NetworkBlocked('socket connect');
};
dns.lookup = function blockedLookup(host) {
  throw new NetworkBlocked(`dns lookup of ${host}`);
};
dns.promises.lookup = async function blockedLookup(host) {
  throw new NetworkBlocked(`dns lookup of ${host}`);
};
globalThis.fetch = async function blockedFetch(url) {
  throw new NetworkBlocked(`fetch ${url}`);
};

// ---- the parser, as users set it up ---------------------------------------------------------
const require = createRequire(import.meta.url);
const { Parser } = require('@asyncapi/parser');
const { AvroSchemaParser } = require('@asyncapi/avro-schema-parser');
const { ProtoBuffSchemaParser } = require('@asyncapi/protobuf-schema-parser');

let remoteRefs = []; // http(s) $refs the parser tried to follow for the current file

function remoteResolver(schema) {
  return {
    schema,
    order: 1, // before the parser's own http(s) reader
    canRead: true,
    read(uri) {
      const target = String(uri);
      remoteRefs.push(target);
      throw new NetworkBlocked(`$ref ${target}`);
    },
  };
}

const parser = new Parser({
  schemaParsers: [AvroSchemaParser(), ProtoBuffSchemaParser()],
  __unstable: { resolver: { cache: false, resolvers: [remoteResolver('http'), remoteResolver('https')] } },
});

const ERROR = 0;
const WARNING = 1;

function shortMessage(message) {
  // an uncaught error's message embeds the whole stack: keep its first frames
  const text = String(message);
  const at = text.indexOf(', stack: ');
  if (at < 0) return text;
  const frames = text.slice(at + ', stack: '.length).split('\n').slice(1, 4).map((l) => l.trim());
  return `${text.slice(0, at)} [${frames.join(' | ')}]`;
}

function errorEntry(code, message, pathSegments = []) {
  return { code: String(code), message: shortMessage(message), path: pathSegments.map(String) };
}

async function parseFile(file) {
  remoteRefs = [];
  const errors = [];
  const warningCodes = {};
  let warnings = 0;
  try {
    const text = readFileSync(file, 'utf8');
    const { document, diagnostics } = await parser.parse(text, { source: path.resolve(file) });
    for (const d of diagnostics) {
      if (d.severity === ERROR) {
        errors.push(errorEntry(d.code, d.message, d.path ?? []));
      } else if (d.severity === WARNING) {
        warnings += 1;
        warningCodes[d.code] = (warningCodes[d.code] ?? 0) + 1;
      }
    }
    if (document === undefined && errors.length === 0) {
      // the parser swallows a thrown non-Error value and returns no document and no diagnostic
      errors.push(errorEntry('harness-no-document', 'the parser returned no document'));
    }
  } catch (err) {
    errors.push(errorEntry('harness-exception', err && err.stack ? err.stack.split('\n').slice(0, 4).join(' | ') : String(err)));
  }
  for (const uri of [...new Set(remoteRefs)]) {
    errors.push(errorEntry('harness-remote-ref', `the parser tried to fetch the remote $ref ${uri}`));
  }
  return { file, errors, warnings, warning_codes: warningCodes };
}

function collect(target, out) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    out.push(target); // reported as an error of that file
    return;
  }
  if (stat.isDirectory()) {
    for (const name of readdirSync(target).sort()) {
      const child = path.join(target, name);
      if (statSync(child).isDirectory()) collect(child, out);
      else if (/\.(ya?ml|json)$/i.test(name)) out.push(child);
    }
  } else {
    out.push(target);
  }
}

async function main(args) {
  if (args.length === 0 || args.includes('-h') || args.includes('--help')) {
    process.stderr.write('usage: node parse.mjs FILE_OR_FOLDER...\n');
    return 2;
  }
  const files = [];
  for (const arg of args) {
    collect(arg, files);
  }
  if (files.length === 0) {
    process.stderr.write(`parse.mjs: no *.yaml, *.yml or *.json file in ${args.join(' ')}\n`);
    return 2;
  }
  let failed = false;
  for (const file of files) {
    const result = await parseFile(file);
    failed ||= result.errors.length > 0;
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
