import { describe, expect, it } from 'vitest';
import { FEEDBACK_MAX_RECEIVES } from '../../../infra/lib/constructs/mail-feedback';
import { actionsOf, render, resourcesFor, roleOf, statementsOf } from './iam-helpers';
import { type CfnJson, resourcesOf, synthesize } from './synth-helper';

const { servicesTemplate: template } = synthesize();
const only = <T>(pairs: [string, T][], prefix: string): [string, T] => {
  const found = pairs.filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${prefix}*, got ${found.length}`);
  return found[0]!;
};

const [configSetId] = only(
  resourcesOf(template, 'AWS::SES::ConfigurationSet'),
  'MailFeedbackConfigurationSet',
);
const [topicId, topic] = only(resourcesOf(template, 'AWS::SNS::Topic'), 'MailFeedbackTopic');
const [queueId, queue] = only(resourcesOf(template, 'AWS::SQS::Queue'), 'MailFeedbackQueue');
const [dlqId, dlq] = only(resourcesOf(template, 'AWS::SQS::Queue'), 'MailFeedbackDeadLetterQueue');
const functions = resourcesOf(template, 'AWS::Lambda::Function');
const [functionId, fn] = only(functions, 'MailFeedbackServiceFunction');

describe('the mail feedback path: SES configuration set → SNS → SQS → Lambda', () => {
  it('publishes bounces, complaints, rejections and delivery delays of the configuration set to the topic', () => {
    const [, destination] = only(
      resourcesOf(template, 'AWS::SES::ConfigurationSetEventDestination'),
      'MailFeedback',
    );
    expect(render(destination.Properties.ConfigurationSetName)).toBe(configSetId);
    expect(destination.Properties.EventDestination).toMatchObject({
      Enabled: true,
      MatchingEventTypes: ['bounce', 'complaint', 'reject', 'deliveryDelay'],
    });
    expect(render(destination.Properties.EventDestination.SnsDestination.TopicARN)).toBe(topicId);
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('lets only SES of this account, for this configuration set, publish to the topic, over TLS', () => {
    const policies = resourcesOf(template, 'AWS::SNS::TopicPolicy').filter(([, p]) =>
      (p.Properties.Topics as CfnJson[]).some((t) => render(t) === topicId),
    );
    const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement as CfnJson[]);
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Action: 'sns:Publish', Principal: { Service: 'ses.amazonaws.com' } });
    expect(render(allows[0].Condition.StringEquals['AWS:SourceArn'])).toContain(':configuration-set/');
    expect(
      statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
    ).toBe(true);
  });

  it('encrypts the topic with a rotated key SES may use, and the queues with SQS-managed keys', () => {
    const keyId = render(topic.Properties.KmsMasterKeyId);
    const key = template.findResources('AWS::KMS::Key')[keyId.replace(/\.Arn$/, '')];
    expect(key?.Properties.EnableKeyRotation).toBe(true);
    const sesUse = ((key?.Properties.KeyPolicy.Statement ?? []) as CfnJson[]).find(
      (s) => s.Principal?.Service === 'ses.amazonaws.com',
    );
    expect(sesUse?.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(dlq.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('subscribes the queue to the topic; the queue sets a notification aside after a few receives', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: { Ref: topicId },
      Endpoint: { 'Fn::GetAtt': [queueId, 'Arn'] },
    });
    expect(queue.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      maxReceiveCount: FEEDBACK_MAX_RECEIVES,
    });
    expect(dlq.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    // Visibility at least six times the function timeout (Lambda's advice for SQS event sources).
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn.Properties.Timeout);
  });

  it('drains the queue with the bundled mail-feedback handler, reporting partial batch failures', () => {
    const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);
    const mapping = mappings.find((m) => render(m.EventSourceArn) === `${queueId}.Arn`);
    expect(render(mapping?.FunctionName)).toBe(functionId);
    expect(mapping).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Handler: 'index.handler' });
  });

  it('gives the function the table reads and delivery writes it needs, the queue, and nothing else', () => {
    const statements = statementsOf(template, roleOf(template, 'MailFeedbackServiceFunction'));
    expect(actionsOf(statements)).toEqual(
      [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:ReceiveMessage',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
    expect(resourcesFor(statements, 'sqs:DeleteMessage')).toEqual([`${queueId}.Arn`]);
    expect(resourcesFor(statements, 'dynamodb:PutItem')).toEqual([
      expect.stringMatching(/^data:.*BookingTable\w*Arn/),
      expect.stringMatching(/^data:.*BookingTable\w*Arn\w*\/index\/\*$/),
    ]);
  });

  it('names the configuration set to SCC, which may send with it', () => {
    const [, scc] = only(functions, 'SccServiceFunction');
    expect(render(scc.Properties.Environment.Variables.SES_CONFIGURATION_SET)).toBe(configSetId);
    const statements = statementsOf(template, roleOf(template, 'SccServiceFunction'));
    expect(resourcesFor(statements, 'ses:SendRawEmail')).toContainEqual(
      expect.stringMatching(new RegExp(`:configuration-set/${configSetId}$`)),
    );
  });

  it('alarms to the operators when a notification lands in the dead-letter queue', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const alarm = alarms.find((a) => render(a.Dimensions?.[0]?.Value ?? '') === `${dlqId}.QueueName`);
    expect(alarm).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
    expect(render(alarm?.AlarmActions)).toMatch(/^Alarms\w+$/);
  });
});
