/*
 * Guest sites' viewer-request CloudFront Function (runtime cloudfront-js-2.0), deployed as is from this file
 * and run locally by the dev gateway through the very same file (src/guest/cloudfront-function.ts).
 *
 * - `/g/<name>` and `/g/<name>/` are served from the object `g/<name>.html`; a path whose last segment already
 *   has an extension (`/g/<id>.ics`) is left alone. A dot in an earlier segment does not count.
 * - The query string lives in request.querystring and is never touched.
 * - Never lets `..`, `.`, empty segments (`/g//x`), backslashes, NUL or encoded slashes (`%2f`, `%5c`, also
 *   double-encoded) through: those requests are answered 400 here and never reach the bucket.
 *
 * Plain script on purpose (the 2.0 runtime's subset: const/let, no modules, no imports): CloudFront calls the
 * top-level `function handler(event)`.
 */

const GUEST_PREFIX = '/g/';
const MAX_DECODE_ROUNDS = 3;

function badRequest() {
  return {
    statusCode: 400,
    statusDescription: 'Bad Request',
    headers: {
      'content-type': { value: 'text/plain; charset=utf-8' },
      'cache-control': { value: 'no-store' },
    },
    body: { encoding: 'text', data: 'This address is not valid.' },
  };
}

function notFound() {
  return {
    statusCode: 404,
    statusDescription: 'Not Found',
    headers: {
      'content-type': { value: 'text/plain; charset=utf-8' },
      'cache-control': { value: 'public, max-age=60' },
    },
    body: { encoding: 'text', data: 'There is no charter page at this address.' },
  };
}

/** True when any decoding of the path (up to three rounds) contains a traversal or an encoded separator. */
function isHostilePath(uri) {
  let current = uri;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    const lower = current.toLowerCase();
    if (
      lower.indexOf('%2f') !== -1 ||
      lower.indexOf('%5c') !== -1 ||
      lower.indexOf('%00') !== -1 ||
      current.indexOf('\\') !== -1 ||
      current.indexOf('\u0000') !== -1
    ) {
      return true;
    }
    const segments = current.split('/');
    for (let i = 0; i < segments.length; i++) {
      if (segments[i] === '..' || segments[i] === '.') return true;
      // Only the leading slash and one trailing slash make empty segments; `//` anywhere is not a page.
      if (segments[i] === '' && i !== 0 && i !== segments.length - 1) return true;
    }
    let decoded;
    try {
      decoded = decodeURIComponent(current);
    } catch (_malformed) {
      return true;
    }
    if (decoded === current) return false;
    current = decoded;
  }
  // Still changing after three decodes: nobody legitimate encodes a path that deeply.
  return true;
}

// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls handler by name
function handler(event) {
  const request = event.request;
  const uri = request.uri || '/';

  if (uri.charAt(0) !== '/' || isHostilePath(uri)) return badRequest();
  if (uri.indexOf(GUEST_PREFIX) !== 0) {
    if (uri === '/g') return notFound();
    return request;
  }

  let name = uri.slice(GUEST_PREFIX.length);
  if (name.charAt(name.length - 1) === '/') name = name.slice(0, -1);
  if (name === '' || name.charAt(name.length - 1) === '/') return notFound();

  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = `${GUEST_PREFIX}${name}.html`;
  } else {
    request.uri = GUEST_PREFIX + name;
  }
  return request;
}
