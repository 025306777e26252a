import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  exportRun,
  readReplayFragment,
  REPLAY_PARAM,
  replayFragment,
  runRecordOf,
  type ImportResult,
  type RunRecord,
} from '../../src/debrief';
import { decodeBase64url, encodeBase64url } from '../../src/debrief/base64url';
import { replay, runToEnd, score, type EngineState } from '../../src/engine';
import { loadShipped, shippedScriptLog } from './helpers/flagship';

const scenario = loadShipped('friday-deploy.json');

function played(script: string): { record: RunRecord; state: EngineState } {
  const { log, options } = shippedScriptLog(scenario, `friday-deploy/${script}`);
  const state = runToEnd(scenario, replay(scenario, options, log).state);
  return { record: runRecordOf(scenario, options, log, state), state };
}

/** A fragment made with Node's own zlib and Buffer, independent of the module under test. */
const fragmentOf = (bytes: Uint8Array) => `#replay=${Buffer.from(deflateRawSync(bytes)).toString('base64url')}`;
const fragmentOfJson = (value: unknown) => fragmentOf(Buffer.from(JSON.stringify(value)));

function withChecksum(file: Record<string, unknown>): Record<string, unknown> {
  const { checksum: _old, ...body } = file;
  const canonical = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : v !== null && typeof v === 'object'
        ? `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
            .join(',')}}`
        : JSON.stringify(v);
  return { ...body, checksum: `sha256:${createHash('sha256').update(canonical(body)).digest('hex')}` };
}

async function refusal(hash: string): Promise<string> {
  const result: ImportResult | null = await readReplayFragment(hash, [scenario]);
  if (result === null) throw new Error('expected a replay, got none');
  if (result.ok) throw new Error('expected the link to be refused');
  return result.error.message;
}

