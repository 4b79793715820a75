import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { Owner, Span } from '../../model/finding';
import type { Settings } from '../yaml-embed/ci-env';
import { layered, readSettings, regionLocator, type OwnerAt } from '../yaml-embed/settings';
import { entries, itemsOf, spanOf, stringOf, valueOf, type YamlFile } from '../yaml-embed/tree';

/**
 * The jobs of a GitLab CI file and what each runs with after `extends:` (hashes merged, the
 * job's own keys last), `default:` and the top-level `variables:`, honouring `inherit:`.
 */

/** Top-level keys that are keywords, not jobs. */
const KEYWORDS = new Set([
  'default',
  'include',
  'stages',
  'types',
  'variables',
  'workflow',
  'spec',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
]);

export interface GitlabJob {
  name: string;
  keyNode: Scalar;
  node: Node;
  hidden: boolean;
  owner: Owner;
  nameSpan: Span;
}

/** What extends gives a job: merged variables and the last `services:` and `image:` defined. */
interface Inherited {
  variables: Settings;
  services?: Node;
  image?: Node;
  inherit?: Node;
  /** the jobs this one extends, directly or not */
  ancestors: Set<string>;
}

export interface GitlabFile {
  file: YamlFile;
  jobs: GitlabJob[];
  globals: Settings;
  /** `default:` merged over the deprecated top-level keywords */
  defaults: Map<string, Node | undefined>;
  ownerAt: OwnerAt;
  resolve(job: GitlabJob): Inherited;
}

export function readGitlabFile(file: YamlFile): GitlabFile {
  const root = file.root;
  const top = entries(file, root);
  const jobs: GitlabJob[] = [];
  for (const [name, entry] of top) {
    if (KEYWORDS.has(name) || !isMap(entry.value)) continue;
    const owner: Owner = { kind: 'job', name };
    const nameSpan = spanOf(file, entry.keyNode);
    jobs.push({
      name,
      keyNode: entry.keyNode,
      node: entry.value,
      hidden: name.startsWith('.'),
      owner,
      nameSpan,
    });
  }

  const ownerAt = locateJobs(jobs);
  const defaults = new Map<string, Node | undefined>();
  for (const key of ['image', 'services', 'before_script', 'after_script']) {
    const value = valueOf(file, valueOf(file, root, 'default'), key) ?? top.get(key)?.value;
    if (value) defaults.set(key, value);
  }
  const globals = readSettings(file, top.get('variables')?.value, ownerAt, true);
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const memo = new Map<string, Inherited>();
  const resolve = (job: GitlabJob): Inherited => inherited(file, job, byName, memo, ownerAt, []);
  return { file, jobs, globals, defaults, ownerAt, resolve };
}

/** Who sets a value, by where it is written: the job whose text holds it, else the top level. */
function locateJobs(jobs: readonly GitlabJob[]): OwnerAt {
  const regions = jobs.map((job) => ({
    start: job.keyNode.range?.[0] ?? 0,
    end: job.node.range?.[2] ?? 0,
    owner: job.owner,
  }));
  return regionLocator(regions);
}

function extendsOf(file: YamlFile, job: GitlabJob): string[] {
  const node = valueOf(file, job.node, 'extends');
  const items = isSeq(node) ? itemsOf(file, node) : [node];
  return items
    .map((item) => (isScalar(item) ? stringOf(file, item) : undefined))
    .filter((n) => n !== undefined);
}

function inherited(
  file: YamlFile,
  job: GitlabJob,
  byName: ReadonlyMap<string, GitlabJob>,
  memo: Map<string, Inherited>,
  ownerAt: OwnerAt,
  stack: string[],
): Inherited {
  const known = memo.get(job.name);
  if (known) return known;
  if (stack.includes(job.name) || stack.length > 11)
    return { variables: new Map(), ancestors: new Set() };

  const result: Inherited = { variables: new Map(), ancestors: new Set() };
  for (const name of extendsOf(file, job)) {
    const parent = byName.get(name);
    if (!parent) continue;
    const from = inherited(file, parent, byName, memo, ownerAt, [...stack, job.name]);
    result.variables = layered(result.variables, from.variables);
    result.services = from.services ?? result.services;
    result.image = from.image ?? result.image;
    result.inherit = from.inherit ?? result.inherit;
    result.ancestors = new Set([...result.ancestors, name, ...from.ancestors]);
  }

  const own = entries(file, job.node);
  result.variables = layered(
    result.variables,
    readSettings(file, own.get('variables')?.value, ownerAt, true),
  );
  result.services = own.get('services')?.value ?? result.services;
  result.image = own.get('image')?.value ?? result.image;
  result.inherit = own.get('inherit')?.value ?? result.inherit;
  memo.set(job.name, result);
  return result;
}

/** `inherit: variables:`/`default:` is true, false or a list of names; true when not given. */
export function inherits(
  file: YamlFile,
  inherit: Node | undefined,
  what: string,
  name: string,
): boolean {
  const value = valueOf(file, inherit, what);
  if (isSeq(value)) return itemsOf(file, value).some((item) => stringOf(file, item) === name);
  return !(isScalar(value) && value.value === false);
}
