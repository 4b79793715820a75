import type { Owner } from '../../model/finding';
import type { Word } from '../shell/embed';
import { sliceMapped, splitFields, toWord, type MappedText } from './words';

export const DAEMON_OWNER: Owner = { kind: 'daemon', name: 'dockerd' };

/** Variables that distributions expand into the dockerd command line. */
const DOCKER_OPTION_VARS = new Set(['DOCKER_OPTS', 'DOCKERD_OPTS', 'DOCKER_OPTIONS']);

/** Generic names that hold daemon options only in a Docker unit or defaults file. */
const GENERIC_OPTION_VARS = new Set(['OPTIONS', 'other_args']);

/**
 * The dockerd words of variable `name` when it carries daemon options, split at whitespace as an
 * unquoted `$DOCKER_OPTS` is; undefined for other variables.
 */
export function optionWords(
  name: string,
  value: MappedText,
  dockerFile: boolean,
): Word[] | undefined {
  if (!DOCKER_OPTION_VARS.has(name) && !(dockerFile && GENERIC_OPTION_VARS.has(name))) {
    return undefined;
  }
  return splitFields(value).map(toWord);
}

/** Splits a `NAME=value` word (after quote removal) into its name and value. */
export function splitAssignment(word: MappedText): { name: string; value: MappedText } | undefined {
  const equals = word.text.indexOf('=');
  if (equals <= 0) return undefined;
  return { name: word.text.slice(0, equals), value: sliceMapped(word, equals + 1) };
}
