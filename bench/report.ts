import type { EditorSuite, Latency } from './editor';
import type { EngineCost, IncrementalCost } from './engine';
import type { ClientActivation, ServerMemory } from './memory';
import type { PackageSize } from './package-size';
import type { ScanFigures } from './scan';
import { fmt, ratio } from './stats';

export interface Results {
  environment: Record<string, unknown>;
  editor?: EditorSuite;
  engine?: EngineCost[];
  incremental?: IncrementalCost[];
  scan?: { files: number; withFinding: number; reportedFiles: number; figures: ScanFigures[] };
  memory?: ServerMemory[];
  package?: PackageSize;
  /** load + activate() call, VS Code's activation figure (stand-in vscode, cold Node) */
  clientActivation?: ClientActivation;
}

export interface Target {
  target: string;
  measured: string;
  met: boolean | undefined;
}

const OURS = 'docker-socket-guard';
const MB = 1024 * 1024;

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function peerOf(latencies: Latency[], row: Latency): Latency | undefined {
  return latencies.find((l) => l.input === row.input && l.server !== OURS);
}

export function editorTable(suite: EditorSuite): string {
  const rows = suite.latencies.map((l) => {
    const peer = peerOf(suite.latencies, l);
    const mine = l.server === OURS;
    return [
      l.input,
      l.server,
      fmt(l.median),
      fmt(l.p95),
      fmt(l.comment),
      fmt(l.value),
      mine && peer ? fmt(ratio(l.median, peer.median), 2) : '',
      mine && peer ? fmt(ratio(l.p95, peer.p95), 2) : '',
    ];
  });
  const head = [
    'input',
    'server',
    'median ms',
    'p95 ms',
    'comment edits median',
    'value edits median',
    'median / peer',
    'p95 / peer',
  ];
  return table(head, rows);
}

export function engineTable(costs: EngineCost[], incremental: IncrementalCost[] = []): string {
  const rows = costs.map((c) => {
    const inc = incremental.find((i) => i.input === c.input);
    return [
      c.input,
      String(c.lines),
      c.floor,
      c.parseArgsMs === undefined
        ? fmt(c.parseMs)
        : `${fmt(c.parseMs)} (${fmt(c.parseArgsMs)} with arguments)`,
      fmt(c.analysisMs),
      fmt(c.ratio, 2),
      String(c.findings),
      inc ? `${fmt(inc.medianMs)} / ${fmt(inc.p95Ms)}` : '',
      inc ? fmt(inc.p95OverParse, 2) : '',
      inc ? `${inc.reused}/${inc.edits}` : '',
    ];
  });
  const head = [
    'input',
    'lines',
    'floor',
    'parse ms',
    'analysis ms',
    'analysis / parse',
    'findings',
    'cached edit median / p95 ms',
    'cached p95 / parse',
    'edits reused',
  ];
  return table(head, rows);
}

export function scanTable(scan: NonNullable<Results['scan']>): string {
  const floor = scan.figures.find((f) => f.name.startsWith('grep'));
  const rows = scan.figures.map((f) => [
    f.name,
    fmt(f.wallMs),
    fmt(f.filesPerSecond),
    fmt(f.peakBytes / MB),
    floor ? fmt(ratio(f.wallMs, floor.wallMs), 2) : '',
    String(f.runs),
  ]);
  return table(
    ['contender', 'wall ms (median)', 'files/s', 'peak RSS MB', 'wall / grep', 'runs'],
    rows,
  );
}

export function memoryTable(results: Results): string {
  const rows = (results.memory ?? []).map((m) => [
    `${m.server}, ${m.documents} open documents`,
    `${fmt(m.rssBytes / MB)} MB resident (peak ${fmt(m.peakBytes / MB)} MB); ready in ${fmt(m.readyMs)} ms`,
  ]);
  if (results.package) {
    const size =
      results.package.bytes === undefined ? 'n/a' : `${fmt(results.package.bytes / 1024)} KB`;
    rows.push(['.vsix', `${size} (${results.package.how})`]);
  }
  const activation = results.clientActivation;
  if (activation) {
    const { loadMs, callMs } = activation;
    rows.push([
      'activation: dist/client.js load + activate() call (stand-in vscode, cold Node)',
      `${fmt(loadMs + callMs)} ms (${fmt(loadMs)} + ${fmt(callMs)})`,
    ]);
  }
  return table(['what', 'figure'], rows);
}
