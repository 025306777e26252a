/**
 * Versioned documents in storage: every stored value carries a version, older versions migrate
 * forward step by step, and anything unreadable comes back as a clear reason instead of a throw.
 */
import type { z } from 'zod';
import type { KeyValueStorage } from './storage';

/** Upgrades a document from the version it is keyed under to the next one. */
export type Migrations = Record<number, (document: Record<string, unknown>) => Record<string, unknown>>;

export type ReadResult<T> = { ok: true; value: T } | { ok: false; reason: string } | { ok: 'empty' };

export interface DocumentSpec<T> {
  key: string;
  version: number;
  schema: z.ZodType<T>;
  migrations: Migrations;
  /** What the player is told is lost, e.g. "your saved run". */
  what: string;
}

/** Reads, migrates and validates a stored document. */
export function readDocument<T>(storage: KeyValueStorage, spec: DocumentSpec<T>): ReadResult<T> {
  const text = storage.get(spec.key);
  if (text === null) return { ok: 'empty' };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { ok: false, reason: `${capitalise(spec.what)} was damaged (not valid JSON) and could not be read.` };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, reason: `${capitalise(spec.what)} was damaged and could not be read.` };
  }
  let current = document as Record<string, unknown>;
  const stored = current.version;
  if (typeof stored !== 'number' || !Number.isInteger(stored)) {
    return { ok: false, reason: `${capitalise(spec.what)} has no version and could not be read.` };
  }
  let version: number = stored;
  if (version > spec.version) {
    return {
      ok: false,
      reason: `${capitalise(spec.what)} comes from a newer version of Firedrill (format ${version}) and could not be read.`,
    };
  }
  while (version < spec.version) {
    const migrate = spec.migrations[version];
    if (!migrate) return { ok: false, reason: `${capitalise(spec.what)} is in an old format (${version}) that can no longer be read.` };
    try {
      current = { ...migrate(current), version: version + 1 };
    } catch {
      return { ok: false, reason: `${capitalise(spec.what)} could not be upgraded from format ${version}.` };
    }
    version = version + 1;
  }
  const parsed = spec.schema.safeParse(current);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
    return { ok: false, reason: `${capitalise(spec.what)} was damaged${where} and could not be read.` };
  }
  return { ok: true, value: parsed.data };
}

export function writeDocument<T>(storage: KeyValueStorage, spec: DocumentSpec<T>, value: T): boolean {
  return storage.set(spec.key, JSON.stringify({ ...(value as object), version: spec.version }));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
