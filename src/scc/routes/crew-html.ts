/**
 * Crew routes answer with pages: every refusal becomes a page that says what to do, never a stack. A
 * replaced link's page offers to email the current link (to the address on file; ../fresh-link.ts).
 */
import { isAppError } from '../../errors';
import type { HttpResponse } from '../../http';
import { CrewLinkRefused, ReplacedLinkRefused } from '../crew-access';
import { crewPageUrl } from '../crew-links';
import { type Notice, renderNoticePage } from '../crew-templates';
import type { SccRouteContext } from './context';
import { pageResponse } from './page-response';

export async function crewHtml(
  ctx: SccRouteContext,
  handle: () => Promise<HttpResponse>,
  token?: string,
): Promise<HttpResponse> {
  const { settings, templates, logger } = ctx.deps;
  try {
    return await handle();
  } catch (error) {
    if (error instanceof CrewLinkRefused) {
      logger.info('crew link refused', { status: error.statusCode, code: error.code });
      const notice =
        error instanceof ReplacedLinkRefused && token
          ? {
              ...error.notice,
              action: {
                url: `${crewPageUrl(settings.publicBaseUrl, token)}/fresh-link`,
                label: 'Email me my current link',
                note: 'We send it only to the email address we have on file for you.',
              },
            }
          : error.notice;
      return pageResponse(settings, error.statusCode, renderNoticePage(templates, error.brand, notice));
    }
    const { status, notice } = noticeForError(error);
    if (status >= 500) logger.error('crew page failed', { error });
    else logger.info('crew request refused', { status, code: isAppError(error) ? error.code : undefined });
    return pageResponse(settings, status, renderNoticePage(templates, undefined, notice));
  }
}

function noticeForError(error: unknown): { status: number; notice: Notice } {
  if (isAppError(error) && error.statusCode < 500) {
    const byStatus: Record<number, Notice> = {
      400: {
        heading: 'Please try again',
        message: error.message,
        hint: 'Go back to the page and choose Confirm or Decline.',
      },
      404: {
        heading: 'We could not save your answer',
        message: error.message,
        hint: 'Reply to the email the link came in and the office will sort it out.',
      },
      413: {
        heading: 'That was too much',
        message: error.message,
        hint: 'Keep the reason short and try again.',
      },
      429: {
        heading: 'Too many tries',
        message: error.message,
        hint: 'Your earlier answer, if any, is saved.',
      },
    };
    const notice = byStatus[error.statusCode] ?? {
      heading: 'That did not work',
      message: error.message,
      hint: 'Reply to the email the link came in and the office will help.',
    };
    return { status: error.statusCode, notice };
  }
  return {
    status: 500,
    notice: {
      heading: 'Something went wrong on our side',
      message: 'We could not open this page just now.',
      hint: 'Please try again in a minute. Nothing you did caused this.',
    },
  };
}
