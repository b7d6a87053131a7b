import { html, type SafeHtml } from '../html.js';
import { FORM_KEY_FIELD, newFormKey } from '../http/form-keys.js';
import { formatDateTime, translator } from '../i18n/index.js';
import type { Context } from '../context.js';
import { moderationStates, renderModerated, reportLink } from '../moderation/index.js';
import { allowed } from '../service.js';
import { errorSummary, form, link, paragraph, textArea, type FormErrors } from '../ui/components.js';
import { renderBody } from '../versions/render.js';
import {
  COMMENT_KIND, MAX_COMMENT, commentActions, commentAnchor, countComments, findSubject, listComments, type CommentRow, type CommentSubject,
} from './service.js';

/** How many comments an item's own page shows (the latest); the rest is on the comments page. */
export const PREVIEW_COMMENTS = 10;
/** Comments per page on the comments page. */
export const COMMENTS_PER_PAGE = 50;

export interface CommentsOptions {
  csrf: string;
  /** Where the sign-in link returns to. */
  back: string;
  /** The whole list, paged (the comments page), instead of only the latest (under an item). */
  page?: number;
  values?: Record<string, string>;
  errors?: FormErrors;
}

export const commentsPath = (slug: string, subject: CommentSubject) => `/${slug}/reacties/${subject.type}/${encodeURIComponent(subject.id)}`;

/** A one-button form with a one-time key (a double click deletes once). */
function keyedButton(input: { action: string; csrf: string; label: string }): SafeHtml {
  return html`<form method="post" action="${input.action}" class="ba-inline-form">
    <input type="hidden" name="_csrf" value="${input.csrf}"><input type="hidden" name="${FORM_KEY_FIELD}" value="${newFormKey()}">
    <button type="submit" class="utrecht-button utrecht-button--secondary-action ba-danger">${input.label}</button>
  </form>`;
}

function pageLinks(ctx: Context, path: string, page: number, pages: number): SafeHtml {
  if (pages <= 1) return html``;
  const t = translator(ctx.locale);
  return html`<nav aria-label="${t('comments.paging')}"><p class="utrecht-paragraph">
    ${page > 1 ? link(`${path}?pagina=${page - 1}`, t('comments.earlier')) : ''}
    ${t('comments.pageOf', { page, pages })}
    ${page < pages ? link(`${path}?pagina=${page + 1}`, t('comments.later')) : ''}
  </p></nav>`;
}

/**
 * The comments of a subject with the form to add one: for any page that shows a public item.
 * Oldest first (newest last), with the author's display name and the date; hidden comments show
 * the moderation notice (their author sees the text and the reason).
 */
export async function renderComments(ctx: Context, subject: CommentSubject, options: CommentsOptions): Promise<SafeHtml> {
  const t = translator(ctx.locale);
  const tenant = ctx.tenant!;
  const { db } = ctx.platform;
  const slug = tenant.slug;
  const total = await countComments(db, tenant.id, subject);
  const pages = Math.max(1, Math.ceil(total / COMMENTS_PER_PAGE));
  const page = options.page === undefined ? null : Math.min(Math.max(1, options.page), pages);
  const offset = page === null ? Math.max(0, total - PREVIEW_COMMENTS) : (page - 1) * COMMENTS_PER_PAGE;
  const rows = await listComments(db, tenant.id, subject, { offset, limit: page === null ? PREVIEW_COMMENTS : COMMENTS_PER_PAGE });
  const authorIds = [...new Set(rows.map((r) => r.author_id).filter((a): a is string => a !== null))];
  const [contacts, states] = await Promise.all([
    authorIds.length ? ctx.platform.directory.contactsOf(db, authorIds) : Promise.resolve(new Map<string, { name: string }>()),
    moderationStates(db, COMMENT_KIND, rows.map((r) => r.id)),
  ]);
  const me = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
  const all = commentsPath(slug, subject);
  const values = options.values ?? {};
  const errors = options.errors ?? {};

  const item = (row: CommentRow) => {
    const when = formatDateTime(ctx.locale, row.created_at);
    const name = row.author_id ? contacts.get(row.author_id)?.name ?? t('comments.unknownAuthor') : t('comments.unknownAuthor');
    const mine = me !== null && row.author_id === me;
    const state = states.get(row.id);
    if (row.status !== 'published') {
      return html`<li class="ba-card" id="${commentAnchor(row.id)}">
        <p class="utrecht-paragraph"><time datetime="${row.created_at}">${when}</time></p>
        ${paragraph(html`<em>${t(row.status === 'deleted' ? 'comments.deletedByAuthor' : 'comments.erased')}</em>`)}</li>`;
    }
    return html`<li class="ba-card" id="${commentAnchor(row.id)}">
      <p class="utrecht-paragraph"><strong>${name}</strong>${mine ? html` (${t('comments.you')})` : ''}, <time datetime="${row.created_at}">${when}</time></p>
      ${renderModerated(t, { kind: COMMENT_KIND, state, isAuthor: mine, content: renderBody(row.body) })}
      ${mine ? keyedButton({ action: `/${slug}/reacties/${row.id}/verwijderen`, csrf: options.csrf, label: t('comments.delete', { when }) })
        : state ? '' : paragraph(reportLink(t, `/${slug}`, COMMENT_KIND, row.id, t('comments.reportContext', { name, when })))}
    </li>`;
  };

  const resource = { type: 'comment', municipalityId: tenant.id };
  // A subject may close posting for a while (its reason replaces the form, for everyone).
  const closed = (await findSubject(db, ctx, subject).catch(() => null))?.closed;
  let write: SafeHtml;
  if (closed) {
    write = html`<p class="utrecht-paragraph ba-comments-closed">${t(closed.key, closed.params)}</p>`;
  } else if (allowed(ctx, commentActions.post, resource)) {
    const labels = { body: t('comments.field.body') };
    write = html`<h3 class="utrecht-heading-3">${t('comments.write')}</h3>
      ${errorSummary(t, errors, labels)}
      ${form({ action: `/${slug}/reacties`, csrf: options.csrf, submit: t('comments.submit'), body: html`
        <input type="hidden" name="subjectType" value="${subject.type}"><input type="hidden" name="subjectId" value="${subject.id}">
        ${textArea(t, { name: 'body', label: labels.body, hint: t('comments.field.bodyHint', { maximum: MAX_COMMENT }), value: values.body, errors, rows: 4, required: true })}` })}`;
  } else if (ctx.actor.kind === 'person') {
    write = paragraph(t('comments.verifyFirst'));
  } else {
    write = paragraph(link(`/${slug}/inloggen?terug=${encodeURIComponent(options.back)}`, t('comments.signIn')));
  }

  return html`<section class="ba-comments" aria-labelledby="reacties">
    <h2 class="utrecht-heading-2" id="reacties">${t('comments.heading', { count: total })}</h2>
    ${page === null && total > rows.length ? paragraph(link(all, t('comments.all', { count: total }))) : ''}
    ${page !== null ? pageLinks(ctx, all, page, pages) : ''}
    ${rows.length ? html`<ol class="utrecht-ordered-list ba-comment-list">${rows.map(item)}</ol>` : paragraph(t('comments.none'))}
    ${write}
  </section>`;
}
