/** HTTP plumbing shared by the services behind API Gateway. */

export type { HttpRequest } from './request';
export { parseFormBody, parseJsonBody, toHttpRequest } from './request';
export type { HttpResponse } from './responses';
export { errorToHttp, html, json, redirect, text } from './responses';
export type { RouteHandler } from './router';
export { Router } from './router';
