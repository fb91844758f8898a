/** HTTP plumbing shared by the services behind API Gateway. */
export * from './request';
export * from './responses';
export * from './router';
