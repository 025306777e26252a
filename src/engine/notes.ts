/** Notes as people type them: "Hypothesis: …" at the start names the note's kind. */
import { NOTE_KINDS, type NoteKind } from './types';

const KIND_PREFIX = new RegExp(`^\\s*(${NOTE_KINDS.join('|')})\\s*:\\s*`, 'i');

/** The kind a note's text names at its start, if any, and the text without that prefix. */
export function splitNoteText(text: string): { kind: NoteKind | null; body: string } {
  const match = KIND_PREFIX.exec(text);
  if (!match) return { kind: null, body: text };
  return { kind: match[1]!.toLowerCase() as NoteKind, body: text.slice(match[0].length) };
}
