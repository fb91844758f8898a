/**
 * Guest sites: rendering a charter's public page from guestView, publishing it to the brand's bucket with
 * a targeted CloudFront invalidation, and running the sites' CloudFront Function locally.
 */
export * from './cloudfront-function';
export * from './edge-config';
export * from './embed-json';
export * from './guest-calendar';
export * from './paths';
export * from './photos';
export * from './publish';
export * from './render-guest-page';
export * from './templates';
export * from './theme';
