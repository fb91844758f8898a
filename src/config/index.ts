/** Configuration: every setting parsed once from the environment with zod, failing with the variable name. */

export type { BrandDirectory } from './brands';
export { loadBrands } from './brands';
export type { DashboardConfig } from './dashboard';
export { loadDashboardConfig } from './dashboard';
export type { DevSlackMode } from './dev';
export { loadDevConfig } from './dev';
export { loadLifecycleConfig } from './lifecycle';
export { loadMailFeedbackConfig } from './mail-feedback';
export type { BackgroundRetrySettings, PipelineConfig, RetrySettings } from './pipeline';
export { loadPipelineConfig } from './pipeline';
export type { SccConfig } from './scc';
export { loadPasswordSalt, loadSccConfig, MIN_SECRET_BYTES } from './scc';
export type { SecretSource } from './secrets';
export type { OperatorList, SlackConfig } from './slack';
export { loadSlackConfig } from './slack';
export { isHttpUrl } from './slack-api';
