// Starts `pilot lsp` for the workspace and hands it YAML records and pilot.toml. Everything
// else (what is checked, file watching, hover, code actions) is the server's: docs/lsp.md.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function serverOptions() {
  const config = vscode.workspace.getConfiguration('pilot');
  const command = config.get('path') || 'pilot';
  const args = ['lsp'];
  const asOf = config.get('asOf');
  if (asOf) args.push('--as-of', asOf);
  return { command, args };
}

async function activate(context) {
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', pattern: '**/pilot.toml' },
    ],
  };
  client = new LanguageClient('pilot', 'pilot', serverOptions(), clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('pilot') || client === undefined) return;
      await client.stop();
      client = new LanguageClient('pilot', 'pilot', serverOptions(), clientOptions);
      await client.start();
    }),
  );
  await client.start();
}

function deactivate() {
  return client === undefined ? undefined : client.stop();
}

module.exports = { activate, deactivate };
