/**
 * The pages of the guest-mail unsubscribe link: "stop emails about this charter?" (a GET never changes
 * anything: mail scanners open links), "done", and "this link is not valid". In the brand's look, readable
 * colours from the brand theme; the page's one inline style sheet is allowed by its CSP hash.
 *
 * Guest-facing: shows the brand and fixed sentences only, never booking data.
 */
import Mustache from 'mustache';
import type { Brand } from '../domain';
import { ConfigError } from '../errors';
import type { GuestTemplates } from '../guest';
import { type BrandModel, brandModel } from './crew-presenter';
import { cspHash, escapeHtml, type RenderedPage } from './crew-templates';

export interface UnsubscribePageInput {
  heading: string;
  message: string;
  /** Where the confirm button posts; left out, the page has no form. */
  formAction?: string;
}

const NEUTRAL: Pick<Brand, 'brandName' | 'tagline' | 'domain' | 'colours'> = {
  brandName: 'Charter',
  tagline: '',
  domain: '',
  colours: { primary: '#1f3a5f', accent: '#d9a441', background: '#f6f6f4', text: '#1b1f23' },
};

export function renderUnsubscribePage(
  templates: GuestTemplates,
  brand: Brand | undefined,
  input: UnsubscribePageInput,
): RenderedPage {
  const model = brandModel(brand ?? NEUTRAL);
  const css = pageCss(model);
  const template = templates.partials['guest-unsubscribe'];
  if (!template) throw new ConfigError('Template guest-unsubscribe.mustache is missing.');
  const html = Mustache.render(
    template,
    {
      brand: model,
      css,
      heading: input.heading,
      message: input.message,
      formAction: input.formAction ?? false,
    },
    {},
    { escape: escapeHtml },
  );
  return { html, styleHash: cspHash(css), scriptHash: undefined };
}

function pageCss({ theme }: BrandModel): string {
  return [
    `body{margin:0;background:${theme.background};color:${theme.text};font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}`,
    `.masthead{background:${theme.primary};color:${theme.onPrimary};padding:14px 20px}`,
    '.masthead p{margin:0;font-weight:700}',
    'main{max-width:640px;margin:0 auto;padding:20px 16px 40px}',
    'h1{font-size:1.6rem;line-height:1.2}',
    `.button{min-height:48px;padding:12px 20px;border-radius:10px;font:inherit;font-weight:600;cursor:pointer;border:2px solid ${theme.primary};background:${theme.primary};color:${theme.onPrimary}}`,
    `.button:focus-visible{outline:3px solid ${theme.link};outline-offset:2px}`,
  ].join('\n');
}
