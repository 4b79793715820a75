import { isMap, isScalar } from 'yaml';
import type { Owner } from '../../model/finding';
import type { Setting } from './ci-env';
import { trimmedRange } from './mapped';
import { entries, spanOf, textOf, textSpan, valueOf, type YamlFile } from './tree';

/** Who sets a variable written at a document offset: a job, a service, or the top level. */
export type OwnerAt = (offset: number) => Owner | undefined;

/** Where an owner is written: [start, end) of its key and value. */
export interface Region {
  start: number;
  end: number;
  owner: Owner;
}

/** An OwnerAt over regions that do not overlap, found by binary search. */
export function regionLocator(regions: readonly Region[]): OwnerAt {
  const sorted = [...regions].sort((a, b) => a.start - b.start);
  return (offset) => {
    let low = 0;
    let high = sorted.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((sorted[mid]?.start ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    const region = sorted[low];
    return region && region.start <= offset && offset < region.end ? region.owner : undefined;
  };
}

/**
 * Reads a mapping of variables (`env:`, `variables:`). A value may be a scalar or, when
 * `valueMaps` is on (GitLab), a mapping with `value:`; other values are skipped. Where a variable
 * is set is decided by where its value is written, so a variable merged in from an anchor belongs
 * to the job that defines the anchor.
 */
export function readSettings(
  file: YamlFile,
  node: unknown,
  ownerAt: OwnerAt,
  valueMaps = false,
): Map<string, Setting> {
  const settings = new Map<string, Setting>();
  for (const [name, entry] of entries(file, node)) {
    const valueNode =
      valueMaps && isMap(entry.value) ? valueOf(file, entry.value, 'value') : entry.value;
    const text = textOf(file, valueNode);
    if (text === undefined || !isScalar(valueNode)) continue;

    const [from, to] = trimmedRange(text.text);
    const written = spanOf(file, valueNode);
    const span =
      to > from
        ? textSpan(file, text, from, to)
        : written.end > written.start
          ? written
          : spanOf(file, entry.keyNode);
    settings.set(name, { name, value: text.text, span, setIn: ownerAt(span.start) });
  }
  return settings;
}

/** Applies scopes in order: a later scope's variable replaces an earlier one of the same name. */
export function layered(
  ...scopes: ReadonlyArray<ReadonlyMap<string, Setting> | undefined>
): Map<string, Setting> {
  const result = new Map<string, Setting>();
  for (const scope of scopes) for (const [name, setting] of scope ?? []) result.set(name, setting);
  return result;
}
