/**
 * ServiceFunction: how every Charter Ops Lambda runs. Node 24 on arm64, bundled by the local esbuild (never
 * Docker) with the options `npm run build` uses, its own log group with retention, its own role that starts
 * with nothing but writing to that log group, and an alarm on errors.
 *
 * Must never grant a managed policy or a wildcard action: each service adds exactly what it uses.
 */
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../../src/observability/metric-names';
import {
  BUNDLED_TEMPLATES_DIR,
  ESM_REQUIRE_BANNER,
  type LambdaBundle,
  MAIN_FIELDS,
  NODE_TARGET,
} from '../lambda-bundles';
import { justifyWildcardResources, type WildcardResourceJustification } from '../nag-checks';
import type { SecretSetting, Secrets } from './secrets';

export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** grantReadWriteData covers the table's indexes as <table ARN>/index/*. */
export const TABLE_INDEXES: WildcardResourceJustification = {
  resource: /\/index\/\*$/,
  reason: "The table's own indexes (<table ARN>/index/*): queries by GSI1 (upcoming bookings, roster).",
};

/** What every function shares: the project to bundle from, logging, alarms and the common environment. */
export interface ServiceDefaults {
  /** Repository root: package-lock.json, src/ and templates/ live there. */
  readonly projectRoot: string;
  readonly logRetention: logs.RetentionDays;
  readonly alarmTopic?: sns.ITopic;
  /** TABLE_NAME, BRAND_SITES and the like; TEMPLATES_DIR and NODE_OPTIONS are added here. */
  readonly environment: Readonly<Record<string, string>>;
}

export interface ServiceFunctionProps {
  readonly bundle: LambdaBundle;
  readonly defaults: ServiceDefaults;
  readonly description: string;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly environment?: Readonly<Record<string, string>>;
}

export class ServiceFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly errorsAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { bundle, defaults } = props;

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: defaults.logRetention });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${bundle.name}: ${props.description}`,
    });
    // In place of AWSLambdaBasicExecutionRole, whose logs:* actions reach every log group in the account.
    this.logGroup.grantWrite(this.role);

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: props.description,
      entry: join(defaults.projectRoot, bundle.entry),
      handler: 'handler',
      projectRoot: defaults.projectRoot,
      depsLockFilePath: join(defaults.projectRoot, 'package-lock.json'),
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      // Powertools Tracer (src/observability) sends the handler and AWS SDK calls to X-Ray.
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        ...defaults.environment,
        ...(bundle.withTemplates ? { TEMPLATES_DIR: BUNDLED_TEMPLATES_DIR } : {}),
        NODE_OPTIONS: '--enable-source-maps',
        // Powertools (src/observability): the service dimension and namespace the dashboard reads.
        POWERTOOLS_SERVICE_NAME: bundle.name,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        target: NODE_TARGET,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: MAIN_FIELDS,
        banner: ESM_REQUIRE_BANNER,
        esbuildArgs: Object.fromEntries(
          Object.entries(bundle.aliases?.(defaults.projectRoot) ?? {}).map(([pkg, path]) => [
            `--alias:${pkg}`,
            path,
          ]),
        ),
        // One bundle with the SDK versions we test against, not whichever the runtime ships.
        bundleAwsSDK: true,
        externalModules: [],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) =>
            bundle.withTemplates ? [`cp -R "${inputDir}/templates" "${outputDir}/templates"`] : [],
        },
      },
    });

    this.justifyWildcardResources({
      resource: /^\*$/,
      reason:
        'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level permission.',
    });

    this.errorsAlarm = new cloudwatch.Alarm(this, 'ErrorsAlarm', {
      alarmDescription: `${bundle.name}: the function failed (errors or timeouts) in the last five minutes`,
      metric: this.function.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (defaults.alarmTopic)
      this.errorsAlarm.addAlarmAction(new cloudwatchActions.SnsAction(defaults.alarmTopic));
  }

  /** Grants read access to exactly these secrets and names them in the environment (<SETTING>_SECRET_ID). */
  useSecrets(secrets: Secrets, settings: readonly SecretSetting[]): void {
    for (const [name, value] of Object.entries(secrets.grantReadTo(this.function, settings))) {
      this.function.addEnvironment(name, value);
    }
  }

  /** Declares the wildcard resources this function's role holds, and why (see nag-checks.ts). */
  justifyWildcardResources(...justifications: WildcardResourceJustification[]): void {
    justifyWildcardResources(this.role, justifications);
  }

  /** Adds a policy statement to this function's own role. */
  allow(statement: iam.PolicyStatement): void {
    this.role.addToPrincipalPolicy(statement);
  }
}
