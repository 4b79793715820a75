import type { Node } from 'jsonc-parser';
import { CLIENT_CERTS, tlsPortChange } from '../endpoint';
import { DAEMON_HOST } from '../holes';
import { shellFixes } from '../shell';
import { buildFixes, type Candidate, type EditStep } from '../steps';
import { eolOf } from '../text';
import type { DraftFix, FixContext, TextEdit } from '../types';
import {
  addChildren,
  end,
  inline,
  jsonTree,
  propertyOf,
  propertyText,
  removeChildren,
  valueOf,
} from './edit';

/**
 * Dev container fixes: remove a mount (string or object element) or a `runArgs` flag with its
 * value, TLS instead of a socket mount or for DOCKER_HOST in `containerEnv`/`remoteEnv`, and
 * Sysbox: docker-outside-of-docker becomes docker-in-docker, `privileged` goes, and `runArgs`
 * gets `--runtime=sysbox-runc`.
 */
export function devcontainerFixes(ctx: FixContext): DraftFix[] {
  if (ctx.finding.facts.trusted) return [];
  return buildFixes(ctx, candidates(ctx));
}

const CERTS_MOUNT = `source=\${localWorkspaceFolder}/.devcontainer/docker-certs,target=${CLIENT_CERTS},type=bind,readonly`;
const SYSBOX_ARG = '--runtime=sysbox-runc';
const VERIFY = { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: CLIENT_CERTS };

function candidates(ctx: FixContext): Candidate[] {
  const { detail = {}, exposure } = ctx.finding.facts;
  if (typeof detail.wordStart === 'number') {
    const list: Candidate[] = shellFixes(ctx).map((f) => [f.kind, f.title, [() => f.edits]]);
    if (
      exposure === 'socket-mount' ||
      exposure === 'socket-dir-mount' ||
      exposure === 'api-socket-flag'
    ) {
      list.unshift(['remove', 'Remove the mount from runArgs', [removeRunArgs(ctx)]]);
    }
    return list;
  }
  if (detail.setting === 'mounts') return mountFixes(ctx);
  if (typeof detail.feature === 'string') return featureFixes(ctx, detail.feature);
  if (detail.setting === 'privileged') {
    return [
      [
        'sysbox',
        'Run Docker-in-Docker under Sysbox instead of privileged',
        [removeProperty('privileged'), addRunArg],
      ],
    ];
  }
  if (detail.setting === 'containerEnv' || detail.setting === 'remoteEnv') {
    return [
      [
        'tls',
        'Use TLS: port 2376, DOCKER_TLS_VERIFY=1 and client certificates',
        envTls(ctx, detail.setting),
      ],
    ];
  }
  return [];
}

function eol(text: string): string {
  return eolOf(text);
}

/** The element of a top-level array property that holds `offset`. */
function elementAt(
  text: string,
  key: string,
  offset: number,
): { array: Node; index: number } | undefined {
  const root = jsonTree(text);
  const array = valueOf(root, key);
  const index = array?.children?.findIndex((c) => c.offset <= offset && offset < end(c)) ?? -1;
  return array && index >= 0 ? { array, index } : undefined;
}

/** Removes elements of a top-level array, the property too when none would be left. */
function removeElements(text: string, key: string, from: number, to: number): TextEdit | undefined {
  const root = jsonTree(text);
  const array = valueOf(root, key);
  if (!root || !array) return undefined;
  if ((array.children?.length ?? 0) === to - from + 1) return removeTopProperty(text, root, key);
  return removeChildren(text, array, from, to);
}

function removeTopProperty(text: string, root: Node, key: string): TextEdit | undefined {
  const property = propertyOf(root, key);
  const index = root.children?.indexOf(property as Node) ?? -1;
  return index < 0 ? undefined : removeChildren(text, root, index, index);
}

/** Removes a top-level property when it is there. */
function removeProperty(key: string): EditStep {
  return (text) => {
    const root = jsonTree(text);
    if (!root || !propertyOf(root, key)) return root ? [] : undefined;
    return removeTopProperty(text, root, key);
  };
}

function removeRunArgs(ctx: FixContext): EditStep {
  const { wordStart, wordEnd } = ctx.finding.facts.detail ?? {};
  return (text) => {
    const first = elementAt(text, 'runArgs', Number(wordStart));
    const last = elementAt(text, 'runArgs', Number(wordEnd) - 1);
    return first && last ? removeElements(text, 'runArgs', first.index, last.index) : undefined;
  };
}

