/**
 * The size of a text in UTF-8 bytes, the encoding every file the engine reads is saved in.
 * A lone surrogate counts as the three bytes of the replacement character an encoder writes.
 */

/** Whether the text takes more than `max` bytes in UTF-8; reads no further than it must. */
export function exceedsBytes(text: string, max: number): boolean {
  // Each UTF-16 code unit takes one to three bytes (a surrogate pair four, two units).
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;

  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= max; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (isPair(text, i)) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes > max;
}

function isPair(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

const KB = 1024;
const MB = 1024 * 1024;

/** `5 MB`, `512 KB`, `1.5 MB`, `900 bytes`: binary units, at most one decimal. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${oneDecimal(bytes / MB)} MB`;
  if (bytes >= KB) return `${oneDecimal(bytes / KB)} KB`;
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}

/** `2 s`, `1.5 s`, `250 ms`. */
export function formatMillis(millis: number): string {
  return millis >= 1000 ? `${oneDecimal(millis / 1000)} s` : `${millis} ms`;
}

function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}
