import { removeChildren } from './json/edit';
import { tlsPortChange } from './endpoint';
import { buildFixes, type Candidate } from './steps';
import { eolOf, indentAt, lineEndAt, ownedFrom, wholeLines } from './text';
import type { DraftFix, FixContext, TextEdit } from './types';
import { arrayAt, tableAround, tableText } from './toml';

/**
 * GitLab Runner config.toml: remove a socket from `volumes` (or the kubernetes executor's
 * host_path table), Sysbox instead of `privileged = true` (`runtime = "sysbox-runc"`, or
 * `runtime_class_name` for the kubernetes executor), TLS for `host` (port 2376 and
 * `tls_verify = true`) and `DOCKER_TLS_CERTDIR=/certs` in `environment`.
 */
export function runnerFixes(ctx: FixContext): DraftFix[] {
  if (ctx.finding.facts.trusted) return [];
  return buildFixes(ctx, candidates(ctx));
}

function candidates(ctx: FixContext): Candidate[] {
  const { exposure, detail = {} } = ctx.finding.facts;
  const at = ctx.finding.span.start;
  switch (exposure) {
    case 'socket-mount':
    case 'socket-dir-mount':
      if (typeof detail.volume === 'string')
        return [['remove', `Remove volume "${detail.volume}"`, [() => removeTable(ctx.text, at)]]];
      return [['remove', 'Remove the mount from volumes', [() => removeElement(ctx.text, at)]]];
    case 'privileged-dind':
      return [
        ['sysbox', 'Run Docker-in-Docker under Sysbox instead of privileged', [() => sysbox(ctx)]],
      ];
    case 'plaintext-tcp':
    case 'tls-unverified':
      if (detail.variable === 'DOCKER_TLS_CERTDIR')
        return [['tls', 'Turn TLS on: DOCKER_TLS_CERTDIR=/certs', [() => certDir(ctx)]]];
      if (detail.executor === 'docker')
        return [['tls', 'Use TLS: port 2376 with tls_verify = true', [() => hostTls(ctx)]]];
      return [];
    default:
      return [];
  }
}

function removeElement(text: string, offset: number): TextEdit | undefined {
  const array = arrayAt(text, offset);
  const index =
    array?.elements.findIndex((e) => e.offset <= offset && offset < e.offset + e.length) ?? -1;
  if (!array || index < 0) return undefined;
  if (array.elements.length === 1) {
    const lines = wholeLines(text, ownedFrom(text, array.keyStart), array.close);
    return { ...lines, newText: '' };
  }
  return removeChildren(text, { children: array.elements }, index, index, ['#']);
}

function removeTable(text: string, offset: number): TextEdit | undefined {
  const table = tableAround(text, offset);
  if (!table) return undefined;
  return { ...wholeLines(text, ownedFrom(text, table.start), table.end - 1), newText: '' };
}

/** `privileged = true` → `false`, and the runtime that gives Docker-in-Docker its own daemon. */
function sysbox(ctx: FixContext): TextEdit[] | undefined {
  const { start, end } = ctx.finding.span;
  const entry = ctx.text.slice(start, end);
  const value = /=\s*true$/.exec(entry);
  if (!value) return undefined;
  const key =
    ctx.finding.facts.detail?.executor === 'kubernetes' ? 'runtime_class_name' : 'runtime';
  const edits: TextEdit[] = [{ start: end - 4, end, newText: 'false' }];
  if (!new RegExp(`^\\s*${key}\\s*=`, 'm').test(tableText(ctx.text, start))) {
    const at = lineEndAt(ctx.text, end);
    edits.push({
      start: at,
      end: at,
      newText: `${eolOf(ctx.text)}${indentAt(ctx.text, start)}${key} = "sysbox-runc"`,
    });
  }
  return edits;
}

/** `"DOCKER_TLS_CERTDIR="` → `"DOCKER_TLS_CERTDIR=/certs"`. */
function certDir(ctx: FixContext): TextEdit | undefined {
  const { start, end } = ctx.finding.span;
  const written = ctx.text.slice(start, end);
  const match = /DOCKER_TLS_CERTDIR=(["']?)$/.exec(written);
  if (!match) return undefined;
  const at = end - (match[1] ?? '').length;
  return { start: at, end: at, newText: '/certs' };
}

/** `host = "tcp://...:2375"` → 2376, and `tls_verify = true` (set, or added after `host`). */
function hostTls(ctx: FixContext): TextEdit[] | undefined {
  const { start, end } = ctx.finding.span;
  const edits: TextEdit[] = [];
  if (ctx.finding.ruleId === 'DSG003') {
    const change = tlsPortChange(ctx.text.slice(start, end));
    if (!change) return undefined;
    edits.push({ start: start + change.from, end: start + change.to, newText: change.replacement });
  }
  const table = tableAround(ctx.text, start);
  const verify =
    table && /^([ \t]*tls_verify[ \t]*=[ \t]*)(\S+)/m.exec(ctx.text.slice(table.start, table.end));
  if (table && verify) {
    const at = table.start + verify.index + (verify[1] ?? '').length;
    return [...edits, { start: at, end: at + (verify[2] ?? '').length, newText: 'true' }];
  }
  const at = lineEndAt(ctx.text, end);
  return [
    ...edits,
    {
      start: at,
      end: at,
      newText: `${eolOf(ctx.text)}${indentAt(ctx.text, start)}tls_verify = true`,
    },
  ];
}
