/**
 * `/charter report [period]` and `/charter payroll <period>`: operator-only (they carry every amount).
 * The summary is the ephemeral answer; the CSV files go to the operator's own DM with the app, after the
 * ack, so Slack's 3 seconds hold however slow the upload is. A failed upload is said, privately.
 */
import { DEFAULT_TIME_ZONE } from '../../../domain';
import { ValidationError } from '../../../errors';
import type { Logger } from '../../../logging';
import {
  bookingsForPeriod,
  buildMoneyReport,
  buildPayroll,
  describePeriod,
  localDay,
  type Period,
  parsePeriod,
  payrollCsvFile,
  reportCsvFiles,
} from '../../../reports';
import { PAYROLL_USAGE, renderPayroll, renderReport } from '../../blocks/report';
import { userMessageFor } from '../../errors';
import { type UploadFile, uploadFilesToDm } from '../../file-upload';
import type { CommandArgs, Subcommand } from './subcommand';

const FILES_NOTE = 'The CSV files are on their way to your direct messages with Charter Ops.';

/** "This month" is the business's month: today in the default charter zone, not the server's UTC day. */
function periodFrom(rest: string[], now: Date): Period {
  return parsePeriod(rest, localDay(now, DEFAULT_TIME_ZONE));
}

async function sendFiles(args: CommandArgs, files: UploadFile[], comment: string, logger: Logger) {
  try {
    await uploadFilesToDm(args.client, args.command.user_id, files, comment);
  } catch (error) {
    logger.warn('report upload failed', { error: String(error) });
    await args
      .respond({
        response_type: 'ephemeral',
        text: `:warning: The CSV files could not be put in your DM: ${userMessageFor(error)} Try again in a minute.`,
      })
      .catch(() => undefined);
  }
}

export const reportCommand: Subcommand = async (args, rest, deps) => {
  const period = periodFrom(rest, deps.now());
  const { bookings, complete } = await bookingsForPeriod(deps.store, period);
  const report = buildMoneyReport(bookings, period);
  const partial = complete ? '' : ' :warning: Too many charters: narrow the period for complete figures.';
  await args.ack({ response_type: 'ephemeral', ...renderReport(report, FILES_NOTE + partial) });
  await sendFiles(args, reportCsvFiles(report), `Charter report ${describePeriod(period)}`, deps.logger);
};

export const payrollCommand: Subcommand = async (args, rest, deps) => {
  if (rest.length === 0)
    throw new ValidationError([{ field: 'period', message: `Which period? ${PAYROLL_USAGE}.` }]);
  const period = periodFrom(rest, deps.now());
  const { bookings, complete } = await bookingsForPeriod(deps.store, period);
  const payroll = buildPayroll(bookings, period);
  const partial = complete ? '' : ' :warning: Too many charters: narrow the period for complete figures.';
  await args.ack({ response_type: 'ephemeral', ...renderPayroll(payroll, FILES_NOTE + partial) });
  await sendFiles(args, [payrollCsvFile(payroll)], `Payroll ${describePeriod(period)}`, deps.logger);
};
