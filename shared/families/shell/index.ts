import { sortFindings } from '../../model/build';
import type { FamilyResult, SourceDocument } from '../../model/document';
import type { Notice } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import { newRun } from './run';
import { analyseScript } from './script';

/**
 * Shell scripts (`*.sh`, `*.bash`, files with a shell shebang). Findings are owned by the
 * command (`Command docker run`), or, for a DOCKER_HOST the script sets, by the file. Text the
 * tokenizer could not close (a quote, a here-document) is reported as a notice.
 */
export function analyseShell(doc: SourceDocument, options: ResolvedOptions): FamilyResult {
  const run = newRun(doc, options, {});
  const identity = (offset: number): number => offset;
  analyseScript(run, { text: doc.text, toDoc: identity, toDocEnd: identity });

  const notices: Notice[] = run.problems.map((problem) => {
    // A here-document left open by the last line starts at the very end of the text.
    const start = Math.min(problem.offset, doc.text.length);
    const consequence = problem.consequence ?? 'the rest of the file was read as part of it';
    return {
      severity: 'information',
      message: `Shell: ${problem.message}; ${consequence}`,
      span: doc.lines.span(start, Math.min(start + 1, doc.text.length)),
    };
  });
  return { findings: sortFindings(run.findings), notices };
}
