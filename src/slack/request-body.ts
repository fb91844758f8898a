/**
 * Is a (correctly signed) Slack request's body what its content type says? Slack sends interactivity and
 * slash commands as `application/x-www-form-urlencoded` (interactivity as one `payload` field holding a JSON
 * object) and Events API callbacks as `application/json`
 * (https://docs.slack.dev/interactivity/handling-user-interaction, …/apis/events-api). Anything else is
 * answered 400 before Bolt sees it: Bolt throws on such bodies, which in AWS is a Lambda error that Slack
 * retries. Pure: reads the body, never logs it (it can hold people's data).
 */

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** Undefined when the body fits its media type; otherwise a short reason (safe to log: no body content). */
export function malformedSlackBody(mediaType: string, rawBody: string): string | undefined {
  if (mediaType === JSON_TYPE) {
    return isJsonObject(rawBody) ? undefined : 'the JSON body is not a JSON object';
  }
  if (mediaType === FORM) {
    const form = new URLSearchParams(rawBody);
    const payload = form.get('payload');
    if (payload !== null) return isJsonObject(payload) ? undefined : 'the payload field is not a JSON object';
    if (form.get('command') || form.get('ssl_check')) return undefined;
    return 'the form body has neither a payload nor a command';
  }
  return `the content type ${mediaType ? `"${mediaType.slice(0, 60)}"` : '(none)'} is not one Slack sends`;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
