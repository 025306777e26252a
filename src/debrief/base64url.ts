/**
 * Base64url without padding (RFC 4648 §5), written out rather than via btoa/atob: atob skips
 * whitespace and accepts both alphabets, and a damaged link should be named as damaged, not guessed at.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

export type Decoded = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; error: string };

/** Decodes strictly; the error says where and what, for the "link is damaged" message. */
export function decodeBase64url(text: string): Decoded {
  // One leftover character carries fewer than 8 bits, so no byte can end there: the text was cut.
  if (text.length % 4 === 1)
    return { ok: false, error: 'it ends in the middle of a character group, so it was probably cut short when copied' };
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const value = VALUE.get(text[i]!);
    if (value === undefined) {
      return { ok: false, error: `it contains ${JSON.stringify(text[i])} at position ${i + 1}, which cannot appear in a replay link` };
    }
    buffer = ((buffer << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffer >> bits) & 0xff;
    }
  }
  return { ok: true, bytes };
}
