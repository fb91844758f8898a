/** Who may do what in Slack: roles, the authorization table and the middleware enforcing it. */
export { type Access, accessOf } from './access';
export { authorizeRequests, nameRequest, ruleFor } from './authorize';
export { OperatorDirectory } from './operators';
export { ACTION_RULES, COMMAND_RULES, EVENT_RULES, type Rule, VIEW_RULES } from './rules';
