/** The pipeline's steps by name, in the order they run. A vocabulary: imports nothing. */

/** The five provisioning steps, in order: the ones the thread's progress lists. */
export const STEP_NAMES = [
  'scc-event',
  'calendar-entry',
  'guest-page',
  'invalidation',
  'slack-thread',
] as const;
/** Steps after them that report in lines of their own: guest email, then the crew lifecycle. */
export const LATER_STEP_NAMES = ['guest-mail', 'crew-lifecycle'] as const;
export type ProvisioningStepName = (typeof STEP_NAMES)[number];
export type StepName = ProvisioningStepName | (typeof LATER_STEP_NAMES)[number];
