import type { SourceDocument } from './document';
import type { Notice } from './finding';

/** What the `yaml` package reports of a syntax error: a message and an offset range. */
export interface YamlProblem {
  message: string;
  pos: [number, number];
}

/**
 * The notice for the first YAML syntax error of a file, worded alike in every YAML family: the
 * line and column, the parser's reason, and that findings cover only what could be read.
 */
export function yamlSyntaxNotice(doc: SourceDocument, error: YamlProblem): Notice {
  // The parser places an error at the end of the text (an unclosed quote) one past it.
  const start = Math.min(error.pos[0], doc.text.length);
  const end = Math.min(Math.max(start, error.pos[1]), doc.text.length);
  const span = doc.lines.span(start, end);
  const { line, character } = span.range.start;
  const reason = error.message.split('\n')[0] ?? error.message;
  return {
    severity: 'information',
    message:
      `YAML error at line ${line + 1}, column ${character + 1}: ${reason}. ` +
      'Findings cover only the part that could be read.',
    span,
  };
}
