/**
 * The services behind the gateway, built from the same composition code their Lambdas use, with the
 * local environment: the Slack app (POST /slack/events, or Socket Mode), ShipCaptainCrew (/scc/…), the
 * dashboard (/dashboard/…), and the reconciler fed by DynamoDB Local's stream as Lambda would feed it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DevSlackMode } from '../../config/dev';
import type { DataLayout } from '../data-dir';
import type { LocalGateway } from '../gateway/local-gateway';

export interface ServiceContext {
  gateway: LocalGateway;
  env: Readonly<Record<string, string>>;
  log: (line: string) => void;
  layout: DataLayout;
  dynamoClient: DynamoDBClient;
  slackMode: DevSlackMode;
  publicUrl: string;
  stops: Array<() => Promise<void> | void>;
}

export async function mountServices(context: ServiceContext): Promise<void> {
  void context;
}
