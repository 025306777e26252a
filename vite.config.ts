import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Server as HttpServer } from 'node:http';
import { defineConfig, type Plugin } from 'vite';

const SCENARIOS_MODULE = 'virtual:firedrill-scenarios';
const RESOLVED_SCENARIOS = `\0${SCENARIOS_MODULE}`;
/** The event the dev server sends when a scenario file is saved (see src/scenarios.ts). */
const SCENARIO_SAVED = 'firedrill:scenario-saved';
/** How long a scenario file must be quiet after a change before it is read. */
const SAVE_SETTLE_MS = 150;

const isScenarioFile = (name: string) => name.endsWith('.json') && !name.endsWith('.schema.json');

/**
 * The bundled scenarios as text, read from `dir`. In the dev server, saving one sends its new text
 * to the page instead of reloading it, so the page can replay the current run onto the new version.
 */
function scenarioFiles(dir: string): Plugin {
  const read = (): Record<string, string> =>
    existsSync(dir)
      ? Object.fromEntries(
          readdirSync(dir)
            .filter(isScenarioFile)
            .sort()
            .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
        )
      : {};
  const ours = (file: string) => dirname(resolve(file)) === dir && isScenarioFile(file);
  return {
    name: 'firedrill-scenarios',
    resolveId: (id) => (id === SCENARIOS_MODULE ? RESOLVED_SCENARIOS : undefined),
    load: (id) => (id === RESOLVED_SCENARIOS ? `export default ${JSON.stringify(read())};` : undefined),
    configureServer(server) {
      server.watcher.add(dir);
      const pending = new Map<string, NodeJS.Timeout>();
      const send = (file: string) => {
        pending.delete(file);
        if (!existsSync(file)) return;
        // The next full page load reads the files afresh.
        const module = server.moduleGraph.getModuleById(RESOLVED_SCENARIOS);
        if (module) server.moduleGraph.invalidateModule(module);
        server.ws.send(SCENARIO_SAVED, { file: basename(file), text: readFileSync(file, 'utf8') });
      };
      // A save can arrive as several events (truncate, then write); read once it has settled, or
      // the page would see a half-written file.
      const saved = (file: string) => {
        if (!ours(file)) return;
        clearTimeout(pending.get(file));
        pending.set(
          file,
          setTimeout(() => send(file), SAVE_SETTLE_MS),
        );
      };
      server.watcher.on('change', saved);
      server.watcher.on('add', saved);
    },
    // Scenario files are data for the page, not modules: no reload.
    handleHotUpdate: ({ file }) => (ours(file) ? [] : undefined),
  };
}

/**
 * Team mode on the same port as the game, in `npm start` and `vite preview` alike: the Colyseus
 * server mounts under /team on Vite's own http server. Loaded lazily, so a plain build never starts it.
 */
function teamMode(dir: string): Plugin {
  const mount = async (httpServer: HttpServer | null) => {
    if (!httpServer) return;
    // Through tsx at run time rather than bundled into this config: the server is Node code with
    // its own dependencies, and only a running dev or preview server needs it.
    const { register } = await import('tsx/esm/api');
    register();
    const server: typeof import('./src/server') = await import(/* @vite-ignore */ pathToFileURL(resolve('src/server/index.ts')).href);
    const { createTeamServer, loadScenarioFolder } = server;
    const team = await createTeamServer({ scenarios: loadScenarioFolder(dir), httpServer });
    httpServer.once('close', () => void team.close());
  };
  return {
    name: 'firedrill-team-mode',
    configureServer: (server) => mount(server.httpServer as HttpServer | null),
    configurePreviewServer: (server) => mount(server.httpServer as HttpServer),
  };
}

const scenariosDir = resolve(process.env.FIREDRILL_SCENARIOS ?? 'scenarios');

export default defineConfig({
  // FIREDRILL_SCENARIOS points the game at another folder of scenarios (the preview browser test uses it).
  plugins: [scenarioFiles(scenariosDir), teamMode(scenariosDir)],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        // Phaser does not tree-shake; keep it in its own chunk so the menus load without waiting for it.
        codeSplitting: { groups: [{ name: 'phaser', test: /node_modules[\\/]phaser/ }] },
      },
    },
  },
});
