import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { CLIENT_CERTS, tlsPortChange } from './endpoint';
import { shellFixes } from './shell';
import { buildFixes, type Candidate } from './steps';
import type { DraftFix, FixContext, TextEdit } from './types';
import { addPairs } from './yaml/insert';
import { removeAt } from './yaml/remove';
import { quoteOf, replaceInScalar, setScalar } from './yaml/scalar';
import {
  documentAt,
  keyText,
  pairOf,
  pathTo,
  readYaml,
  type Step,
  type YamlText,
} from './yaml/tree';

/**
 * GitHub Actions and GitLab CI: the scripts' findings go to the shell fixes; a socket in a job
 * container's or service's `volumes` list is removed; DOCKER_HOST in `env`/`variables` moves to
 * 2376 with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH beside it; an empty DOCKER_TLS_CERTDIR of a
 * Docker-in-Docker service becomes `/certs`.
 */
export function ciFixes(ctx: FixContext): DraftFix[] {
  const { detail = {}, trusted } = ctx.finding.facts;
  if (typeof detail.wordStart === 'number' || trusted) return shellFixes(ctx);
  return buildFixes(ctx, candidates(ctx));
}

function candidates(ctx: FixContext): Candidate[] {
  const { exposure, detail = {} } = ctx.finding.facts;
  if (exposure === 'socket-mount' || exposure === 'socket-dir-mount') {
    return [['remove', 'Remove the mount', [(text) => removeVolume(ctx, text)]]];
  }
  if (detail.variable === 'DOCKER_TLS_CERTDIR') {
    return [['tls', 'Turn TLS on: DOCKER_TLS_CERTDIR=/certs', [(text) => certDir(ctx, text)]]];
  }
  if (detail.variable === 'DOCKER_HOST') {
    const title =
      ctx.finding.ruleId === 'DSG003'
        ? 'Use TLS: port 2376 with DOCKER_TLS_VERIFY=1'
        : 'Verify TLS: DOCKER_TLS_VERIFY=1';
    return [['tls', title, [(text) => hostTls(ctx, text)]]];
  }
  return [];
}

interface At {
  yaml: YamlText;
  path: Step[];
}

function at(ctx: FixContext, text: string): At | undefined {
  const yaml = readYaml(text);
  const document = yaml && documentAt(yaml, ctx.finding.span.start);
  return yaml && document
    ? { yaml, path: pathTo(document, ctx.finding.span.start, ctx.finding.span.end) }
    : undefined;
}

/** The list item under `volumes`; a mapping left empty stays (`{}`), a list left empty goes. */
function removeVolume(ctx: FixContext, text: string): TextEdit | undefined {
  const found = at(ctx, text);
  if (!found) return undefined;
  const { path } = found;
  const depth = path.findIndex((step, i) => {
    const holder = i > 0 ? path[i - 1]?.pair : undefined;
    return !step.pair && holder !== undefined && keyText(holder) === 'volumes';
  });
  if (depth < 0) return undefined;
  return removeAt(text, path, depth, (steps, d) => isMap(steps[d]?.parent));
}

/** The mapping pair of the variable, where it is set. */
function variable(found: At, name: string): { map: YAMLMap; value: Node } | undefined {
  const step = [...found.path].reverse().find((s) => s.pair && keyText(s.pair) === name);
  const value = step?.node;
  return step && isMap(step.parent) && isScalar(value) ? { map: step.parent, value } : undefined;
}

function certDir(ctx: FixContext, text: string): TextEdit | undefined {
  const found = at(ctx, text);
  const certs = found && variable(found, 'DOCKER_TLS_CERTDIR');
  return certs && setScalar(certs.value, '/certs');
}

function hostTls(ctx: FixContext, text: string): TextEdit[] | undefined {
  const found = at(ctx, text);
  const host = found && variable(found, 'DOCKER_HOST');
  if (!found || !host) return undefined;
  const edits: TextEdit[] = [];
  if (ctx.finding.ruleId === 'DSG003') {
    const change = tlsPortChange(String((host.value as { value?: unknown }).value ?? ''));
    const edit =
      change && replaceInScalar(host.value, text, change.from, change.to, change.replacement);
    if (!edit) return undefined;
    edits.push(edit);
  }
  const wanted: Record<string, string> = { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: CLIENT_CERTS };
  const added: Record<string, string> = {};
  for (const [name, value] of Object.entries(wanted)) {
    const existing = pairOf(host.map, name)?.value;
    if (!isScalar(existing)) added[name] = value;
    else if (String(existing.value) !== value) {
      const edit = setScalar(existing, value);
      if (!edit) return undefined;
      edits.push(edit);
    }
  }
  if (Object.keys(added).length === 0) return edits;
  const insert = addPairs(host.map, added, { yaml: found.yaml, quote: quoteOf(host.value) });
  return insert ? [...edits, insert] : undefined;
}
