/**
 * Reads the `.env` file Compose takes variables from: `KEY=value` lines, an optional `export `,
 * comments and blank lines ignored, one pair of surrounding quotes stripped. Multi-line values
 * and `${...}` inside values are not expanded: the value is used as written.
 */
export function parseDotEnv(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;

    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    variables[match[1] ?? ''] = unquote(match[2] ?? '');
  }
  return variables;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
    return value.slice(1, -1);
  }
  // An unquoted value ends at an inline comment.
  return value.replace(/\s+#.*$/, '');
}
