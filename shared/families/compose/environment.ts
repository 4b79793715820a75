import type { Node } from 'yaml';
import type { SourceDocument } from '../../model/document';
import type { Span } from '../../model/finding';
import type { Variables } from '../../paths/normalise';
import { interpolate } from '../../paths/normalise';
import { asMap, asSeq, entries, items, rangeOf, scalarText } from './nodes';
import { valueOffsets } from './offsets';
import { nodeSpan } from './report';
import type { ComposeFile, ComposeService } from './services';

/**
 * Reading a service's `environment:` as a list (`- KEY=value`) or a mapping (`KEY: value`).
 * A variable without a value (`- KEY`, `KEY:` with nothing) takes its value from the shell that
 * runs Compose, so it is left out: nothing is known about it.
 *
 * Spans: `valueSpan` is the value alone. In list form that is the text after `=` inside the
 * scalar (inside its quotes, escapes mapped back); in mapping form it is the value scalar with
 * its quotes. `entrySpan` is key and value together: the whole list scalar with its quotes, or
 * from the mapping key to the end of the value. An empty value has no width of its own, so
 * findings about one point at `entrySpan`.
 */
export interface EnvironmentVariable {
  name: string;
  /** the value as written */
  value: string;
  /** the value with Compose variables resolved from the options */
  resolved: string;
  form: 'list' | 'map';
  /** the position in the list (list form only) */
  index: number | undefined;
  node: Node;
  valueSpan: Span;
  entrySpan: Span;
}

/** A service's environment by name; a later definition of a name wins, as in Compose. */
export function readEnvironment(
  service: ComposeService,
  file: ComposeFile,
  doc: SourceDocument,
  variables: Variables = {},
): Map<string, EnvironmentVariable> {
  const value = service.get('environment')?.value;
  const found = asSeq(value) ? readList(value, file, doc) : readMap(value, file, doc);

  const result = new Map<string, EnvironmentVariable>();
  for (const variable of found) {
    const resolved = interpolate(variable.value, variables).value;
    result.set(variable.name, { ...variable, resolved });
  }
  return result;
}

type Unresolved = Omit<EnvironmentVariable, 'resolved'>;

function readList(value: Node | undefined, file: ComposeFile, doc: SourceDocument): Unresolved[] {
  const found: Unresolved[] = [];
  items(asSeq(value), file.anchors).forEach((node, index) => {
    const text = scalarText(node, file.text);
    if (node === undefined || text === undefined) return;
    const equals = text.indexOf('=');
    if (equals <= 0) return;

    const entrySpan = nodeSpan(doc, node);
    const offsets = valueOffsets(node, file.text);
    const valueSpan =
      offsets === undefined
        ? entrySpan
        : doc.lines.span(
            offsets[equals + 1] ?? entrySpan.end,
            offsets[text.length] ?? entrySpan.end,
          );

    const name = text.slice(0, equals).trim();
    found.push({
      name,
      value: text.slice(equals + 1),
      form: 'list',
      index,
      node,
      valueSpan,
      entrySpan,
    });
  });
  return found;
}

function readMap(value: Node | undefined, file: ComposeFile, doc: SourceDocument): Unresolved[] {
  const found: Unresolved[] = [];
  for (const variable of entries(asMap(value), file.anchors, file.text)) {
    const node = variable.value;
    const text = scalarText(node, file.text);
    if (node === undefined || text === undefined) continue;

    const entrySpan = doc.lines.span(rangeOf(variable.keyNode)[0], rangeOf(node)[1]);
    const valueSpan = nodeSpan(doc, node);
    found.push({
      name: variable.key,
      value: text,
      form: 'map',
      index: undefined,
      node,
      valueSpan,
      entrySpan,
    });
  }
  return found;
}
