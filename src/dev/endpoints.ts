/**
 * Where everything of the local system is: printed on start for people and written to .data/endpoints.json
 * for scripts. Holds addresses only, never a secret.
 */
import { writeFileSync } from 'node:fs';

export interface DevEndpoints {
  gateway: string;
  home: string;
  slack: {
    mode: 'sandbox' | 'web-api' | 'socket';
    /** The app's request URL (slash commands, interactivity). */
    eventsUrl: string;
    sandbox?: string;
    /** The Slack Web API the app talks to. */
    webApi?: string;
  };
  scc: string;
  /** Crew pages: replace {token} with a magic-link token (the crew emails carry whole links). */
  crewPage: string;
  dashboard: string;
  sites: Record<string, { url: string; hostUrl: string; bucket: string; distributionId: string }>;
  sitesIndex: string;
  mail: { outbox: string; viewer: string };
  aws: {
    region: string;
    tableName: string;
    dynamodb: string;
    s3: string;
    ses: string;
    cloudfront: string;
  };
  dataDir: string;
  startedAt: string;
  startupMs: number;
}

export function writeEndpoints(file: string, endpoints: DevEndpoints): void {
  writeFileSync(file, `${JSON.stringify(endpoints, null, 2)}\n`);
}

/** The start-up banner: what to open, in the order a newcomer needs it. */
export function formatEndpoints(endpoints: DevEndpoints, endpointsFile: string): string {
  const lines: Array<[string, string]> = [];
  const add = (label: string, value: string | undefined) => {
    if (value) lines.push([label, value]);
  };
  add('Start here', endpoints.home);
  if (endpoints.slack.mode === 'sandbox') add('Slack sandbox', endpoints.slack.sandbox);
  else if (endpoints.slack.mode === 'socket') add('Slack', 'your workspace, over Socket Mode');
  else add('Slack Web API', endpoints.slack.webApi);
  add('Slack events URL', endpoints.slack.eventsUrl);
  add('Mail outbox', endpoints.mail.outbox);
  add('SES mail viewer', endpoints.mail.viewer);
  add('Dashboard API', endpoints.dashboard);
  add('SCC API', endpoints.scc);
  add('Crew pages', endpoints.crewPage);
  add('Guest sites', endpoints.sitesIndex);
  for (const [domain, site] of Object.entries(endpoints.sites))
    add(`  ${domain}`, `${site.url}  (or ${site.hostUrl})`);
  add('DynamoDB Local', `${endpoints.aws.dynamodb}  (table ${endpoints.aws.tableName})`);
  add('S3 (s3rver)', endpoints.aws.s3);
  add('SES (aws-ses-v2-local)', endpoints.aws.ses);
  add('CloudFront stand-in', endpoints.aws.cloudfront);
  add('Data', endpoints.dataDir);
  add('All of this as JSON', endpointsFile);
  const width = Math.max(...lines.map(([label]) => label.length));
  return lines.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
}
