/** The composition: builds the pipeline and the crew lifecycle for the entry points and the dev stack. */

export type { Pipeline } from './create-pipeline';
export { createPipeline } from './create-pipeline';
