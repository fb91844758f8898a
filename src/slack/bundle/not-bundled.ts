/**
 * Stands in, inside the Slack Lambda bundle only, for packages Bolt loads eagerly but the Lambda never uses
 * (Express, the OAuth installer, the Socket Mode client, raw-body, path-to-regexp): Bolt requires them at
 * start-up for receivers that are never constructed here. Must never be imported by source code; only
 * the bundler's alias table (lambda-aliases.ts) points at it.
 */
export default undefined;
