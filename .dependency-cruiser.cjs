/**
 * The package graph of src/, written down (README, "Architecture"). `npm run deps` checks it; `npm run check`
 * runs it. test/unit/architecture/dependency-rules.test.ts shows each rule failing on a fixture tree.
 *
 *   entry points   src/handlers/*, src/dev/main.ts            (leaves: nothing imports them)
 *   composition    src/wiring/                                 (builds the pipeline and the crew lifecycle)
 *   features       slack, pipeline, lifecycle, scc, dashboard, reports, mail, dev
 *   crew           src/crew/ (the decline cascade: used by Slack and the lifecycle, above the store)
 *   services       guest, store, clients, calendar, scheduler, http, config, logging, retry (what is worth retrying)
 *   domain         src/domain/ (and src/errors.ts): pure, imports nothing of src/ outside itself
 *
 * Arrows point down only; no cycles between the folders of src/.
 */
const FEATURES = '^src/(slack|pipeline|lifecycle|scc|dashboard|reports|mail)/';
const SERVICES = '^src/(guest|store|clients|retry|calendar|scheduler|http|config|logging)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment:
        'Folders of src/ depend on each other one way only (a cycle means a rule or a wire is in the wrong place).',
      scope: 'folder',
      from: { path: '^src/[^/]+/?$' },
      to: { path: '^src/[^/]+/?$', circular: true },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment:
        'No module imports itself through others, type-only imports included: shared types, names and parsing ' +
        'go in a module both sides import (e.g. slack/listeners/commands/subcommand.ts: the dispatcher imports ' +
        'the subcommands, the subcommands never import the dispatcher).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain/ imports only itself, src/errors.ts and libraries without I/O (zod).',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^src/errors\\.ts$', '^node_modules/zod/'] },
    },
    {
      name: 'errors-is-a-leaf',
      severity: 'error',
      comment: 'src/errors.ts is below the domain: it imports nothing.',
      from: { path: '^src/errors\\.ts$' },
      to: {},
    },
    {
      name: 'dev-only-from-dev',
      severity: 'error',
      comment: 'Local stand-ins and the dev stack never reach a Lambda: nothing outside src/dev/ imports it.',
      from: { path: '^src/', pathNot: '^src/dev/' },
      to: { path: '^src/dev/' },
    },
    {
      name: 'entry-points-are-leaves',
      severity: 'error',
      comment:
        'Lambda entries and the dev main build things; nothing imports them, except the dev gateway, which ' +
        'serves the real handlers as API Gateway and Lambda would (src/dev/services/mount-services.ts).',
      from: { pathNot: '^src/dev/services/' },
      to: { path: ['^src/handlers/', '^src/dev/main\\.ts$'] },
    },
    {
      name: 'wiring-only-from-entry-points',
      severity: 'error',
      comment: 'The composition (src/wiring/) is used by the entry points and the dev stack only.',
      from: { path: '^src/', pathNot: ['^src/handlers/', '^src/dev/', '^src/wiring/'] },
      to: { path: '^src/wiring/' },
    },
    {
      name: 'services-do-not-import-features',
      severity: 'error',
      comment:
        'guest, store, clients, … are used by the features; they never reach up into them. The one shared ' +
        'vocabulary is src/slack/ids.ts (constants, imports nothing).',
      from: { path: SERVICES },
      to: {
        path: [FEATURES, '^src/(handlers|wiring|dev|crew)/'],
        pathNot: ['^src/slack/ids\\.ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'clients-speak-listed-contracts',
      severity: 'error',
      comment:
        'A client may name the types of the wire it speaks (type-only, erased at run time), from these files ' +
        "only: SCC's whole wire contract is src/scc/contract.ts.",
      from: { path: SERVICES },
      to: {
        path: [FEATURES, '^src/(handlers|wiring|dev|crew)/'],
        pathNot: ['^src/slack/ids\\.ts$', '^src/slack/blocks/primitives\\.ts$', '^src/scc/contract\\.ts$'],
        dependencyTypes: ['type-only'],
      },
    },
    {
      name: 'domain-below-everything',
      severity: 'error',
      comment:
        'Nothing in src/domain/ reaches a service or feature (domain-is-pure, stated per layer for the report).',
      from: { path: '^src/domain/' },
      to: { path: [FEATURES, SERVICES, '^src/(handlers|wiring|dev)/'] },
    },
    {
      name: 'imports-through-package-faces',
      severity: 'error',
      comment:
        'A package is used through its face: an import from src/<a>/ into another package src/<b>/ names ' +
        "src/<b>/index.ts (what b offers, by name), not one of b's files. Except: the entry points (the dev " +
        'gateway mounts the file Lambda loads), the shared Slack ids and the wire contracts the clients speak.',
      from: { path: '^src/([^/]+)/' },
      to: {
        path: '^src/[^/]+/',
        pathNot: [
          '^src/$1/',
          '^src/[^/]+/index\\.ts$',
          '^src/handlers/',
          '^src/slack/ids\\.ts$',
          '^src/slack/blocks/primitives\\.ts$',
          '^src/scc/contract\\.ts$',
        ],
      },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
