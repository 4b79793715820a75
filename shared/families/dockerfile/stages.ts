import { Arg, Env, From, type Dockerfile, type Instruction, type Property } from 'dockerfile-ast';
import type { SourceDocument } from '../../model/document';
import type { Span } from '../../model/finding';
import { isDindImage } from '../../detect/images';
import { interpolate, type Variables } from '../../paths/normalise';

/** An ENV or ARG assignment with a value. */
export interface Assignment {
  name: string;
  value: string;
  /** the value, inside its quotes when it is one quoted string */
  valueSpan: Span;
  keyword: 'ENV' | 'ARG';
}

/** One build stage: a FROM and the instructions up to the next FROM. */
export interface Stage {
  /** the `AS` name, or the stage's index as Docker accepts it in `--from` */
  name: string;
  /** the image the stage finally builds on (through earlier stages), after global ARGs */
  image: string | undefined;
  /** the image word of the FROM instruction */
  imageSpan: Span | undefined;
  dind: boolean;
  parent: Stage | undefined;
  instructions: Instruction[];
  /** the assignments of each ENV and ARG instruction of the stage */
  assigned: Map<Instruction, Assignment[]>;
  env: Map<string, Assignment>;
  args: Map<string, Assignment>;
}

/** Splits the Dockerfile into stages and records each stage's ENV and ARG values. */
export function readStages(doc: SourceDocument, dockerfile: Dockerfile): Stage[] {
  const stages: Stage[] = [];
  const byName = new Map<string, Stage>();
  const globals = new Map<string, Assignment>();
  let current: Stage | undefined;

  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof From) {
      current = newStage(doc, instruction, stages.length, byName, globals);
      stages.push(current);
      byName.set(current.name.toLowerCase(), current);
      continue;
    }
    if (!current) {
      if (instruction instanceof Arg) {
        for (const a of assignments(doc, instruction)) globals.set(a.name, a);
      }
      continue;
    }

    current.instructions.push(instruction);
    if (instruction instanceof Env || instruction instanceof Arg) {
      const list = assignments(doc, instruction, globals);
      current.assigned.set(instruction, list);
      const target = instruction instanceof Env ? current.env : current.args;
      for (const assignment of list) target.set(assignment.name, assignment);
    }
  }
  return stages;
}

function newStage(
  doc: SourceDocument,
  from: From,
  index: number,
  byName: Map<string, Stage>,
  globals: Map<string, Assignment>,
): Stage {
  const written = from.getImage() ?? undefined;
  const values = Object.fromEntries([...globals].map(([name, a]) => [name, a.value]));
  const resolved = written === undefined ? undefined : interpolate(written, values).value;
  const parent = resolved === undefined ? undefined : byName.get(resolved.toLowerCase());
  const range = from.getImageRange();
  const image = parent ? parent.image : resolved;

  return {
    name: from.getBuildStage() ?? String(index),
    image,
    imageSpan: range ? rangeSpan(doc, range) : undefined,
    dind: parent ? parent.dind : image !== undefined && isDindImage(image),
    parent,
    instructions: [],
    assigned: new Map(),
    env: new Map(),
    args: new Map(),
  };
}

/**
 * The assignments of an ENV or ARG instruction that give a value. Inside a stage, `ARG NAME`
 * without a value takes the global ARG's default, which is then where the value is written.
 */
export function assignments(
  doc: SourceDocument,
  instruction: Env | Arg,
  globals?: ReadonlyMap<string, Assignment>,
): Assignment[] {
  const keyword = instruction instanceof Env ? 'ENV' : 'ARG';
  const list: Assignment[] = [];
  for (const property of instruction.getProperties()) {
    const value = property.getValue();
    const valueSpan = propertyValueSpan(doc, property);
    if (value !== null && valueSpan !== undefined) {
      list.push({ name: property.getName(), value, valueSpan, keyword });
      continue;
    }
    const global = keyword === 'ARG' ? globals?.get(property.getName()) : undefined;
    if (global) list.push(global);
  }
  return list;
}

function propertyValueSpan(doc: SourceDocument, property: Property): Span | undefined {
  const range = property.getValueRange();
  if (!range) return undefined;

  const start = doc.lines.offsetAt(range.start);
  const end = doc.lines.offsetAt(range.end);
  const raw = doc.text.slice(start, end);
  if (/^"[^"\\]+"$|^'[^']+'$/.test(raw)) return doc.lines.span(start + 1, end - 1);
  if (start < end) return doc.lines.span(start, end);

  // `NAME=` has no value to point at; the assignment itself is the offending node.
  return rangeSpan(doc, property.getRange());
}

export function rangeSpan(
  doc: SourceDocument,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): Span {
  return doc.lines.span(doc.lines.offsetAt(range.start), doc.lines.offsetAt(range.end));
}

/** A variable as the stage's RUN steps see it: its own ENV and ARG, then inherited ENV. */
export function lookup(stage: Stage, name: string): Assignment | undefined {
  const own = stage.env.get(name) ?? stage.args.get(name);
  if (own) return own;
  for (let parent = stage.parent; parent; parent = parent.parent) {
    const inherited = parent.env.get(name);
    if (inherited) return inherited;
  }
  return undefined;
}

/** The variables a stage starts with: the engine's, then the ENV of the stages it builds on. */
export function inheritedVariables(stage: Stage, base: Variables): Map<string, string> {
  const chain: Stage[] = [];
  for (let s = stage.parent; s; s = s.parent) chain.unshift(s);

  const variables = new Map(Object.entries(base));
  for (const s of chain) {
    for (const [name, a] of s.env) variables.set(name, a.value);
  }
  return variables;
}

/** Variables the shell reads on its own, passed whether or not the script names them. */
const DOCKER_VARIABLES = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'];

/**
 * The variables `text` refers to (and the Docker client's own), out of those visible: a stage
 * may set thousands, a script uses a few.
 */
export function referencedVariables(
  visible: ReadonlyMap<string, string>,
  text: string,
): Record<string, string> {
  const picked: Record<string, string> = {};
  const names = [...DOCKER_VARIABLES];
  for (const match of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.push(match[1] ?? '');
  for (const name of names) {
    const value = visible.get(name);
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}
