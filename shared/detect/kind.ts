import type { FileKind } from '../model/finding';

/**
 * Recognises a file's family from its name, its editor language id and, for YAML and files
 * without a telling name, a cheap look at its content. Returns undefined for files the engine
 * does not read (a plain YAML file, a README).
 */
export function detectKind(
  fileName: string,
  text: string,
  languageId?: string,
): FileKind | undefined {
  const path = fileName.replace(/\\/g, '/');
  const base = path.slice(path.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();

  const byName = kindByName(path, base, lower);
  if (byName) return byName;

  const byLanguage = kindByLanguage(languageId, text);
  if (byLanguage) return byLanguage;

  if (/\.ya?ml$/i.test(lower) || /\.tpl$/i.test(lower)) return yamlKind(path, text);
  if (
    /^#!\s*\S*\b(?:ba|da|k|z)?sh\b/.test(text) ||
    /^#!\s*\S*env\s+(?:ba|da|k|z)?sh\b/.test(text)
  ) {
    return 'shell';
  }
  return undefined;
}

function kindByName(path: string, base: string, lower: string): FileKind | undefined {
  if (
    /^(?:docker|container)file(?:\..+)?$/i.test(base) ||
    /\.(?:docker|container)file$/i.test(lower)
  ) {
    return 'dockerfile';
  }
  if (
    lower === '.devcontainer.json' ||
    /(?:^|\/)\.devcontainer\/(?:[^/]+\/)?devcontainer\.json$/i.test(path)
  ) {
    return 'devcontainer';
  }
  if (lower === 'daemon.json') return 'daemon-json';
  if (/\.(?:service|socket)$/.test(lower) || /\.service\.d\/[^/]+\.conf$/.test(path))
    return 'systemd';
  if (/(?:^|\/)(?:default|sysconfig)\/docker$/.test(path)) return 'docker-defaults';
  if (/^(?:gnu)?makefile$/i.test(base) || lower.endsWith('.mk')) return 'makefile';
  if (/\.(?:sh|bash|ksh|zsh)$/.test(lower)) return 'shell';
  if (/(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(path)) return 'github-actions';
  if (/(?:^|\.)gitlab-ci\.ya?ml$/.test(lower)) return 'gitlab-ci';
  if (lower === 'config.toml' && /(?:^|\/)gitlab-runner\//.test(path)) return 'gitlab-runner';
  if (/^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/.test(lower)) return 'compose';
  return undefined;
}

function kindByLanguage(languageId: string | undefined, text: string): FileKind | undefined {
  switch (languageId) {
    case 'dockerfile':
      return 'dockerfile';
    case 'dockercompose':
      return 'compose';
    case 'shellscript':
      return 'shell';
    case 'makefile':
      return 'makefile';
    case 'github-actions-workflow':
      return 'github-actions';
    case 'toml':
      return /^\s*\[\[runners\]\]/m.test(text) ? 'gitlab-runner' : undefined;
    default:
      return undefined;
  }
}

/** A YAML file is read only when it is Compose, Kubernetes or a Helm template. */
function yamlKind(path: string, text: string): FileKind | undefined {
  const helm = /(?:^|\/)templates\/[^/]+$/.test(path) || text.includes('{{');
  if (/^(?:apiVersion|kind)\s*:/m.test(text) && /^kind\s*:/m.test(text)) {
    return helm ? 'helm' : 'kubernetes';
  }
  if (/^services\s*:/m.test(text)) return 'compose';
  if (helm && /^\s*(?:apiVersion|kind)\s*:/m.test(text)) return 'helm';
  return undefined;
}
