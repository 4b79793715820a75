// Entry point of the language server: `node dist/server.js --stdio` or `--node-ipc` (the
// transport is chosen from the command line by createConnection).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
