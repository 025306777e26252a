/**
 * Join codes, facilitator secrets and seat tokens: drawn from the operating system's secure random
 * source, stored only as digests, compared in constant time.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../net/protocol';

/** A new join code; `randomInt` is unbiased, so every code is equally likely. */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** A new secret (facilitator secret, seat token): 256 bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A uniformly random 32-bit seed for a game day whose facilitator gave none. */
export function newSeed(): number {
  return randomBytes(4).readUInt32BE(0);
}

/** What the room keeps instead of a secret, so a dumped state gives nothing away. */
export function digestOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `secret` is the one behind `digest`; digests have a fixed length, so the compare is constant-time. */
export function matchesDigest(secret: string, digest: string): boolean {
  const given = Buffer.from(digestOf(secret), 'hex');
  const stored = Buffer.from(digest, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
