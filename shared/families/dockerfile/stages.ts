import { Arg, Env, From, type Dockerfile, type Instruction, type Property } from 'dockerfile-ast';
import type { SourceDocument } from '../../model/document';
import type { Span } from '../../model/finding';
import { isDindImage } from '../../detect/images';
import { interpolate, type Variables } from '../../paths/normalise';
import { readFrom, type FromParts } from './from';

/** A range as dockerfile-ast gives it (LSP lines and characters). */
type Range = Span['range'];

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
  readonly name: string;
  /** the image the stage finally builds on (through earlier stages), after global ARGs */
  readonly image: string | undefined;
  /** the image word of the FROM instruction */
  readonly imageSpan: Span | undefined;
  readonly dind: boolean;
  readonly parent: Stage | undefined;
  readonly instructions: Instruction[];
  /** the stage's ENV and ARG values, read from its instructions when first asked for */
  variables(): StageVariables;
}

/** What the ENV and ARG instructions of one stage assign. */
export interface StageVariables {
  /** the assignments of each ENV and ARG instruction of the stage */
  assigned: Map<Instruction, Assignment[]>;
  env: Map<string, Assignment>;
  args: Map<string, Assignment>;
}

/**
 * Splits the Dockerfile into stages. What is known of a stage beyond its name and its parent
 * is read when first asked for (an instruction of it or of a stage built on it may hold a
 * finding): a long Dockerfile with one socket mount reads a few stages.
 */
export function readStages(doc: SourceDocument, dockerfile: Dockerfile, escape: string): Stage[] {
  const stages: Stage[] = [];
  const byName = new Map<string, Stage>();
  const globals = new Map<string, Assignment>();
  // global ARGs come before the first FROM: their values are final once it is reached
  let values: Variables | undefined;
  let current: Stage | undefined;

  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof From) {
      const from = readFrom(doc, instruction, escape);
      values ??= valuesOf(globals);
      current = new BuildStage(doc, from, stages.length, byName, { assigned: globals, values });
      stages.push(current);
      byName.set(current.name.toLowerCase(), current);
    } else if (current) {
      current.instructions.push(instruction);
    } else if (instruction instanceof Arg) {
      for (const a of assignments(doc, instruction)) globals.set(a.name, a);
    }
  }
  return stages;
}

/** The global ARGs (before the first FROM), whose defaults an `ARG NAME` of a stage takes. */
interface Globals {
  assigned: ReadonlyMap<string, Assignment>;
  values: Variables;
}

class BuildStage implements Stage {
  readonly name: string;
  readonly image: string | undefined;
  readonly parent: Stage | undefined;
  readonly instructions: Instruction[] = [];
  private read: StageVariables | undefined;
  private dindImage: boolean | undefined;

  constructor(
    private readonly doc: SourceDocument,
    private readonly from: FromParts,
    index: number,
    byName: ReadonlyMap<string, Stage>,
    private readonly globals: Globals,
  ) {
    const written = from.image?.value;
    const resolved = written?.includes('$') ? interpolate(written, globals.values).value : written;
    this.parent = resolved === undefined ? undefined : byName.get(resolved.toLowerCase());
    this.image = this.parent ? this.parent.image : resolved;
    this.name = from.stage ?? String(index);
  }

  get imageSpan(): Span | undefined {
    const word = this.from.image;
    return word && this.doc.lines.span(word.start, word.end);
  }

  get dind(): boolean {
    if (this.parent) return this.parent.dind;
    this.dindImage ??= this.image !== undefined && isDindImage(this.image);
    return this.dindImage;
  }

  variables(): StageVariables {
    this.read ??= readVariables(this.doc, this.instructions, this.globals.assigned);
    return this.read;
  }
}

function valuesOf(globals: ReadonlyMap<string, Assignment>): Variables {
  return Object.fromEntries([...globals].map(([name, a]) => [name, a.value]));
}

function readVariables(
  doc: SourceDocument,
  instructions: readonly Instruction[],
  globals: ReadonlyMap<string, Assignment>,
): StageVariables {
  const read: StageVariables = { assigned: new Map(), env: new Map(), args: new Map() };
  for (const instruction of instructions) {
    if (!(instruction instanceof Env || instruction instanceof Arg)) continue;
    const list = assignments(doc, instruction, globals);
    read.assigned.set(instruction, list);
    const target = instruction instanceof Env ? read.env : read.args;
    for (const assignment of list) target.set(assignment.name, assignment);
  }
  return read;
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

export function rangeSpan(doc: SourceDocument, range: Range): Span {
  return doc.lines.span(doc.lines.offsetAt(range.start), doc.lines.offsetAt(range.end));
}

/** A variable as the stage's RUN steps see it: its own ENV and ARG, then inherited ENV. */
export function lookup(stage: Stage, name: string): Assignment | undefined {
  const { env, args } = stage.variables();
  const own = env.get(name) ?? args.get(name);
  if (own) return own;
  for (let parent = stage.parent; parent; parent = parent.parent) {
    const inherited = parent.variables().env.get(name);
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
    for (const [name, a] of s.variables().env) variables.set(name, a.value);
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
