import { html } from './html.js';
import type { Locale, Translate } from './i18n/index.js';

/**
 * One layout for every e-mail: plain text and HTML with the same content, in the reader's
 * language, short and in plain language. The HTML is simple and accessible (lang, real link
 * text, no images), so it reads well in any mail client and with a screen reader.
 */
export interface MailContent {
  locale: Locale;
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Shown under the action (e.g. how long a link works, what to do if you did not ask). */
  after?: string[];
  /** For messages people can opt out of: link in the footer (and the List-Unsubscribe header). */
  unsubscribeUrl?: string;
}

export function composeMail(t: Translate, content: MailContent): { subject: string; text: string; html: string } {
  const greeting = t('mail.greeting');
  const signature = t('mail.signature');
  const textParts = [greeting, '', ...content.paragraphs.flatMap((p) => [p, ''])];
  if (content.action) textParts.push(`${content.action.label}:`, content.action.url, '');
  for (const p of content.after ?? []) textParts.push(p, '');
  textParts.push(signature);
  if (content.unsubscribeUrl) textParts.push('', `${t('mail.unsubscribe')}: ${content.unsubscribeUrl}`);
  const body = html`<!doctype html>
<html lang="${content.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${content.subject}</title></head>
<body>
<p>${greeting}</p>
${content.paragraphs.map((p) => html`<p>${p}</p>`)}
${content.action ? html`<p><a href="${content.action.url}">${content.action.label}</a></p><p>${t('mail.linkFallback')}<br>${content.action.url}</p>` : ''}
${(content.after ?? []).map((p) => html`<p>${p}</p>`)}
<p>${signature}</p>
${content.unsubscribeUrl ? html`<hr><p><a href="${content.unsubscribeUrl}">${t('mail.unsubscribe')}</a></p>` : ''}
</body>
</html>`;
  return { subject: content.subject, text: textParts.join('\n'), html: body.value };
}
