/**
 * Configuration of the mail feedback handler (SES bounces and complaints from SQS), read once at start-up.
 * It needs only the table; nothing secret.
 */
import { commonEnv, type Env, parseEnv } from './env';

export interface MailFeedbackConfig {
  awsRegion: string;
  tableName: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export function loadMailFeedbackConfig(env: Env): MailFeedbackConfig {
  const parsed = parseEnv(commonEnv, env);
  return { awsRegion: parsed.AWS_REGION, tableName: parsed.TABLE_NAME, logLevel: parsed.LOG_LEVEL };
}
