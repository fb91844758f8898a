/**
 * Secrets: the Secrets Manager entries the functions read at run time (cached, through src/config/secrets.ts),
 * at the business's paths. The stack creates them with a random value; the operator replaces the Slack ones
 * (and may replace any) with `aws secretsmanager put-secret-value`. Names listed as existing are referenced,
 * not created, so an account that already has them keeps them.
 *
 * Must never put a secret value in a template, an environment variable or an output: functions get the
 * secret's name (NAME_SECRET_ID) and read access to exactly the secrets they use.
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Setting name (as the code reads it, see src/config/secrets.ts) → Secrets Manager name. */
export const SECRET_NAMES = {
  SLACK_SIGNING_SECRET: '/sailjada/slack/SIGNING_SECRET',
  SLACK_BOT_TOKEN: '/sailjada/slack/BOT_TOKEN',
  SCC_SERVICE_KEY: '/sailjada/shipcaptaincrew/SERVICE_KEY',
  DASHBOARD_TOKEN: '/sailjada/dashboard/AUTH_TOKEN',
  DASHBOARD_FEED_TOKEN: '/sailjada/dashboard/CALENDAR_FEED_TOKEN',
  MAGIC_LINK_SECRET: '/sailjada/shipcaptaincrew/MAGIC_LINK_SECRET',
  PASSWORD_SALT: '/sailjada/shipcaptaincrew/PASSWORD_SALT',
} as const;

export type SecretSetting = keyof typeof SECRET_NAMES;

const DESCRIPTIONS: Record<SecretSetting, string> = {
  SLACK_SIGNING_SECRET: 'Slack app signing secret (Basic Information → App Credentials)',
  SLACK_BOT_TOKEN: 'Slack bot token xoxb-… (OAuth & Permissions)',
  SCC_SERVICE_KEY: 'ShipCaptainCrew service key (X-Service-Key); SCC stores only its salted hash',
  DASHBOARD_TOKEN: 'Dashboard token (X-Dashboard-Token)',
  DASHBOARD_FEED_TOKEN: 'Calendar feed token (?token= of the subscription URL); put a new value to revoke',
  MAGIC_LINK_SECRET: 'HMAC key that signs crew magic links',
  PASSWORD_SALT: 'Salt of SCC’s SERVICE_KEY_HASH; with the hash in the template, the salt must stay secret',
};

export interface SecretsProps {
  /** Secret names (values of SECRET_NAMES) that already exist in the account. */
  readonly existing?: readonly string[];
}

export class Secrets extends Construct {
  private readonly secrets = new Map<SecretSetting, secretsmanager.ISecret>();

  constructor(scope: Construct, id: string, props: SecretsProps = {}) {
    super(scope, id);
    const existing = new Set(props.existing ?? []);
    const known = new Set<string>(Object.values(SECRET_NAMES));
    for (const name of existing) {
      if (!known.has(name)) throw new Error(`Secrets: ${name} is not one of ${[...known].join(', ')}`);
    }
    for (const [setting, secretName] of Object.entries(SECRET_NAMES) as [SecretSetting, string][]) {
      const constructId = setting.replace(
        /(^|_)([A-Z])([A-Z]*)/g,
        (_m, _u, first, rest) => first + rest.toLowerCase(),
      );
      if (existing.has(secretName)) {
        this.secrets.set(setting, secretsmanager.Secret.fromSecretNameV2(this, constructId, secretName));
        continue;
      }
      const secret = new secretsmanager.Secret(this, constructId, {
        secretName,
        description: `${DESCRIPTIONS[setting]} (Charter Ops)`,
        generateSecretString: { passwordLength: 48, excludePunctuation: true },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      (secret.node.defaultChild as secretsmanager.CfnSecret).overrideLogicalId(`Secret${constructId}`);
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Rotation needs the other side to change too (Slack issues its own tokens; the SCC key hash lives in configuration): rotated by the operator with put-secret-value, see README.',
      });
      this.secrets.set(setting, secret);
    }
  }

  /** The secret behind a setting. */
  secret(setting: SecretSetting): secretsmanager.ISecret {
    const secret = this.secrets.get(setting);
    if (!secret) throw new Error(`Secrets: no secret for ${setting}`);
    return secret;
  }

  /**
   * Grants `grantee` read access to exactly these secrets and returns the environment that names them:
   * `<SETTING>_SECRET_ID` = the secret's name, the convention src/config/secrets.ts reads.
   */
  grantReadTo(grantee: iam.IGrantable, settings: readonly SecretSetting[]): Record<string, string> {
    const environment: Record<string, string> = {};
    for (const setting of settings) {
      this.secret(setting).grantRead(grantee);
      environment[`${setting}_SECRET_ID`] = SECRET_NAMES[setting];
    }
    return environment;
  }
}
