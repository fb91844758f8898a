import { describe, expect, it } from 'vitest';
import { actionsOf, render, resourcesFor, roleOf, statementsOf } from './iam-helpers';
import { synthesize } from './synth-helper';

const { servicesTemplate: template } = synthesize();
const statements = {
  slack: statementsOf(template, roleOf(template, 'SlackAppServiceFunction')),
  reconciler: statementsOf(template, roleOf(template, 'ReconcilerServiceFunction')),
  scc: statementsOf(template, roleOf(template, 'SccServiceFunction')),
  dashboard: statementsOf(template, roleOf(template, 'DashboardServiceFunction')),
  reports: statementsOf(template, roleOf(template, 'DashboardReportsFunction')),
  sccGuestMail: statementsOf(template, roleOf(template, 'SccGuestMailFunction')),
};

// Every function writes its own logs and, with active tracing, X-Ray segments.
const LOGS = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];
const TABLE = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:UpdateItem',
];
/** Item actions by partition (dynamodb:LeadingKeys): no Scan, no stream, no DescribeTable. */
const PARTITIONED = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
];
const SECRETS = ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'];
const sorted = (...groups: string[][]) => [...new Set(groups.flat())].sort();

/** Secrets a role may read, by setting name (the data stack's output names carry the secret's logical id). */
function secretsReadBy(role: keyof typeof statements): string[] {
  return resourcesFor(statements[role], 'secretsmanager:GetSecretValue')
    .map((resource) => resource.match(/Secret(\w+?)[0-9A-F]{8}$/)?.[1] ?? resource)
    .sort();
}

