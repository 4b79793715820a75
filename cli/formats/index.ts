import type { Format } from '../args';
import type { Report } from '../report';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

export interface RenderOptions {
  color: boolean;
  explain: boolean;
  cwd: string;
}

/** The report in the chosen format, ready to write. */
export function render(format: Format, report: Report, options: RenderOptions): string {
  switch (format) {
    case 'text':
      return formatText(report, options);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, options);
    case 'github':
      return formatGithub(report);
  }
}
