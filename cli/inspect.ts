import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Finding } from '../shared/model/finding';
import { applySeverities, engineOptions, type Settings } from '../shared/settings';
import { describeError } from './errors';
import { containerExplanationOf } from './explain';
import { judgeContainers, type ContainerFinding } from './inspect/judge';
import { fingerprintOf, type Report, type ReportFinding } from './report';

/** The input could not be had or is not `docker inspect` JSON; the CLI exits with 2. */
export class InspectError extends Error {}

export interface InspectSource {
  /** a file, `-`, or undefined */
  input: string | undefined;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** the environment the Docker CLI runs with (its PATH, DOCKER_HOST) */
  env: NodeJS.ProcessEnv;
}

/**
 * Gets the `docker inspect` JSON: from a file, from standard input (`-`, or no argument when
 * standard input is not a terminal), or from the Docker CLI for every running container.
 */
export async function readInspectInput(
  source: InspectSource,
): Promise<{ text: string; name: string }> {
  const { input, stdin } = source;
  if (input === '-' || (input === undefined && !stdin.isTTY)) {
    return { text: await readStream(stdin), name: 'standard input' };
  }
  if (input === undefined)
    return { text: await inspectRunningContainers(source.env), name: 'docker inspect' };

  try {
    return { text: readFileSync(input, 'utf8'), name: input };
  } catch (error) {
    throw new InspectError(`cannot read ${input}: ${describeError(error)}`);
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

interface Run {
  stdout: string;
  stderr: string;
  code: number | string | undefined;
}

/** Runs the Docker CLI with fixed arguments, no shell. */
function docker(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'docker',
      args,
      { env, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? ((error as NodeJS.ErrnoException).code ?? 1) : 0;
        resolve({ stdout: String(stdout), stderr: String(stderr), code });
      },
    );
  });
}

/** `docker ps -q`, then `docker inspect` of those containers; `[]` when none runs. */
export async function inspectRunningContainers(env: NodeJS.ProcessEnv): Promise<string> {
  const ps = await docker(['ps', '--quiet', '--no-trunc'], env);
  if (ps.code === 'ENOENT') throw new InspectError('cannot run docker: no docker command on PATH');
  if (ps.code !== 0)
    throw new InspectError(`cannot reach a Docker engine: ${firstLine(ps.stderr)}`);

  const ids = ps.stdout.split(/\s+/).filter((id) => id !== '');
  if (ids.length === 0) return '[]';
  const inspected = await docker(['inspect', '--type', 'container', '--', ...ids], env);
  // A container that stopped in between makes inspect fail for it alone: keep the others.
  if (inspected.code !== 0 && inspected.stdout.trim() === '') {
    throw new InspectError(`docker inspect failed: ${firstLine(inspected.stderr)}`);
  }
  return inspected.stdout;
}

function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .find((l) => l.trim() !== '')
      ?.trim() ?? 'no message'
  );
}

/** Judges the JSON and applies the settings: severities, extra sockets, trusted images. */
export function inspectReport(
  text: string,
  name: string,
  settings: Settings,
  explain = false,
): Report {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InspectError(
      `${name} is not the JSON docker inspect prints: ${(error as Error).message}`,
    );
  }

  const judgement = judgeContainers(parsed, engineOptions(settings));
  return {
    subject: 'containers',
    examined: judgement.containers,
    findings: withSeverities(judgement.findings, settings).map((f) => toReportFinding(f, explain)),
    notices: judgement.notices.map((message) => ({ severity: 'warning', message })),
  };
}

const NO_SPAN = {
  start: 0,
  end: 0,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
};

type SpannedFinding = Finding & { container: ContainerFinding['container'] };

/** The settings' severities, through the engine's own rule for them (which wants a span). */
function withSeverities(findings: ContainerFinding[], settings: Settings): SpannedFinding[] {
  const spanned = findings.map((f): SpannedFinding => ({ ...f, span: NO_SPAN, related: [] }));
  return applySeverities(spanned, settings) as SpannedFinding[];
}

function toReportFinding(finding: SpannedFinding, explain: boolean): ReportFinding {
  const { ruleId, severity, message, facts, container } = finding;
  return {
    ruleId,
    severity,
    message,
    location: { kind: 'container', ...container },
    facts,
    related: [],
    fingerprint: fingerprintOf(ruleId, facts, facts.target ?? ''),
    ...(explain ? { explanation: containerExplanationOf(finding) } : {}),
  };
}