describe('least privilege, function by function', () => {
  it('gives the Slack app the table and its two secrets, nothing else: no email, S3 or CloudFront', () => {
    expect(actionsOf(statements.slack)).toEqual(sorted(LOGS, TABLE, SECRETS));
    expect(secretsReadBy('slack')).toEqual(['SlackBotToken', 'SlackSigningSecret']);
  });

  it('gives the dashboard its own partitions of the table and its tokens, nothing else', () => {
    expect(actionsOf(statements.dashboard)).toEqual(sorted(LOGS, PARTITIONED, SECRETS));
    expect(secretsReadBy('dashboard')).toEqual(['DashboardFeedToken', 'DashboardToken']);
  });

  it('gives the report CSVs one index query and the tokens, nothing else', () => {
    expect(actionsOf(statements.reports)).toEqual(sorted(LOGS, ['dynamodb:Query'], SECRETS));
    expect(secretsReadBy('reports')).toEqual(['DashboardFeedToken', 'DashboardToken']);
  });

  it("gives SCC's guest mail booking reads, its own records and email, nothing else", () => {
    expect(actionsOf(statements.sccGuestMail)).toEqual(
      sorted(LOGS, PARTITIONED, SECRETS, ['ses:SendRawEmail']),
    );
    expect(actionsOf(statements.sccGuestMail).filter((a) => a.startsWith('s3:'))).toEqual([]);
  });

  it('lets SCC send raw email from the brand identities and presign uploads under photos/ only', () => {
    expect(actionsOf(statements.scc)).toEqual(
      sorted(LOGS, PARTITIONED, SECRETS, ['ses:SendRawEmail', 's3:PutObject']),
    );
    expect(resourcesFor(statements.scc, 'ses:SendRawEmail')).toEqual([
      // Sending with the mail feedback configuration set is authorized on it too.
      expect.stringMatching(
        /:ses:AWS::Region:AWS::AccountId:configuration-set\/MailFeedbackConfigurationSet/,
      ),
      expect.stringMatching(
        /:ses:AWS::Region:AWS::AccountId:identity\/data:\w+SenderqueenofsandiegocomIdentity/,
      ),
      expect.stringMatching(/:ses:AWS::Region:AWS::AccountId:identity\/data:\w+SendersailjadacomIdentity/),
    ]);
    expect(resourcesFor(statements.scc, 's3:PutObject')).toEqual([
      expect.stringMatching(/^data:.*GuestSiteBucketQueenofsandiegoComArn\w+\/photos\/\*$/),
      expect.stringMatching(/^data:.*GuestSiteBucketSailjadaComArn\w+\/photos\/\*$/),
    ]);
    expect(secretsReadBy('scc')).toEqual(['MagicLinkSecret', 'PasswordSalt']);
  });

  it('never lets SCC touch CloudFront', () => {
    expect(actionsOf(statements.scc).filter((a) => a.startsWith('cloudfront:'))).toEqual([]);
  });

  it('gives the reconciler g/* of each bucket, its photo listing, invalidations and its schedules', () => {
    expect(actionsOf(statements.reconciler)).toEqual(
      sorted(LOGS, TABLE, SECRETS, [
        's3:PutObject',
        's3:GetObject',
        's3:DeleteObject',
        'cloudfront:CreateInvalidation',
        'scheduler:CreateSchedule',
        'scheduler:UpdateSchedule',
        'scheduler:DeleteSchedule',
        'iam:PassRole',
        'sqs:SendMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        's3:ListBucket',
        'dynamodb:ListStreams',
        'dynamodb:DescribeStream',
      ]),
    );
    const pages = [
      expect.stringMatching(/^data:.*GuestSiteBucketQueenofsandiegoComArn\w+\/404\.html$/),
      expect.stringMatching(/^data:.*GuestSiteBucketQueenofsandiegoComArn\w+\/g\/\*$/),
      expect.stringMatching(/^data:.*GuestSiteBucketSailjadaComArn\w+\/404\.html$/),
      expect.stringMatching(/^data:.*GuestSiteBucketSailjadaComArn\w+\/g\/\*$/),
    ];
    for (const action of ['s3:PutObject', 's3:DeleteObject']) {
      expect(resourcesFor(statements.reconciler, action)).toEqual(pages);
    }
    // Photos are read (their first bytes are sniffed) but never written or deleted by the reconciler.
    expect(resourcesFor(statements.reconciler, 's3:GetObject')).toEqual(
      expect.arrayContaining([
        ...pages,
        expect.stringMatching(/^data:.*GuestSiteBucketQueenofsandiegoComArn\w+\/photos\/\*$/),
        expect.stringMatching(/^data:.*GuestSiteBucketSailjadaComArn\w+\/photos\/\*$/),
      ]),
    );
    expect(resourcesFor(statements.reconciler, 's3:GetObject')).toHaveLength(6);
    const listing = statements.reconciler.find((s) => s.Action === 's3:ListBucket');
    expect(resourcesFor(statements.reconciler, 's3:ListBucket')).toEqual([
      expect.stringMatching(/^data:.*GuestSiteBucketQueenofsandiegoComArn\w+$/),
      expect.stringMatching(/^data:.*GuestSiteBucketSailjadaComArn\w+$/),
    ]);
    expect(listing?.Condition).toEqual({ StringLike: { 's3:prefix': ['photos/*'] } });
    expect(resourcesFor(statements.reconciler, 'cloudfront:CreateInvalidation')).toEqual([
      expect.stringMatching(
        /^arn:AWS::Partition:cloudfront::AWS::AccountId:distribution\/data:.*Sitequeenofsandiegocom/,
      ),
      expect.stringMatching(
        /^arn:AWS::Partition:cloudfront::AWS::AccountId:distribution\/data:.*Sitesailjadacom/,
      ),
    ]);
    expect(resourcesFor(statements.reconciler, 'scheduler:CreateSchedule')).toEqual([
      expect.stringMatching(/:schedule\/CharterOpsServices-Reconciler-Schedules-\w+\/\*$/),
    ]);
    const passRole = statements.reconciler.find((s) => s.Action === 'iam:PassRole');
    expect(render(passRole?.Resource)).toMatch(/^ReconcilerSchedulerRole\w+\.Arn$/);
    expect(passRole?.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
    });
    expect(secretsReadBy('reconciler')).toEqual(['DashboardToken', 'SccServiceKey', 'SlackBotToken']);
  });

  it('never lets the reconciler send email', () => {
    expect(actionsOf(statements.reconciler).filter((a) => a.startsWith('ses:'))).toEqual([]);
  });

  it('lets the scheduler role invoke the reconciler and set a failed timer aside in its DLQ, nothing else', () => {
    const schedulerRole = Object.keys(template.findResources('AWS::IAM::Role')).find((id) =>
      id.startsWith('ReconcilerSchedulerRole'),
    )!;
    const schedulerStatements = statementsOf(template, schedulerRole);
    expect(actionsOf(schedulerStatements).sort()).toEqual(
      ['lambda:InvokeFunction', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'].sort(),
    );
    for (const action of ['sqs:SendMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes']) {
      expect(resourcesFor(schedulerStatements, action)).toEqual([
        expect.stringMatching(/^ReconcilerScheduleDeadLetterQueue\w+\.Arn$/),
      ]);
    }
    expect(resourcesFor(schedulerStatements, 'lambda:InvokeFunction')).toEqual([
      expect.stringMatching(/^ReconcilerServiceFunction\w+\.Arn$/),
      expect.stringMatching(/^ReconcilerServiceFunction\w+\.Arn:\*$/),
    ]);
  });
});

describe('wildcards', () => {
  const everyStatement = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) =>
      policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
  );

  it('appear in no action of any policy', () => {
    const actions = everyStatement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.length).toBeGreaterThan(50);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  it('appear only in the resources the nag justifications name', () => {
    // The same list as the justifications in infra/lib/constructs: a new wildcard must be added to both.
    const allowed = [
      /\/index\/\*$/,
      /\/g\/\*$/,
      /\/photos\/\*$/,
      /:schedule\/[\w-]+\/\*$/,
      /\.Arn:\*$/,
      /^\*$/,
    ];
    const wildcards = everyStatement
      .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
      .map(render)
      .filter((r) => r.includes('*'));
    expect(wildcards.filter((r) => !allowed.some((pattern) => pattern.test(r)))).toEqual([]);
  });

  it('grant everything ("*") only for dynamodb:ListStreams and X-Ray writes, which have no resource-level permission', () => {
    const onEverything = everyStatement.filter((s) => s.Resource === '*');
    expect([...new Set(onEverything.flatMap((s) => s.Action))].sort()).toEqual([
      'dynamodb:ListStreams',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });
});
