import type { FamilyResult, SourceDocument } from '../../model/document';
import type { Finding } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import { analyseDaemonArgs } from '../shell/embed';
import { DAEMON_OWNER, optionWords, splitAssignment } from './options';
import { mapped, sliceMapped, splitQuoted, toWord, type MappedText } from './words';

/** One `Key=value` setting after continuation lines were joined. */
interface Setting {
  key: string;
  value: MappedText;
}

/**
 * systemd units and drop-ins: `ExecStart=` lines that start dockerd, and daemon options passed
 * through `Environment=` (DOCKER_OPTS and the like, which an ExecStart expands).
 */
export function analyseSystemd(doc: SourceDocument, options: ResolvedOptions): FamilyResult {
  const settings = readSettings(doc);
  const starts = settings.filter((s) => s.key === 'ExecStart').map((s) => daemonCommand(s.value));
  const dockerUnit = /docker/i.test(doc.fileName) || starts.some((args) => args !== undefined);
  const context = { owner: DAEMON_OWNER };

  const findings: Finding[] = [];
  for (const args of starts) {
    if (args) findings.push(...analyseDaemonArgs(doc, args.map(toWord), options, context));
  }
  for (const setting of settings) {
    if (setting.key !== 'Environment') continue;
    for (const word of splitQuoted(setting.value)) {
      const assignment = splitAssignment(word);
      const words = assignment && optionWords(assignment.name, assignment.value, dockerUnit);
      if (words) findings.push(...analyseDaemonArgs(doc, words, options, context));
    }
  }
  return { findings, notices: [] };
}

/**
 * The settings of a unit file. A line ending in a backslash continues on the next line (the
 * backslash reads as a space); comment lines inside a continuation are skipped, as systemd does.
 */
function readSettings(doc: SourceDocument): Setting[] {
  const settings: Setting[] = [];
  // The lines of the setting being read, joined once it ends: joining line by line would copy
  // the offsets of every earlier line again for each continuation.
  let pieces: MappedText[] = [];

  for (let line = 0; line < doc.lines.lineCount; line++) {
    const text = doc.lines.lineText(line);
    const trimmed = text.trim();
    if (/^[#;]/.test(trimmed) || (pieces.length === 0 && trimmed === '')) continue;

    const piece = mapped(text.replace(/\s+$/, ''), doc.lines.lineStart(line));
    const continued = /\\$/.test(piece.text);
    if (continued) piece.text = `${piece.text.slice(0, -1)} `;
    pieces.push(piece);
    if (continued) continue;

    const setting = toSetting(joinAll(pieces));
    if (setting) settings.push(setting);
    pieces = [];
  }
  const last = pieces.length > 0 ? toSetting(joinAll(pieces)) : undefined;
  if (last) settings.push(last);
  return settings;
}

function joinAll(pieces: readonly MappedText[]): MappedText {
  return {
    text: pieces.map((piece) => piece.text).join(''),
    offsets: pieces.flatMap((piece) => piece.offsets),
    begin: pieces[0]?.begin ?? 0,
  };
}

function toSetting(line: MappedText): Setting | undefined {
  const match = /^\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*/.exec(line.text);
  if (!match) return undefined;
  return { key: match[1] ?? '', value: sliceMapped(line, match[0].length) };
}

/** The arguments of an ExecStart command line when the command is dockerd (or `docker daemon`). */
function daemonCommand(value: MappedText): MappedText[] | undefined {
  const prefix = /^[-@+!:]*/.exec(value.text)?.[0] ?? '';
  const [command, ...others] = splitQuoted(sliceMapped(value, prefix.length));
  if (!command) return undefined;
  // With `@` the second word is the name the program sees as argv[0], not an argument.
  const rest = prefix.includes('@') ? others.slice(1) : others;

  const name = command.text.slice(command.text.lastIndexOf('/') + 1);
  if (name === 'dockerd') return rest;
  if (name === 'docker' && rest[0]?.text === 'daemon') return rest.slice(1);
  return undefined;
}
