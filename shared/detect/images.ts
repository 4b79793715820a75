/** Facts about container images and runtimes that several families need. */

/** The repository part of an image reference: no registry default, tag or digest. */
export function imageRepository(image: string): string {
  const withoutDigest = image.trim().split('@')[0] ?? '';
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const repo = colon > lastSlash ? withoutDigest.slice(0, colon) : withoutDigest;
  return repo.replace(/^(?:docker\.io\/|index\.docker\.io\/)?(?:library\/)?/i, '').toLowerCase();
}

export function imageTag(image: string): string {
  const withoutDigest = image.trim().split('@')[0] ?? '';
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > lastSlash ? withoutDigest.slice(colon + 1).toLowerCase() : 'latest';
}

/**
 * A Docker-in-Docker image: the official `docker:*dind*` tags, or any image whose name says dind
 * (`cruizba/ubuntu-dind`, `myorg/dind-runner`). Template directives do not defeat it.
 */
export function isDindImage(image: string): boolean {
  const repo = imageRepository(image);
  const base = repo.slice(repo.lastIndexOf('/') + 1);
  if (base === 'docker' && /(^|[-.])dind([-.]|$)/.test(imageTag(image))) return true;
  return /(^|[-_./])dind([-_.]|$)/.test(base);
}

/** The images the settings trust by default: filtering socket proxies. */
export const DEFAULT_TRUSTED_IMAGES: readonly string[] = [
  'tecnativa/docker-socket-proxy',
  'lscr.io/linuxserver/socket-proxy',
  'linuxserver/socket-proxy',
  'ghcr.io/tecnativa/docker-socket-proxy',
  'wollomatic/socket-proxy',
];

/** Matches an image against trusted patterns: repository names, `*` matching within one path segment. */
export function isTrustedImage(image: string | undefined, patterns: readonly string[]): boolean {
  if (image === undefined || image.trim() === '') return false;

  const repo = imageRepository(image);
  return patterns.some((pattern) => matcherOf(pattern)(repo));
}

/**
 * Each pattern read once: the settings' few patterns are matched against every image of every
 * file. Settings change seldom; should a client send many lists, the cache starts over.
 */
const MATCHERS = new Map<string, (repo: string) => boolean>();
const MAX_MATCHERS = 256;

function matcherOf(pattern: string): (repo: string) => boolean {
  let matcher = MATCHERS.get(pattern);
  if (matcher) return matcher;

  if (MATCHERS.size >= MAX_MATCHERS) MATCHERS.clear();
  matcher = compile(pattern);
  MATCHERS.set(pattern, matcher);
  return matcher;
}

function compile(pattern: string): (repo: string) => boolean {
  const wanted = imageRepository(pattern);
  if (!wanted.includes('*')) return (repo) => wanted === repo;
  const source = wanted.split('*').map(escapeRegExp).join('[^/]*');
  const expression = new RegExp(`^${source}$`);
  return (repo) => expression.test(repo);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The Sysbox runtime runs system containers (and Docker inside them) without privileges. */
export function isSysboxRuntime(runtime: string | undefined): boolean {
  return runtime !== undefined && /^sysbox-runc$/i.test(runtime.trim());
}
