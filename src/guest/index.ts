/**
 * Guest sites: rendering a charter's public page from guestView, publishing it to the brand's bucket with
 * a targeted CloudFront invalidation, and running the sites' CloudFront Function locally.
 */

export type { ViewerRequestFunction } from './cloudfront-function';
export { loadViewerRequestFunction, viewerRequestEvent } from './cloudfront-function';
export { edgeBehaviorFor, edgeHeaderValues, GUEST_EDGE } from './edge-config';
export { jsonForScriptElement } from './embed-json';
export { renderGuestIcs } from './guest-calendar';
export { mapSearchUrl } from './guest-page-model';
export { createInvalidation, invalidationReference } from './invalidation';
export type { GuestPageUrl } from './paths';
export { guestPagePath, guestPageUrl, guestPageUrlOf } from './paths';
export { listGuestPhotos } from './photos';
export type { GuestPagePublisher } from './publish';
export { createGuestPagePublisher } from './publish';
export { createGuestRenderer } from './render-guest-page';
export type { GuestTemplates } from './templates';
export { loadGuestTemplates } from './templates';
export type { GuestTheme } from './theme';
export { brandTheme, contrastRatio, faviconDataUrl, MIN_TEXT_CONTRAST } from './theme';
