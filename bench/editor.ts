import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EditorInput, Peer } from './inputs';
import { INPUTS } from './inputs';
import { LspDriver } from './lsp';
import { Rng } from './random';
import { dockerfileServer, NETWORK_MARK, ourServer, yamlServer } from './servers';
import { summarise, type Summary } from './stats';

/** One planned edit: at `offset`, remove `remove` characters and insert `insert`. */
export interface Edit {
  offset: number;
  remove: number;
  insert: string;
  where: 'comment' | 'value';
}

export interface Latency extends Summary {
  server: string;
  input: string;
  comment?: number;
  value?: number;
}

/** Letters of `# note:` comments and of `note` values: editing them keeps the file valid. */
const SITES = /(# note: |note(?::|=) ?")([a-z ]+)/gi;

function sitesOf(text: string): Array<{ offset: number; where: Edit['where'] }> {
  const sites: Array<{ offset: number; where: Edit['where'] }> = [];
  for (const match of text.matchAll(SITES)) {
    const where = match[1]?.startsWith('#') ? 'comment' : 'value';
    const body = match[2] ?? '';
    const start = match.index + (match[1]?.length ?? 0);
    for (let i = 0; i < body.length; i++) {
      if (body[i] !== ' ') sites.push({ offset: start + i, where });
    }
  }
  return sites;
}

/**
 * The same seeded edits for every server: a letter typed, deleted or replaced by another (never
 * by itself: some servers skip a change that changes nothing), as a user types.
 */
export function planEdits(input: EditorInput, count: number, seed: number): Edit[] {
  const rng = new Rng(seed);
  let text = input.text;
  return Array.from({ length: count }, () => {
    const site = rng.pick(sitesOf(text));
    const current = text.charCodeAt(site.offset) - 97;
    const letter = String.fromCharCode(97 + ((current + 1 + rng.int(25)) % 26));
    const op = rng.int(3);
    const edit: Edit = {
      ...site,
      remove: op === 0 ? 0 : 1,
      insert: op === 1 ? '' : letter,
    };
    text = text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset + edit.remove);
    return edit;
  });
}

export interface EditorSuite {
  latencies: Latency[];
  yamlSchemaActive: boolean;
  networkRequests: Record<string, number>;
}

interface Contender {
  driver: LspDriver;
  takes(input: EditorInput): boolean;
}

/**
 * Every server in its own process, started once. Per input, the servers that read it open it,
 * then take the same edits in turn (ours, the peer, then the next edit), so that the machine's
 * load at any moment weighs on all of them alike.
 */
export async function editorSuite(inputs: EditorInput[], edits: number): Promise<EditorSuite> {
  const root = pathToFileURL(INPUTS).href;
  const peerTakes = (peer: Peer) => (input: EditorInput) => input.peer === peer;
  const contenders: Contender[] = [
    { driver: await LspDriver.start(ourServer(), root), takes: () => true },
    { driver: await LspDriver.start(yamlServer(), root), takes: peerTakes('yaml-language-server') },
    {
      driver: await LspDriver.start(dockerfileServer(), root),
      takes: peerTakes('dockerfile-language-server'),
    },
  ];
  const yamlSchemaActive = await probeSchema(contenders[1]!.driver);
  const latencies: Latency[] = [];
  for (const [i, input] of inputs.entries()) {
    const plan = planEdits(input, edits, 7 + i);
    latencies.push(
      ...(await timeInput(
        contenders.filter((c) => c.takes(input)),
        input,
        plan,
      )),
    );
    process.stderr.write(`  editor: ${input.name} done\n`);
  }
  const networkRequests: Record<string, number> = {};
  for (const { driver } of contenders) {
    await driver.stop();
    networkRequests[driver.spec.name] = driver.stderr.split(NETWORK_MARK).length - 1;
  }
  return { latencies, yamlSchemaActive, networkRequests };
}

async function timeInput(contenders: Contender[], input: EditorInput, edits: Edit[]) {
  const samples = contenders.map(() => ({
    all: [] as number[],
    comment: [] as number[],
    value: [] as number[],
  }));
  for (const { driver } of contenders) await driver.open(input.uri, input.languageId, input.text);
  for (const edit of edits) {
    for (const [i, { driver }] of contenders.entries()) {
      const ms = await driver.edit(input.uri, edit.offset, edit.remove, edit.insert);
      samples[i]?.all.push(ms);
      samples[i]?.[edit.where].push(ms);
    }
  }
  for (const { driver } of contenders) await driver.close(input.uri);
  return contenders.map(({ driver }, i): Latency => ({
    server: driver.spec.name,
    input: input.name,
    ...summarise(samples[i]?.all ?? []),
    comment: summarise(samples[i]?.comment ?? []).median,
    value: summarise(samples[i]?.value ?? []).median,
  }));
}

/** Checks that yaml-language-server validates against the Compose schema (no silent no-op). */
async function probeSchema(driver: LspDriver): Promise<boolean> {
  const uri = pathToFileURL(join(INPUTS, 'compose-probe.yaml')).href;
  const text = 'services:\n  app:\n    image: nginx\n    not_a_compose_key: 1\n';
  const diagnostics = await driver.open(uri, 'dockercompose', text);
  return diagnostics.some((d) =>
    /not_a_compose_key|not allowed/i.test(
      typeof d.message === 'string' ? d.message : d.message.value,
    ),
  );
}