describe('replay links', () => {
  let methodical: { record: RunRecord; state: EngineState };
  let frantic: { record: RunRecord; state: EngineState };
  let link: string;
  beforeAll(async () => {
    methodical = played('methodical.json');
    frantic = played('frantic.json');
    link = await replayFragment(scenario, methodical.record);
  });

  it('carries the compact run file, deflated and base64url-encoded without padding', async () => {
    expect(REPLAY_PARAM).toBe('replay');
    expect(link).toMatch(/^#replay=[A-Za-z0-9_-]+$/);
    const carried = JSON.parse(inflateRawSync(Buffer.from(link.slice('#replay='.length), 'base64url')).toString('utf8'));
    expect(carried).toEqual(JSON.parse(await exportRun(scenario, methodical.record)));
    // Small enough to paste into a chat message.
    expect(link.length).toBeLessThan(4000);
  });

  it.each(['methodical', 'frantic'] as const)('replays the %s run to the identical state and score', async (which) => {
    const run = which === 'methodical' ? methodical : frantic;
    const result = await readReplayFragment(await replayFragment(scenario, run.record), [scenario]);
    if (!result?.ok) throw new Error(result?.error.message ?? 'no replay');
    expect(result.record).toEqual(run.record);
    expect(result.state).toEqual(run.state);
    expect(score(scenario, result.state)).toEqual(score(scenario, run.state));
    expect(result.result.total).toBe(score(scenario, run.state).total);
  });

  it('finds the replay among other fragment parameters', async () => {
    const result = await readReplayFragment(`#view=debrief&${link.slice(1)}&x=1`, [scenario]);
    expect(result?.ok).toBe(true);
  });

  it('returns null when the hash carries no replay', async () => {
    for (const hash of ['', '#', '#debrief', '#replayed=abc', '#view=replay'])
      expect(await readReplayFragment(hash, [scenario]), hash).toBeNull();
  });

  it('says a link cut short when copied is damaged', async () => {
    // Cut at several places: some cuts end mid character group, others mid deflate stream.
    for (const keep of [0.3, 0.5, 0.9]) {
      const cut = link.slice(0, Math.floor(link.length * keep));
      expect(await refusal(cut), String(keep)).toMatch(/^The replay link is damaged: /);
    }
    expect(await refusal(link.slice(0, '#replay='.length + 4 * 50 + 1))).toBe(
      'The replay link is damaged: it ends in the middle of a character group, so it was probably cut short when copied.',
    );
  });

  it('says which character does not belong', async () => {
    const broken = `${link.slice(0, 40)}%${link.slice(41)}`;
    expect(await refusal(broken)).toBe('The replay link is damaged: it contains "%" at position 33, which cannot appear in a replay link.');
  });

  it('refuses a link whose data was changed in transit', async () => {
    const bytes = Buffer.from(link.slice('#replay='.length), 'base64url');
    for (const at of [10, Math.floor(bytes.length / 2), bytes.length - 3]) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at]! ^ 0x5a;
      const error = await refusal(`#replay=${changed.toString('base64url')}`);
      expect(error, String(at)).toMatch(
        /^The replay link (is damaged|is damaged or was edited|does not have the expected contents|is not a Firedrill run)/,
      );
    }
  });

  it('says so when the link carries nothing', async () => {
    expect(await refusal('#replay=')).toBe('The replay link is damaged: it carries no run.');
    expect(await refusal('#replay')).toBe('The replay link is damaged: it carries no run.');
  });

  it('refuses an overlong fragment before decoding it', async () => {
    expect(await refusal(`#replay=${'A'.repeat(200_001)}`)).toBe(
      'The replay link is too long (200,001 characters; the limit is 200,000). It is not a Firedrill replay.',
    );
  });

  it('stops inflating a decompression bomb', async () => {
    const bomb = fragmentOf(new Uint8Array(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(200_000);
    // Count what the decompressor hands over rather than timing it: a busy machine is slow, not wrong.
    let inflated = 0;
    const read = ReadableStreamDefaultReader.prototype.read;
    const spy = vi.spyOn(ReadableStreamDefaultReader.prototype, 'read').mockImplementation(async function (
      this: ReadableStreamDefaultReader,
    ) {
      const result = await read.call(this);
      if (!result.done && result.value instanceof Uint8Array) inflated += result.value.length;
      return result;
    });
    try {
      expect(await refusal(bomb)).toBe('The replay link unpacks to more than 2 MB, far more than any run; it was not opened.');
    } finally {
      spy.mockRestore();
    }
    // It stopped within a chunk or two of the 2 MB limit, far short of the 64 MB it would unpack to.
    expect(inflated).toBeGreaterThan(2 * 1024 * 1024);
    expect(inflated).toBeLessThan(3 * 1024 * 1024);
  });

  it('says what it unpacks to when that is not a run', async () => {
    expect(await refusal(fragmentOf(Buffer.from('hello, world')))).toMatch(
      /^The replay link is damaged: what it unpacks to is not valid JSON \(.+\)\.$/,
    );
    expect(await refusal(fragmentOf(new Uint8Array([0xff, 0xfe, 0x00])))).toBe(
      'The replay link is damaged: what it unpacks to is not text.',
    );
    expect(await refusal(fragmentOfJson({ format: 'other' }))).toBe(
      'The replay link is not a Firedrill run: its "format" is "other", expected "firedrill-run".',
    );
  });

  it('applies every run-file check: a result the actions do not earn is refused even with a valid checksum', async () => {
    const file = JSON.parse(await exportRun(scenario, frantic.record));
    const actual = file.result;
    const forged = withChecksum({ ...file, result: { ...actual, total: 96, grade: 'A' } });
    expect(await refusal(fragmentOfJson(forged))).toBe(
      `The replay link says 96/100 (A) but replaying its actions gives ${actual.total}/100 (${actual.grade}). Its actions do not lead to the result it claims.`,
    );
    expect(await refusal(fragmentOfJson({ ...file, time: file.time - 5 }))).toBe(
      'The replay link is damaged or was edited after it was made: its checksum does not match.',
    );
    const other = await readReplayFragment(link, []);
    expect(other?.ok === false && other.error.message).toMatch(/^The replay link is of a scenario that is not loaded: "friday-deploy"/);
  });

  it('never throws, whatever the hash', async () => {
    for (const hash of [null, undefined, 7, '#replay=%%%', '#replay=====', `#replay=${'_'.repeat(1001)}`]) {
      const result = await readReplayFragment(hash as unknown as string, [scenario]);
      expect(result === null || result.ok === false, String(hash)).toBe(true);
    }
  });

  it('base64url round-trips every length and byte', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 0xff);
      const text = encodeBase64url(bytes);
      expect(text, String(n)).toBe(Buffer.from(bytes).toString('base64url'));
      const back = decodeBase64url(text);
      expect(back.ok && Array.from(back.bytes), String(n)).toEqual(Array.from(bytes));
    }
  });
});
