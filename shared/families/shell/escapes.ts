/** Decoding of `$'...'` (ANSI-C quoting) escapes. */

const SIMPLE: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

const DIGITS: Readonly<Record<string, RegExp>> = {
  x: /^[0-9A-Fa-f]{1,2}/,
  u: /^[0-9A-Fa-f]{1,4}/,
  U: /^[0-9A-Fa-f]{1,8}/,
};

/**
 * Decodes the escape whose backslash is at `at`: the character(s) it stands for and how many
 * script characters it takes. An escape bash does not know stays as written.
 */
export function ansiEscape(text: string, at: number): { value: string; length: number } {
  const letter = text[at + 1];
  if (letter === undefined) return { value: '\\', length: 1 };

  const simple = SIMPLE[letter];
  if (simple !== undefined) return { value: simple, length: 2 };

  const octal = /^[0-7]{1,3}/.exec(text.slice(at + 1, at + 4));
  if (octal)
    return {
      value: String.fromCharCode(parseInt(octal[0], 8) & 0xff),
      length: 1 + octal[0].length,
    };

  const pattern = DIGITS[letter];
  const digits = pattern?.exec(text.slice(at + 2, at + 10));
  if (digits) {
    const code = parseInt(digits[0], 16);
    const value = code <= 0x10ffff ? String.fromCodePoint(code) : '';
    return { value, length: 2 + digits[0].length };
  }

  if (letter === 'c' && at + 2 < text.length) {
    return { value: String.fromCharCode(text.charCodeAt(at + 2) & 0x1f), length: 3 };
  }
  return { value: '\\' + letter, length: 2 };
}
