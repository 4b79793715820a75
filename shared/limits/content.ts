/**
 * Text that is not text. The engine receives a string: a UTF-16 file decoded as UTF-8 or Latin-1
 * by a caller shows a NUL between the characters of ASCII text, and binary files are full of
 * NULs. Configuration files never hold NUL, so a sample with many of them is not analysed (a
 * stray NUL or two, as in a damaged file, does not stop the analysis).
 */

/** How much of the text is sampled, as Git does to tell binary files. */
const SAMPLE = 8192;

/** At least one character in ten of the sample is NUL; UTF-16 ASCII text has one in two. */
const NUL_SHARE = 0.1;

export function looksBinary(text: string): boolean {
  // Text has no NUL at all: one native search of the sample rules it out without a loop.
  const length = Math.min(text.length, SAMPLE);
  if (!text.slice(0, length).includes('\0')) return false;

  let nuls = 0;
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(i) === 0) nuls++;
  }
  return nuls > 0 && nuls >= length * NUL_SHARE;
}

/**
 * The text with its NULs removed, for recognising the family of a file that looks binary (a
 * UTF-16 `kind: Pod` reads `k\0i\0n\0d\0`). Positions in it mean nothing.
 */
export function withoutNuls(text: string): string {
  return text.includes('\0') ? text.replace(/\0/g, '') : text;
}
