/**
 * Log retention from a number of days, limited to the periods CloudWatch Logs accepts.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AppConfigError } from './app-config';

export function retentionOf(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number' && v > 0);
  if (!allowed.includes(days)) {
    throw new AppConfigError(
      `charter-ops:logRetentionDays is invalid: ${days} is not a CloudWatch Logs retention; use one of ${allowed.join(', ')}`,
    );
  }
  return days as RetentionDays;
}
