/**
 * The layers of src/, bottom to top, and what each may import. docs/architecture.md's table states
 * the same rules; `npm run lint:layers` (part of `npm test`) fails on any import that breaks them.
 *
 *   format     the scenario and run-log formats: schema, reader, diagnostics catalogue
 *   engine     the pure, deterministic simulation and its scorer
 *   authoring  tools that read or run scenarios: lint, explorer, action scripts, random player
 *   debrief    what leaves a run: run files, replay links, the postmortem
 *   net        team mode's wire protocol, roles and rate limits, and the colyseus.js transport
 *   store      the app state: zustand stores, clock, saved documents, sessions
 *   views      ui (DOM), game (Phaser), audio (howler); server; cli; main.ts and scenarios.ts
 */
const LAYERS = {
  format: ['format'],
  engine: ['engine', 'format'],
  authoring: ['authoring', 'engine', 'format'],
  debrief: ['debrief', 'engine', 'format'],
  net: ['net', 'engine', 'format'],
  store: ['store', 'net', 'debrief', 'authoring', 'engine', 'format'],
  audio: ['audio', 'store', 'engine', 'format'],
  game: ['game', 'store', 'engine', 'format'],
  ui: ['ui', 'game', 'audio', 'store', 'net', 'debrief', 'authoring', 'engine', 'format'],
  server: ['server', 'net', 'debrief', 'authoring', 'engine', 'format'],
  cli: ['cli', 'debrief', 'authoring', 'engine', 'format'],
};

/** npm packages and the only folders that may import them. */
const PACKAGES = {
  phaser: ['game'],
  howler: ['audio'],
  // the incident screen keeps its view-only state (open channel, tab, what was read) in a store of its own
  zustand: ['store', 'ui/incident/incident-ui\\.ts'],
  'colyseus\\.js': ['net/team-client\\.ts'],
  '@colyseus': ['server'],
  'jsonc-parser': ['format'],
};

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer} may import only ${allowed.map((a) => `src/${a}`).join(', ')}`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: '^src/', pathNot: `^src/(${allowed.join('|')})/` },
}));

const packageRules = Object.entries(PACKAGES).map(([pkg, folders]) => ({
  name: `package-${pkg.replace(/\W/g, '')}`,
  comment: `${pkg.replace(/\\/g, '')} is used only in ${folders.map((f) => `src/${f.replace(/\\/g, '')}`).join(', ')}`,
  severity: 'error',
  from: { path: '^src/', pathNot: `^src/(${folders.join('|')})` },
  to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], path: `node_modules/${pkg}` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    ...packageRules,
    {
      name: 'node-only-at-the-edges',
      comment: 'Node built-ins only in the server and the CLI: everything else also runs in a browser',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(server|cli)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'src-stands-alone',
      comment: 'the product never imports its tests, benches or scripts',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'an import that resolves to nothing is a typo or a missing dependency',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^virtual:' },
    },
    {
      name: 'no-circular',
      comment: 'modules that import each other cannot be understood (or tested) one at a time',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/virtual-modules\\.d\\.ts$' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'], exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
