import { describe, expect, it } from 'vitest';
import { SECRET_NAMES } from '../../../infra/lib/constructs/secrets';
import { render } from './iam-helpers';
import { resourcesOf, synthesize } from './synth-helper';

const { servicesTemplate: template } = synthesize();
const functions = Object.fromEntries(
  resourcesOf(template, 'AWS::Lambda::Function').map(([id, fn]) => [
    // SlackApp, Reconciler, Scc, Dashboard, and the two that serve one route each: SccGuestMail, DashboardReports.
    id.replace(/ServiceFunction\w+$/, '').replace(/Function[0-9A-F]{8}$/, ''),
    fn,
  ]),
);
const env = (name: string): Record<string, unknown> => functions[name]!.Properties.Environment.Variables;

describe('the functions', () => {
  it('are exactly the Slack app, reconciler, SCC and its guest mail, the dashboard and its reports, mail feedback', () => {
    expect(Object.keys(functions).sort()).toEqual([
      'Dashboard',
      'DashboardReports',
      'MailFeedback',
      'Reconciler',
      'Scc',
      'SccGuestMail',
      'SlackApp',
    ]);
  });

  it('run Node.js 24 on arm64 with the ESM bundle handler and their own log group', () => {
    for (const [name, fn] of Object.entries(functions)) {
      expect({ name, ...fn.Properties }).toMatchObject({
        name,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(new RegExp(`^${name}(Service)?Logs`)) } },
      });
    }
  });

  it('give the Slack app more memory (CPU) to ack within three seconds and the reconciler time for a batch', () => {
    expect(functions.SlackApp!.Properties).toMatchObject({ MemorySize: 1024, Timeout: 10 });
    expect(functions.Reconciler!.Properties).toMatchObject({ Timeout: 300 });
  });

  it('keep their logs for the configured retention (30 days by default)', () => {
    const logGroups = resourcesOf(template, 'AWS::Logs::LogGroup');
    expect(logGroups.length).toBe(10); // seven functions, three API access logs
    for (const [, group] of logGroups) expect(group.Properties.RetentionInDays).toBe(30);
  });

  it('share the table name, the brand sites and source maps', () => {
    for (const name of Object.keys(functions)) {
      const variables = env(name);
      expect(render(variables.TABLE_NAME)).toMatch(/^data:.*BookingTable/);
      expect(render(variables.BRAND_SITES)).toMatch(
        /^\{"queenofsandiego\.com":\{"bucket":"data:\w+","distributionId":"data:\w+"\},"sailjada\.com":\{"bucket":"data:\w+","distributionId":"data:\w+"\}\}$/,
      );
      expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('find templates inside the bundle where they read them', () => {
    for (const name of ['SlackApp', 'Reconciler', 'Scc']) expect(env(name).TEMPLATES_DIR).toBe('./templates');
  });

  it('name their secrets by Secrets Manager id and never carry a secret value', () => {
    expect(env('SlackApp')).toMatchObject({
      SLACK_SIGNING_SECRET_SECRET_ID: SECRET_NAMES.SLACK_SIGNING_SECRET,
      SLACK_BOT_TOKEN_SECRET_ID: SECRET_NAMES.SLACK_BOT_TOKEN,
    });
    expect(env('Reconciler')).toMatchObject({
      SLACK_BOT_TOKEN_SECRET_ID: SECRET_NAMES.SLACK_BOT_TOKEN,
      SCC_SERVICE_KEY_SECRET_ID: '/sailjada/shipcaptaincrew/SERVICE_KEY',
      DASHBOARD_TOKEN_SECRET_ID: '/sailjada/dashboard/AUTH_TOKEN',
    });
    expect(env('Scc')).toMatchObject({
      MAGIC_LINK_SECRET_SECRET_ID: SECRET_NAMES.MAGIC_LINK_SECRET,
      PASSWORD_SALT_SECRET_ID: SECRET_NAMES.PASSWORD_SALT,
    });
    expect(env('Dashboard')).toMatchObject({
      DASHBOARD_TOKEN_SECRET_ID: SECRET_NAMES.DASHBOARD_TOKEN,
      DASHBOARD_FEED_TOKEN_SECRET_ID: SECRET_NAMES.DASHBOARD_FEED_TOKEN,
    });
    for (const name of Object.keys(functions)) {
      for (const setting of Object.keys(SECRET_NAMES)) expect(env(name)).not.toHaveProperty(setting);
    }
  });

  it('point the reconciler at this stack’s SCC and dashboard APIs directly, not through CloudFront', () => {
    const variables = env('Reconciler');
    expect(render(variables.SCC_URL)).toMatch(/^SccEndpointApi\w+\.ApiEndpoint$/);
    expect(render(variables.DASHBOARD_URL)).toMatch(/^DashboardEndpointApi\w+\.ApiEndpoint$/);
    expect(variables.SLACK_OPS_CHANNEL).toMatch(/^SYNTH-ONLY/);
    expect(render(variables.SCHEDULE_GROUP_NAME)).toMatch(/^CharterOpsServices-Reconciler-Schedules-/);
    expect(render(variables.SCHEDULER_ROLE_ARN)).toMatch(/^ReconcilerSchedulerRole\w+\.Arn$/);
  });

  it('can point the reconciler at an SCC and dashboard that run elsewhere', () => {
    const { servicesTemplate } = synthesize({
      context: { sccUrl: 'https://scc.example.com/', dashboardUrl: 'https://dash.example.com' },
    });
    servicesTemplate.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: { SCC_URL: 'https://scc.example.com', DASHBOARD_URL: 'https://dash.example.com' },
      },
    });
  });

  it('give the dashboard its own public URL for calendar feed links', () => {
    expect(render(env('Dashboard').DASHBOARD_PUBLIC_URL)).toMatch(/^DashboardEndpointApi\w+\.ApiEndpoint$/);
  });

  it('give SCC its hash, the salt’s secret id (never the salt), photo limit and its own public URL', () => {
    const variables = env('Scc');
    expect(variables).toMatchObject({
      SERVICE_KEY_HASH: expect.stringMatching(/^SYNTH-ONLY/),
      PASSWORD_SALT_SECRET_ID: '/sailjada/shipcaptaincrew/PASSWORD_SALT',
      PHOTO_MAX_BYTES: String(15 * 1024 * 1024),
    });
    expect(variables).not.toHaveProperty('PASSWORD_SALT');
    expect(render(variables.PUBLIC_BASE_URL)).toMatch(/^SccEndpointApi\w+\.ApiEndpoint$/);
  });

  it('alarm on errors of every function, to the alarm topic', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const errorAlarms = alarms.filter((a) => a.MetricName === 'Errors');
    expect(errorAlarms).toHaveLength(7);
    for (const alarm of errorAlarms) {
      expect(alarm).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1, Statistic: 'Sum' });
      expect(render(alarm.AlarmActions)).toMatch(/^Alarms\w+$/);
    }
  });

  it('subscribe the alarm email when one is configured', () => {
    const { servicesTemplate } = synthesize({ context: { alarmEmail: 'ops@sailjada.com' } });
    servicesTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@sailjada.com',
    });
    // Without an alarm email the only subscription is the mail feedback queue's.
    template.resourceCountIs('AWS::SNS::Subscription', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs' });
  });
});
