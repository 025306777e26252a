/**
 * Versioned documents in storage: every stored value carries a version, older versions migrate
 * forward step by step, and anything unreadable comes back as a clear reason instead of a throw.
 */
import type { z } from 'zod';
import type { AppError, SaveErrorCode } from '../format/errors';
import { fieldPath } from '../format/issues';
import type { KeyValueStorage } from './storage';

/** Upgrades a document from the version it is keyed under to the next one. */
export type Migrations = Record<number, (document: Record<string, unknown>) => Record<string, unknown>>;

/** Why a save could not be read: a code from the catalogue (`save.…`) and a sentence to show. */
export type SaveError = AppError<SaveErrorCode>;

export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: SaveError } | { ok: 'empty' };

const refuse = (code: SaveErrorCode, message: string): { ok: false; error: SaveError } => ({ ok: false, error: { code, message } });

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
    return refuse('save.not-json', `${capitalise(spec.what)} was damaged (not valid JSON) and could not be read.`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return refuse('save.not-object', `${capitalise(spec.what)} was damaged and could not be read.`);
  }
  let current = document as Record<string, unknown>;
  const stored = current.version;
  if (typeof stored !== 'number' || !Number.isInteger(stored)) {
    return refuse('save.no-version', `${capitalise(spec.what)} has no version and could not be read.`);
  }
  let version: number = stored;
  if (version > spec.version) {
    return refuse(
      'save.newer-version',
      `${capitalise(spec.what)} comes from a newer version of Firedrill (format ${version}) and could not be read.`,
    );
  }
  while (version < spec.version) {
    const migrate = spec.migrations[version];
    if (!migrate)
      return refuse('save.old-version', `${capitalise(spec.what)} is in an old format (${version}) that can no longer be read.`);
    try {
      current = { ...migrate(current), version: version + 1 };
    } catch {
      return refuse('save.migration', `${capitalise(spec.what)} could not be upgraded from format ${version}.`);
    }
    version = version + 1;
  }
  const parsed = spec.schema.safeParse(current);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${fieldPath(issue.path)})` : '';
    return refuse('save.invalid', `${capitalise(spec.what)} was damaged${where} and could not be read.`);
  }
  return { ok: true, value: parsed.data };
}

export function writeDocument<T>(storage: KeyValueStorage, spec: DocumentSpec<T>, value: T): boolean {
  return storage.set(spec.key, JSON.stringify({ ...(value as object), version: spec.version }));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
