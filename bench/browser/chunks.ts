/** Chunk sizes of a Vite build, read from its `.vite/manifest.json`, with the set the first screen needs. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/** One built file: its path under the build, chunk name, and sizes in bytes. */
export interface ChunkSize {
  file: string;
  name: string;
  raw: number;
  gzip: number;
  role: 'entry' | 'static import' | 'lazy';
}

/** Every JS chunk in the build and the first screen's share (the entry and its static imports, plus its CSS). */
export interface BuildSizes {
  chunks: ChunkSize[];
  firstScreen: ChunkSize[];
  firstScreenCss: ChunkSize[];
}

function sizeOf(dir: string, file: string, name: string, role: ChunkSize['role']): ChunkSize {
  const bytes = readFileSync(join(dir, file));
  return { file, name, raw: bytes.length, gzip: gzipSync(bytes).length, role };
}

/** Reads a build made with `build.manifest: true` in `dir`. */
export function buildSizes(dir: string): BuildSizes {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entryKey) throw new Error(`no entry chunk in ${dir}/.vite/manifest.json`);
  // The entry and everything it imports statically, transitively: what the browser fetches before running it.
  const needed = new Set<string>();
  const visit = (key: string) => {
    if (needed.has(key)) return;
    needed.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  visit(entryKey);
  const roleOf = new Map<string, ChunkSize['role']>();
  const nameOf = new Map<string, string>();
  for (const [key, chunk] of Object.entries(manifest)) {
    nameOf.set(chunk.file, chunk.name ?? key);
    roleOf.set(chunk.file, key === entryKey ? 'entry' : needed.has(key) ? 'static import' : 'lazy');
  }
  const jsFiles = readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const chunks = jsFiles
    .map((file) => sizeOf(dir, file, nameOf.get(file) ?? file, roleOf.get(file) ?? 'lazy'))
    .sort((a, b) => b.raw - a.raw);
  const css = [...new Set([...needed].flatMap((key) => manifest[key]?.css ?? []))];
  return {
    chunks,
    firstScreen: chunks.filter((c) => c.role !== 'lazy'),
    firstScreenCss: css.map((file) => sizeOf(dir, file, file, 'static import')),
  };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const sum = (list: ChunkSize[], key: 'raw' | 'gzip') => list.reduce((total, c) => total + c[key], 0);

/** "123.4 kB raw, 45.6 kB gzip" for the files in `list` together. */
export function totalSize(list: ChunkSize[]): string {
  return `${kB(sum(list, 'raw'))} raw, ${kB(sum(list, 'gzip'))} gzip`;
}

/** Report lines for `buildSizes` (kB = 1000 bytes; gzip at zlib's default level). */
export function formatBuildSizes(label: string, sizes: BuildSizes): string[] {
  const { chunks, firstScreen, firstScreenCss } = sizes;
  return [
    ...chunks.map((c) => `${label}: JS chunk ${c.file} (${c.name}, ${c.role}): ${kB(c.raw)} raw, ${kB(c.gzip)} gzip`),
    `${label}: all JS chunks (${chunks.length} files): ${totalSize(chunks)}`,
    `${label}: the first screen needs ${firstScreen.map((c) => c.file).join(' + ')}: ${totalSize(firstScreen)} of JS` +
      (firstScreenCss.length ? `, plus ${kB(sum(firstScreenCss, 'raw'))} raw / ${kB(sum(firstScreenCss, 'gzip'))} gzip of CSS` : ''),
  ];
}
