#!/usr/bin/env node
// What an editor does with a pilot repository, without the editor: starts yaml-language-server
// over LSP stdio in the repository (the workspace), hands it the repository's
// .vscode/settings.json as VS Code would (`yaml.*` keys as the "yaml" section), opens each
// FILE (relative to ROOT) and prints the diagnostics the server publishes for them, as JSON:
//   {"pilots/2026/x.yaml": [{"line": 3, "message": "Property leadr is not allowed.", ...}], ...}
// Usage: lsp_probe.js SERVER_JS ROOT [--finding] FILE...
// `--finding` before a FILE: wait until its list is not empty (the first, empty publication may
// come before the server has read the schema). Exit 0 when every file got its diagnostics, 1 on
// a timeout (LSP_PROBE_TIMEOUT_S, default 60) or a server that died, saying so on stderr.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const [server, root, ...args] = process.argv.slice(2);
const files = [];
const expect_finding = new Set();
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--finding' && i + 1 < args.length) expect_finding.add(args[++i]);
  files.push(args[i]);
}
if (!server || !root || files.length === 0) {
  process.stderr.write('usage: lsp_probe.js SERVER_JS ROOT [--finding] FILE...\n');
  process.exit(2);
}

// VS Code hands a section's settings to the server as one object: "yaml.schemas" -> {schemas}.
function yaml_section() {
  const file = path.join(root, '.vscode', 'settings.json');
  const settings = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const section = { validate: true, completion: true, hover: true, schemaStore: { enable: false } };
  for (const [key, value] of Object.entries(settings)) {
    if (key.startsWith('yaml.')) section[key.slice(5)] = value;
  }
  return section;
}

const yaml = yaml_section();
const child = spawn(process.execPath, [server, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', (d) => { stderr += d; });

let next_id = 1;
const pending = new Map();
function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
}
function request(method, params) {
  const id = next_id++;
  send({ id, method, params });
  return new Promise((resolve) => pending.set(id, resolve));
}
const notify = (method, params) => send({ method, params });

const uri_of = (rel) => pathToFileURL(path.join(root, rel)).href;
const wanted = new Map(files.map((rel) => [uri_of(rel), rel]));
const received = new Map();

function finish(code, why) {
  const out = {};
  for (const [uri, rel] of wanted) out[rel] = received.get(uri) ?? null;
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  if (why) process.stderr.write(`lsp_probe: ${why}\n${stderr}`);
  child.kill();
  process.exit(code);
}

function done() {
  for (const [uri, rel] of wanted) {
    const d = received.get(uri);
    if (d === undefined) return false;
    if (d.length === 0 && expect_finding.has(rel)) return false;
  }
  return true;
}

function on_message(m) {
  if (m.id !== undefined && m.method === undefined) {  // a response to us
    const resolve = pending.get(m.id);
    pending.delete(m.id);
    if (resolve) resolve(m.result);
    return;
  }
  if (m.method === 'workspace/configuration') {
    send({ id: m.id, result: m.params.items.map((item) => (item.section === 'yaml' ? yaml : null)) });
  } else if (m.id !== undefined) {  // any other request from the server: accept it
    send({ id: m.id, result: null });
  } else if (m.method === 'textDocument/publishDiagnostics' && wanted.has(m.params.uri)) {
    received.set(m.params.uri, m.params.diagnostics.map((d) => ({
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: d.severity,
      source: d.source,
      message: d.message,
    })));
    if (done()) finish(0);
  }
}

let buffer = Buffer.alloc(0);
child.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const header_end = buffer.indexOf('\r\n\r\n');
    if (header_end < 0) return;
    const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, header_end).toString())[1]);
    if (buffer.length < header_end + 4 + length) return;
    const body = buffer.subarray(header_end + 4, header_end + 4 + length).toString('utf8');
    buffer = buffer.subarray(header_end + 4 + length);
    on_message(JSON.parse(body));
  }
});
child.on('exit', (code) => finish(1, `the server exited (${code})`));
setTimeout(() => finish(1, 'timed out waiting for diagnostics'), Number(process.env.LSP_PROBE_TIMEOUT_S || 60) * 1000);

(async () => {
  const root_uri = pathToFileURL(root).href;
  await request('initialize', {
    processId: process.pid,
    rootUri: root_uri,
    workspaceFolders: [{ uri: root_uri, name: path.basename(root) }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { relatedInformation: true } },
    },
  });
  notify('initialized', {});
  notify('workspace/didChangeConfiguration', { settings: { yaml } });
  for (const [uri, rel] of wanted) {
    notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(path.join(root, rel), 'utf8') },
    });
  }
})();
