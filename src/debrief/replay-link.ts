/**
 * A run carried in the URL fragment: the run file, compacted, deflated and base64url-encoded. The
 * fragment never reaches a server, so sharing a replay needs none; opening one goes through exactly
 * the checks an imported file does.
 */
import type { ReplayLinkErrorCode } from '../format/errors';
import type { Scenario } from '../format/schema';
import { decodeBase64url, encodeBase64url } from './base64url';
import { MAX_RUN_FILE_BYTES, readRun, runFileOf, type ImportResult, type RunRecord } from './run-file';

export const REPLAY_PARAM = 'replay';
/** Real runs make links of a few kB; anything near this is not one, and is refused before decoding. */
export const MAX_REPLAY_FRAGMENT = 200_000;
/** Inflating stops here: a tiny link must not be able to unpack into gigabytes. */
export const MAX_REPLAY_INFLATED = MAX_RUN_FILE_BYTES;

/** "#replay=<base64url>" for a run. */
export async function replayFragment(scenario: Scenario, record: RunRecord): Promise<string> {
  const json = JSON.stringify(await runFileOf(scenario, record));
  const packed = await pump(new TextEncoder().encode(json), new CompressionStream('deflate-raw'), Infinity);
  if (!packed.ok) throw new Error('Compressing the run failed.'); // Only a broken platform gets here.
  return `#${REPLAY_PARAM}=${encodeBase64url(packed.bytes)}`;
}

/** The run a location hash carries, checked and replayed; null when the hash carries no replay. */
export async function readReplayFragment(hash: string, scenarios: readonly Scenario[]): Promise<ImportResult | null> {
  if (typeof hash !== 'string') return null;
  const parts = hash.replace(/^#/, '').split('&');
  const part = parts.find((p) => p === REPLAY_PARAM || p.startsWith(`${REPLAY_PARAM}=`));
  if (part === undefined) return null;
  const refuse = (code: ReplayLinkErrorCode, message: string): ImportResult => ({ ok: false, error: { code, message } });
  const damaged = (code: ReplayLinkErrorCode, why: string) => refuse(code, `The replay link is damaged: ${why}.`);
  try {
    const value = part.slice(REPLAY_PARAM.length + 1);
    if (value.length === 0) return damaged('replay-link.empty', 'it carries no run');
    if (value.length > MAX_REPLAY_FRAGMENT) {
      return refuse(
        'replay-link.too-long',
        `The replay link is too long (${value.length.toLocaleString('en')} characters; the limit is ${MAX_REPLAY_FRAGMENT.toLocaleString('en')}). It is not a Firedrill replay.`,
      );
    }
    const decoded = decodeBase64url(value);
    if (!decoded.ok) return damaged('replay-link.not-base64', decoded.error);
    const inflated = await pump(decoded.bytes, new DecompressionStream('deflate-raw'), MAX_REPLAY_INFLATED);
    if (!inflated.ok) {
      return inflated.reason === 'too-big'
        ? refuse(
            'replay-link.too-big',
            `The replay link unpacks to more than ${MAX_REPLAY_INFLATED / (1024 * 1024)} MB, far more than any run; it was not opened.`,
          )
        : damaged('replay-link.corrupt', 'its data does not unpack (it may have been cut short or changed when copied)');
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
    } catch {
      return damaged('replay-link.not-text', 'what it unpacks to is not text');
    }
    return await readRun(text, scenarios, 'link');
  } catch (error) {
    return damaged('replay-link.corrupt', error instanceof Error ? error.message : String(error));
  }
}

type Pumped = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-big' | 'corrupt' };

/** Runs bytes through a (de)compression stream, giving up as soon as the output passes `limit`. */
async function pump(input: Uint8Array<ArrayBuffer>, transform: CompressionStream | DecompressionStream, limit: number): Promise<Pumped> {
  const writer = transform.writable.getWriter();
  // Written while reading, not before: a stream that fills up would otherwise wait forever. Its
  // failures surface on the reading side too, so they are only swallowed here, never awaited.
  void writer
    .write(input)
    .then(() => writer.close())
    .catch(() => undefined);
  const reader = transform.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too-big' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { ok: true, bytes };
}
