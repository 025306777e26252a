/** A tiny static file server on loopback for serving the built pages to Chromium (the files part is the game server's own). */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { staticFiles } from '../../src/server/static-files';

/** A running server: its base URL (ending in `/`) and a way to stop it. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the files under `dir` on 127.0.0.1 at a free port; `/` means `/index.html`. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const files = staticFiles(dir);
  const server = createServer((req, res) => void files(req, res));
  // Keep-alive sockets would hold close() open; the pages are short-lived anyway.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