function mountFixes(ctx: FixContext): Candidate[] {
  const at = ctx.finding.span.start;
  const remove: EditStep = (text) => {
    const element = elementAt(text, 'mounts', at);
    return element && removeElements(text, 'mounts', element.index, element.index);
  };
  const list: Candidate[] = [['remove', 'Remove the mount', [remove]]];
  const engine = ctx.finding.facts.engine ?? 'docker';
  if (ctx.finding.ruleId === 'DSG001' && engine === 'docker') {
    const replace: EditStep = (text) => {
      const element = elementAt(text, 'mounts', at);
      const node = element?.array.children?.[element.index];
      return node && { start: node.offset, end: end(node), newText: JSON.stringify(CERTS_MOUNT) };
    };
    const host = { DOCKER_HOST: `tcp://${DAEMON_HOST.plain}:2376`, ...VERIFY };
    list.push([
      'tls',
      'Connect to the Docker daemon over TLS instead of the socket',
      [replace, setEnv('containerEnv', host)],
    ]);
  }
  return list;
}

/** Sets variables in `containerEnv` or `remoteEnv`, creating it when missing. */
function setEnv(setting: string, vars: Record<string, string>): EditStep {
  return (text) => {
    const root = jsonTree(text);
    if (!root) return undefined;
    const env = valueOf(root, setting);
    if (!env)
      return addChildren(
        text,
        root,
        [propertyText(text, root, setting, vars, eol(text))],
        eol(text),
      );
    if (env.type !== 'object') return undefined;
    const edits: TextEdit[] = [];
    const added: string[] = [];
    for (const [name, value] of Object.entries(vars)) {
      const existing = valueOf(env, name);
      if (existing)
        edits.push({ start: existing.offset, end: end(existing), newText: JSON.stringify(value) });
      else added.push(`${JSON.stringify(name)}: ${JSON.stringify(value)}`);
    }
    return added.length > 0 ? [...edits, addChildren(text, env, added, eol(text))] : edits;
  };
}

const addRunArg: EditStep = (text) => {
  const root = jsonTree(text);
  if (!root) return undefined;
  const args = valueOf(root, 'runArgs');
  if (!args) return addChildren(text, root, [`"runArgs": ${inline([SYSBOX_ARG])}`], eol(text));
  if (args.children?.some((c) => c.value === SYSBOX_ARG)) return [];
  return args.type === 'array'
    ? addChildren(text, args, [JSON.stringify(SYSBOX_ARG)], eol(text))
    : undefined;
};

function featureFixes(ctx: FixContext, feature: string): Candidate[] {
  if (ctx.finding.ruleId === 'DSG005') {
    return [
      ['sysbox', 'Run Docker-in-Docker under Sysbox', [removeProperty('privileged'), addRunArg]],
    ];
  }
  const remove: EditStep = (text) => removeFeature(text, feature);
  return [
    ['remove', 'Remove the docker-outside-of-docker feature', [remove]],
    [
      'sysbox',
      'Use docker-in-docker under Sysbox instead',
      [(text) => toDind(text, feature), addRunArg],
    ],
  ];
}

function removeFeature(text: string, feature: string): TextEdit | undefined {
  const root = jsonTree(text);
  const features = valueOf(root, 'features');
  const property = propertyOf(features, feature);
  const index = features?.children?.indexOf(property as Node) ?? -1;
  if (!root || !features || index < 0) return undefined;
  if (features.children?.length === 1) return removeTopProperty(text, root, 'features');
  return removeChildren(text, features, index, index);
}

/** The feature's id becomes docker-in-docker's (its options are the same); one there already stays. */
function toDind(text: string, feature: string): TextEdit | undefined {
  const features = valueOf(jsonTree(text), 'features');
  const key = propertyOf(features, feature)?.children?.[0];
  const dind = feature.replace(
    /docker-(?:outside-of|from)-docker(?::[^/]*)?$/,
    'docker-in-docker:2',
  );
  if (!key || dind === feature) return undefined;
  const present = features?.children?.some((p) =>
    /docker-in-docker/.test(String(p.children?.[0]?.value)),
  );
  if (present) return removeFeature(text, feature);
  return { start: key.offset, end: end(key), newText: JSON.stringify(dind) };
}

/** DOCKER_HOST in an env object: port 2376, verification beside it, certificates mounted. */
function envTls(ctx: FixContext, setting: string): EditStep[] | undefined {
  const { start, end: stop } = ctx.finding.span;
  const change =
    ctx.finding.ruleId === 'DSG003' ? tlsPortChange(ctx.text.slice(start, stop)) : undefined;
  if (ctx.finding.ruleId === 'DSG003' && !change) return undefined;
  const port: EditStep = () =>
    change
      ? { start: start + change.from, end: start + change.to, newText: change.replacement }
      : [];
  return [port, setEnv(setting, VERIFY), addCertsMount];
}

const addCertsMount: EditStep = (text) => {
  const root = jsonTree(text);
  if (!root) return undefined;
  const mounts = valueOf(root, 'mounts');
  const entry = JSON.stringify(CERTS_MOUNT);
  if (!mounts) return addChildren(text, root, [`"mounts": [${entry}]`], eol(text));
  const taken = mounts.children?.some((m) =>
    JSON.stringify(m.value ?? '').includes(`=${CLIENT_CERTS}`),
  );
  if (taken || mounts.type !== 'array') return [];
  return addChildren(text, mounts, [entry], eol(text));
};
