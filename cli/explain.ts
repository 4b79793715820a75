import { explainFinding } from '../shared/explain';
import type { FileKind, Finding } from '../shared/model/finding';

/**
 * The threat model of a finding (the engine's hover text) as plain text for a terminal: bold
 * markers dropped, links as `label: url`. Code spans keep their backticks, which read well.
 */
export function explanationOf(finding: Finding, kind: FileKind | undefined, text?: string): string {
  return plainText(explainFinding(finding, kind, text));
}

/**
 * The same for a running container, which has no line: the paragraph naming the line is left
 * out (the finding's own line already says what is exposed).
 */
export function containerExplanationOf(finding: Finding): string {
  const sections = explainFinding(finding, undefined).split('\n\n');
  return plainText(sections.filter((s) => !s.startsWith('**What is exposed.**')).join('\n\n'));
}

function plainText(markdown: string): string {
  return markdown.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1: $2');
}

/**
 * Wraps each paragraph of a text to lines of at most `width` characters after `indent`; list
 * items (`- `) keep their dash and indent their continuation lines.
 */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (paragraph.trim() === '') {
      lines.push('');
      continue;
    }
    const bullet = paragraph.startsWith('- ');
    const body = bullet ? paragraph.slice(2) : paragraph;
    const wrapped = wrapWords(body, width - indent.length - (bullet ? 2 : 0));
    wrapped.forEach((line, i) => {
      const lead = bullet ? (i === 0 ? '- ' : '  ') : '';
      lines.push(indent + lead + line);
    });
  }
  return lines;
}

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
