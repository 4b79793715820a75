import type { Latency } from './editor';
import type { Results, Target } from './report';
import { fmt, ratio } from './stats';

const OURS = 'docker-socket-guard';
const MB = 1024 * 1024;

function latency(results: Results, server: string, input: string): Latency | undefined {
  return results.editor?.latencies.find((l) => l.server === server && l.input === input);
}

function parseMs(results: Results, input: string): number | undefined {
  return results.engine?.find((c) => c.input === input)?.parseMs;
}

function check(target: string, value: number | undefined, limit: number, unit: string): Target {
  const measured =
    value === undefined ? 'not measured' : `${fmt(value)} ${unit} (limit ${fmt(limit)})`;
  return { target, measured, met: value === undefined ? undefined : value <= limit };
}

/** Every target of the brief. */
export function evaluate(results: Results): Target[] {
  const targets: Target[] = [];
  const compose = latency(results, OURS, 'compose-1000');
  targets.push(check('median latency, compose-1000', compose?.median, 5, 'ms'));
  const k8s = latency(results, OURS, 'k8s-20000');
  const parse = parseMs(results, 'k8s-20000');
  const k8sRatio = parse && k8s && ratio(k8s.p95, parse);
  targets.push(check('p95 latency k8s-20000 / full yaml parse', k8sRatio, 0.5, 'x'));
  for (const cost of results.engine ?? []) {
    if (Number.isFinite(cost.ratio)) {
      targets.push(check(`analysis / parse, ${cost.input}`, cost.ratio, 1.3, 'x'));
    }
  }
  targets.push(...peerTargets(results));
  targets.push(...scanTargets(results));
  const ours = results.memory?.find((m) => m.server === OURS);
  targets.push(check('server resident, 200 documents', ours && ours.rssBytes / MB, 80, 'MB'));
  const vsix = results.package?.bytes;
  targets.push(check('.vsix size', vsix === undefined ? undefined : vsix / MB, 1, 'MB'));
  const activation = results.clientActivation;
  const activationMs = activation && activation.loadMs + activation.callMs;
  targets.push(check('activation: load + activate() call', activationMs, 50, 'ms'));
  return targets;
}

function peerTargets(results: Results): Target[] {
  const targets: Target[] = [];
  for (const peer of results.editor?.latencies ?? []) {
    if (peer.server === OURS) continue;
    const share = peer.server === 'yaml-language-server' ? 0.5 : 1;
    const mine = latency(results, OURS, peer.input);
    for (const stat of ['median', 'p95'] as const) {
      const name = `${stat} latency / ${peer.server}, ${peer.input}`;
      targets.push(check(name, mine && ratio(mine[stat], peer[stat]), share, 'x'));
    }
  }
  return targets;
}

function scanTargets(results: Results): Target[] {
  const figures = results.scan?.figures ?? [];
  const grep = figures.find((f) => f.name.startsWith('grep'));
  return figures
    .filter((f) => f !== grep)
    .flatMap((f) => [
      check(`${f.name}: wall time / grep`, grep && ratio(f.wallMs, grep.wallMs), 4, 'x'),
      check(`${f.name}: peak memory`, f.peakBytes / MB, 150, 'MB'),
    ]);
}

export function targetsTable(targets: Target[]): string {
  const rows = targets.map((t) => {
    const verdict = t.met === undefined ? 'not measured' : t.met ? 'met' : 'MISSED';
    return `| ${t.target} | ${t.measured} | ${verdict} |`;
  });
  return ['| target | measured | verdict |', '| --- | --- | --- |', ...rows].join('\n');
}
