import { judgeClientEndpoint } from '../../detect/endpoint';
import { makeFinding, sortFindings } from '../../model/build';
import type { FamilyResult, SourceDocument } from '../../model/document';
import type { Finding, Owner } from '../../model/finding';
import { plaintextClientMessage, tlsUnverifiedMessage } from '../../model/messages';
import type { ResolvedOptions } from '../../model/options';
import { analyseEmbeddedShell } from '../shell/embed';
import { expand, type Lookup } from './expand';
import { parseMakefile, type Makefile } from './parse';
import { RecipeScript } from './recipe';

/**
 * Makefiles: each recipe line is expanded as make would (variables of the file, `$$`) and
 * analysed as the shell script make hands it (the whole recipe at once under `.ONESHELL`). A
 * finding is owned by `Command make <target>` (`{ kind: 'command', name: 'make <target>' }`, the
 * rule's first target); where it lies on an expanded `$(VAR)`, its span is the reference and a
 * related location points at the variable's value. An exported DOCKER_HOST is judged where it is
 * assigned, owned by the file.
 */
export function analyseMakefile(doc: SourceDocument, options: ResolvedOptions): FamilyResult {
  const file = parseMakefile(doc);
  const lookup = makeLookup(file, options);
  const exported = exportedValues(file, lookup);
  const findings: Finding[] = exportedDockerHost(doc, file, exported);

  for (const recipe of file.recipes) {
    const owner: Owner = { kind: 'command', name: `make ${recipe.target}` };
    const shells = file.oneShell ? [recipe.lines.flat()] : recipe.lines;
    for (const runs of shells) {
      if (runs.length === 0) continue;
      const script = new RecipeScript(doc, runs, lookup);
      const found = analyseEmbeddedShell(doc, script, options, { owner, variables: exported });
      findings.push(...found.map((finding) => withOrigins(doc, file, script, finding)));
    }
  }
  return { findings: sortFindings(findings), notices: [] };
}

/** Variables expanded on demand; a variable the file does not set may come from the options. */
function makeLookup(file: Makefile, options: ResolvedOptions): Lookup {
  const cache = new Map<string, string | undefined>();
  const active = new Set<string>();
  const lookup: Lookup = (name) => {
    if (cache.has(name)) return cache.get(name);
    const variable = file.variables.get(name);
    if (!variable) return options.variables[name];
    if (variable.unknown || active.has(name)) return undefined;

    active.add(name);
    const value = expand(variable.value, lookup).text;
    active.delete(name);
    cache.set(name, value);
    return value;
  };
  return lookup;
}

/** What make puts in the recipe's environment: exported variables, expanded. */
function exportedValues(file: Makefile, lookup: Lookup): Record<string, string> {
  const values: Record<string, string> = {};
  const names = file.exportAll ? [...file.variables.keys()] : [...file.exported];
  for (const name of names) {
    const value = file.variables.has(name) ? lookup(name) : undefined;
    if (value !== undefined) values[name] = value;
  }
  return values;
}

function exportedDockerHost(
  doc: SourceDocument,
  file: Makefile,
  exported: Record<string, string>,
): Finding[] {
  const variable = file.variables.get('DOCKER_HOST');
  const endpoint = exported.DOCKER_HOST;
  if (!variable || endpoint === undefined) return [];
  const verdict = judgeClientEndpoint(endpoint, exported.DOCKER_TLS_VERIFY);
  if (verdict === undefined) return [];

  const path = doc.fileName.replace(/\\/g, '/');
  const owner: Owner = { kind: 'file', name: path.slice(path.lastIndexOf('/') + 1) || 'Makefile' };
  const plaintext = verdict === 'plaintext';
  const span = doc.lines.span(variable.start, variable.end);
  const message = plaintext
    ? plaintextClientMessage(owner, 'DOCKER_HOST', endpoint)
    : tlsUnverifiedMessage(owner, endpoint);
  return [
    makeFinding(plaintext ? 'DSG003' : 'DSG004', span, message, {
      exposure: plaintext ? 'plaintext-tcp' : 'tls-unverified',
      owner,
      endpoint,
      detail: { variable: 'DOCKER_HOST', exported: true },
    }),
  ];
}

/** Adds where the file sets each variable whose reference the finding's span covers. */
function withOrigins(
  doc: SourceDocument,
  file: Makefile,
  script: RecipeScript,
  finding: Finding,
): Finding {
  const { start, end } = finding.span;
  const origins = script.references
    .filter((ref) => ref.start < end && start < ref.end)
    .flatMap((ref) => {
      const variable = file.variables.get(ref.name);
      if (!variable) return [];
      const span = doc.lines.span(variable.start, variable.end);
      return [{ span, message: `Make variable ${ref.name} is set here` }];
    });
  return origins.length === 0 ? finding : { ...finding, related: [...finding.related, ...origins] };
}
