/**
 * Customer message templates: per locale, a subject, email paragraphs and an SMS text per template,
 * with `{placeholders}` filled from the event. Texts live in shared/notifications/locales/, one
 * file per language, each of which must have every template (the compiler checks).
 */
export const supportedLocales = ['en', 'de'] as const;
export type SupportedLocale = (typeof supportedLocales)[number];
export const defaultLocale: SupportedLocale = 'en';

export const templateIds = [
  'order-confirmation',
  'order-not-accepted',
  'payment-declined',
  'payment-action-required',
  'shipment-shipped',
  'ready-for-pickup',
  'out-for-delivery',
  'delivered',
  'pickup-expired',
  'order-cancelled',
  'order-partially-cancelled',
  'order-failed',
  'return-requested',
  'return-label',
  'return-received',
  'return-refunded',
  'return-credited',
  'return-expired',
] as const;
export type TemplateId = (typeof templateIds)[number];

/**
 * A text with `{placeholders}`, or alternatives tried in order: the first whose placeholders all
 * have a value is used. That is how a sentence about tracking drops out when there is no tracking.
 */
export type Text = string | readonly string[];

export interface MessageTemplate {
  readonly subject: Text;
  /** Email paragraphs; one none of whose alternatives can be filled is left out. */
  readonly paragraphs: readonly Text[];
  readonly sms: Text;
}

export interface LocaleTexts {
  readonly greeting: Text;
  readonly signOff: string;
  readonly templates: Readonly<Record<TemplateId, MessageTemplate>>;
}

export type TemplateParams = Readonly<Record<string, string | undefined>>;

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly sms: string;
}

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/**
 * The supported language of the first candidate that has one (`de-AT` is `de`), else English:
 * candidates go from the most specific (the customer's locale) to the least (the channel's).
 */
export function resolveLocale(...candidates: readonly (string | undefined)[]): SupportedLocale {
  for (const candidate of candidates) {
    const language = candidate?.toLowerCase().split(/[-_]/)[0];
    const supported = supportedLocales.find((locale) => locale === language);
    if (supported) return supported;
  }
  return defaultLocale;
}

const placeholder = /\{([A-Za-z]+)\}/g;

interface Formatter {
  readonly literal: (text: string) => string;
  readonly value: (name: string, value: string) => string;
}

const plain: Formatter = { literal: (text) => text, value: (_name, value) => value };

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** In HTML, a value named `...Url` that is an http(s) URL becomes a link; everything else is escaped. */
const html: Formatter = {
  literal: escapeHtml,
  value: (name, value) => (name.endsWith('Url') && /^https?:\/\//.test(value) ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>` : escapeHtml(value)),
};

function fillOne(template: string, params: TemplateParams, format: Formatter): string | undefined {
  let filled = '';
  let last = 0;
  for (const match of template.matchAll(placeholder)) {
    const value = params[match[1] as string];
    if (value === undefined || value === '') return undefined;
    filled += format.literal(template.slice(last, match.index)) + format.value(match[1] as string, value);
    last = match.index + match[0].length;
  }
  return filled + format.literal(template.slice(last));
}

function fill(text: Text, params: TemplateParams, format: Formatter = plain): string | undefined {
  for (const alternative of typeof text === 'string' ? [text] : text) {
    const filled = fillOne(alternative, params, format);
    if (filled !== undefined) return filled;
  }
  return undefined;
}

function required(text: Text, params: TemplateParams, what: string): string {
  const filled = fill(text, params);
  if (filled === undefined) throw new TemplateError(`The ${what} has a placeholder without a value (${JSON.stringify(text)})`);
  return filled;
}

export function renderTemplate(texts: LocaleTexts, locale: SupportedLocale, templateId: TemplateId, params: TemplateParams): RenderedMessage {
  const template = texts.templates[templateId];
  const blocks = [texts.greeting, ...template.paragraphs, texts.signOff];
  const paragraphs = blocks.map((block) => fill(block, params)).filter((paragraph) => paragraph !== undefined);
  const htmlParagraphs = blocks.map((block) => fill(block, params, html)).filter((paragraph) => paragraph !== undefined);
  return {
    subject: required(template.subject, params, `${locale} ${templateId} subject`),
    text: `${paragraphs.join('\n\n')}\n`,
    html: `<!doctype html>\n<html lang="${locale}"><body>\n${htmlParagraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}\n</body></html>\n`,
    sms: required(template.sms, params, `${locale} ${templateId} SMS`),
  };
}
