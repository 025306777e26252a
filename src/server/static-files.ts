/**
 * Serves a folder of built files over http: the production server's game and the bench's pages.
 * Only GET and HEAD, only regular files under the folder (no way out through `..`, encoded or not),
 * `/` (and any path ending in `/`) means its `index.html`, and the content type comes from the
 * file's extension.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFilesOptions {
  /** Extra headers for a file about to be sent, given its path relative to the folder (e.g. `assets/index-1a2b.js`). */
  headers?: (relativePath: string) => Record<string, string>;
}

/** The file under `root` a request path names, or null when it names nothing there. */
export function fileFor(root: string, requestUrl: string | undefined): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(requestUrl ?? '/', 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
  return file.startsWith(root + sep) ? file : null;
}

/**
 * A request handler for the files under `dir`. It answers every request it is given: a file, 404,
 * or 405 for methods other than GET and HEAD.
 */
export function staticFiles(dir: string, options: StaticFilesOptions = {}): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const root = resolve(dir);
  const notFound = (res: ServerResponse) => res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed');
      return;
    }
    const file = fileFor(root, req.url);
    if (!file) return void notFound(res);
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) return void notFound(res);
      size = info.size;
    } catch {
      return void notFound(res);
    }
    const relative = file
      .slice(root.length + 1)
      .split(sep)
      .join('/');
    res.writeHead(200, {
      'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': size,
      'x-content-type-options': 'nosniff',
      ...options.headers?.(relative),
    });
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(file);
    // A file that vanishes or fails mid-way: the headers are out, so all that is left is to cut the response.
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
}
