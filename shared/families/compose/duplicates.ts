import { isScalar, visit, type Document } from 'yaml';
import type { YamlProblem } from '../../model/yaml-notice';

/**
 * The repeated keys of a document's mappings, as the YAML parser reports them with
 * `uniqueKeys`: a key equal to an earlier key of the same mapping (scalars by value; merge keys
 * `<<` never, each has a value of its own). The parser's own check compares each key with every
 * earlier one, quadratic in the keys of a mapping: 40,000 keys took seconds. One set per
 * mapping keeps it linear.
 */
export function duplicateKeys(document: Document): YamlProblem[] {
  const problems: YamlProblem[] = [];
  visit(document, {
    Map: (_, map) => {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (!seen.has(pair.key.value)) {
          seen.add(pair.key.value);
          continue;
        }
        const start = pair.key.range?.[0] ?? 0;
        problems.push({ message: 'Map keys must be unique', pos: [start, start + 1] });
      }
    },
  });
  return problems;
}
