/**
 * The whole system as two stacks: DataStack (stateful) and ServicesStack (stateless), wired together. The app
 * entry and the tests both build it through createCharterOps, with plain props.
 *
 * Must never read files, context or the environment: the caller decides all of that.
 */
import { type App, type Environment, Tags } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { AppSettings, SiteSettings } from './app-config';
import { DataStack } from './stacks/data-stack';
import { ServicesStack } from './stacks/services-stack';

export interface CharterOpsProps {
  /** Repository root (package-lock.json, src/handlers, templates). */
  readonly projectRoot: string;
  /** The brand domains, one per templates/<domain>/brand.json. */
  readonly domains: readonly string[];
  /** The CloudFront Function file shared with local development. */
  readonly rewriteFunctionPath: string;
  readonly settings: Omit<AppSettings, 'allowPlaceholders' | 'logRetentionDays'> & {
    readonly logRetention: logs.RetentionDays;
  };
  /** Omit for environment-agnostic stacks (offline synth). */
  readonly env?: Environment;
}

export interface CharterOps {
  readonly data: DataStack;
  readonly services: ServicesStack;
}

export function createCharterOps(app: App, props: CharterOpsProps): CharterOps {
  const { settings } = props;
  const unknownSites = Object.keys(settings.sites).filter((domain) => !props.domains.includes(domain));
  if (unknownSites.length > 0) {
    throw new Error(
      `charter-ops:sites names ${unknownSites.join(', ')}, which has no templates/<domain>/brand.json (brands: ${props.domains.join(', ')})`,
    );
  }
  const env = props.env ? { env: props.env } : {};

  const data = new DataStack(app, `${settings.stackPrefix}-Data`, {
    ...env,
    description: 'Charter Ops: booking table, guest sites, sending identities, secrets (stateful)',
    terminationProtection: true,
    sites: props.domains.map((domain) => siteOf(domain, settings.sites[domain])),
    rewriteFunctionPath: props.rewriteFunctionPath,
    existingSecrets: settings.existingSecrets,
  });

  const services = new ServicesStack(app, `${settings.stackPrefix}-Services`, {
    ...env,
    description: 'Charter Ops: Slack app, reconciler, ShipCaptainCrew, dashboard (stateless)',
    projectRoot: props.projectRoot,
    table: data.table.table,
    sites: data.sites,
    senders: data.senders,
    secrets: data.secrets,
    slackOpsChannel: settings.slackOpsChannel,
    ...(settings.slackApiUrl ? { slackApiUrl: settings.slackApiUrl } : {}),
    ...(settings.slackOperators ? { slackOperators: settings.slackOperators } : {}),
    ...(settings.boats ? { boatsJson: JSON.stringify(settings.boats) } : {}),
    scc: {
      serviceKeyHash: settings.sccServiceKeyHash,
      photoMaxBytes: settings.photoMaxBytes,
      ...(settings.sccPublicUrl ? { publicUrl: settings.sccPublicUrl } : {}),
    },
    ...(settings.sccUrl ? { sccUrl: settings.sccUrl } : {}),
    ...(settings.dashboardUrl ? { dashboardUrl: settings.dashboardUrl } : {}),
    logRetention: settings.logRetention,
    ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
  });

  Tags.of(app).add('project', 'charter-ops');
  return { data, services };
}

function siteOf(domain: string, settings: SiteSettings | undefined) {
  return {
    domain,
    ...(settings?.domainNames ? { domainNames: settings.domainNames } : {}),
    ...(settings?.certificateArn ? { certificateArn: settings.certificateArn } : {}),
  };
}
