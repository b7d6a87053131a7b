import { z } from 'zod';
import type { Context } from '../context.js';
import { newId, nowIso } from '../db/helpers.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { translator, type Locale, type Params, type Translate } from '../i18n/index.js';
import { registerModeratedKind } from '../moderation/index.js';
import { registerPersonalData } from '../privacy.js';
import { defineUseCase, type Tx } from '../service.js';
import type { Tenant } from '../tenancy.js';
import { longText } from '../validation.js';
import { normalizeBody } from '../versions/model.js';
import type { CommentStatus } from './store.js';

/**
 * Comments under any public item. A capability registers a subject kind with how to find one of
 * its items in a municipality (its title and public path); a comment on an unknown or foreign
 * subject is "not found". Posting needs a person signed in with a verified address (the rule is
 * `comments.post`, in index.ts). An author deletes their own comment: the text goes, a tombstone
 * stays, so the conversation around it still reads. Comments are moderated (kind "comment").
 */
export interface CommentSubjectKind {
  type: string;
  /** The item's canonical id, title and public path, if it exists in this municipality (`locale`: the reader's, for dates in a reason). */
  find(db: Tx, tenant: Tenant, id: string, t: Translate, locale?: Locale): Promise<FoundSubject | null>;
}

export interface FoundSubject {
  id: string;
  title: string;
  path: string;
  /**
   * Posting is closed for now (e.g. a comment period has passed or not yet begun): the reason as
   * a message key of the subject's capability. The comments stay readable; the form is replaced
   * by the reason, and a post is refused (409) with it and changes nothing. Left out: open.
   */
  closed?: { key: string; params?: Params };
}

const subjectKinds = new Map<string, CommentSubjectKind>();

export function registerCommentSubject(kind: CommentSubjectKind): void {
  subjectKinds.set(kind.type, kind);
}

export interface CommentSubject {
  type: string;
  id: string;
}

export const commentActions = { view: 'comments.view', post: 'comments.post', delete: 'comments.delete' } as const;
export const MAX_COMMENT = 2000;
export const COMMENT_KIND = 'comment';

/** The subject of a request, in the request's municipality (404 otherwise). */
export async function findSubject(db: Tx, ctx: Context, subject: CommentSubject): Promise<FoundSubject> {
  const kind = subjectKinds.get(subject.type);
  const found = kind && ctx.tenant ? await kind.find(db, ctx.tenant, subject.id, translator(ctx.locale), ctx.locale) : null;
  if (!found) throw new NotFoundError();
  return found;
}

export const commentAnchor = (id: string) => `reactie-${id}`;

export const postComment = defineUseCase({
  action: commentActions.post,
  input: z.object({
    subjectType: z.string().max(40),
    subjectId: z.string().min(1).max(64),
    body: longText(MAX_COMMENT).transform(normalizeBody),
  }),
  async resource(tx, input, ctx) {
    await findSubject(tx, ctx, { type: input.subjectType, id: input.subjectId });
    return { type: 'comment', municipalityId: ctx.tenant!.id };
  },
  async run(tx, input, ctx) {
    const authorId = (ctx.actor as { personId: string }).personId;
    const subject = await findSubject(tx, ctx, { type: input.subjectType, id: input.subjectId });
    if (subject.closed) throw new ConflictError(subject.closed.key, subject.closed.params);
    const row = {
      id: newId(), municipality_id: ctx.tenant!.id, subject_type: input.subjectType, subject_id: subject.id, author_id: authorId,
      body: input.body, status: 'published' as CommentStatus, created_at: nowIso(), deleted_at: null,
    };
    await tx.insertInto('comments').values(row).execute();
    return {
      result: { id: row.id, path: `${subject.path}#${commentAnchor(row.id)}` },
      audit: [{
        action: 'comment.post', entityType: COMMENT_KIND, entityId: row.id, municipalityId: row.municipality_id,
        after: { subject_type: row.subject_type, subject_id: row.subject_id, body: row.body }, personal: { subjectId: authorId, fields: ['body'] },
      }],
    };
  },
});

async function findComment(db: Tx, municipalityId: string, id: string) {
  return db.selectFrom('comments').selectAll().where('id', '=', id).where('municipality_id', '=', municipalityId).executeTakeFirst();
}

export const deleteComment = defineUseCase({
  action: commentActions.delete,
  input: z.object({ id: z.string().min(1).max(64) }),
  async resource(tx, input, ctx) {
    const comment = ctx.tenant ? await findComment(tx, ctx.tenant.id, input.id) : undefined;
    if (!comment || comment.status !== 'published') throw new NotFoundError();
    return { type: 'comment', municipalityId: comment.municipality_id, ownerId: comment.author_id };
  },
  async run(tx, input, ctx) {
    const comment = (await findComment(tx, ctx.tenant!.id, input.id))!;
    await tx.updateTable('comments').set({ body: '', status: 'deleted', deleted_at: nowIso() }).where('id', '=', comment.id).execute();
    const subject = await findSubject(tx, ctx, { type: comment.subject_type, id: comment.subject_id }).catch(() => null);
    return {
      result: { path: subject ? `${subject.path}#${commentAnchor(comment.id)}` : `/${ctx.tenant!.slug}` },
      audit: [{
        action: 'comment.delete', entityType: COMMENT_KIND, entityId: comment.id, municipalityId: comment.municipality_id,
        before: { body: comment.body }, ...(comment.author_id ? { personal: { subjectId: comment.author_id, fields: ['body'] } } : {}),
      }],
    };
  },
});

// ---- reading -----------------------------------------------------------------------------------

export interface CommentRow {
  id: string;
  author_id: string | null;
  body: string;
  status: CommentStatus;
  created_at: string;
}

export async function countComments(db: Tx, municipalityId: string, subject: CommentSubject): Promise<number> {
  const row = await db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('municipality_id', '=', municipalityId).where('subject_type', '=', subject.type).where('subject_id', '=', subject.id).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Comments of a subject, oldest first: `offset` and `limit` page through them. */
export async function listComments(db: Tx, municipalityId: string, subject: CommentSubject, page: { offset: number; limit: number }): Promise<CommentRow[]> {
  return db.selectFrom('comments').select(['id', 'author_id', 'body', 'status', 'created_at'])
    .where('municipality_id', '=', municipalityId).where('subject_type', '=', subject.type).where('subject_id', '=', subject.id)
    .orderBy('created_at').orderBy('id').offset(page.offset).limit(page.limit).execute();
}

// ---- moderation and people's rights -----------------------------------------------------------------

registerModeratedKind({
  kind: COMMENT_KIND,
  labelKey: 'comments.moderation.label',
  hiddenKey: 'comments.hidden',
  async load(db, tenant, id, t) {
    const comment = await findComment(db, tenant.id, id);
    if (!comment) return null;
    const kind = subjectKinds.get(comment.subject_type);
    const subject = kind ? await kind.find(db, tenant, comment.subject_id, t) : null;
    return {
      municipalityId: comment.municipality_id, authorId: comment.author_id, text: comment.body, removed: comment.status !== 'published',
      title: t('comments.moderation.title', { subject: subject?.title ?? comment.subject_id }),
      path: `${subject?.path ?? `/${tenant.slug}`}#${commentAnchor(comment.id)}`,
    };
  },
});

/**
 * Erasure keeps the comment as a tombstone without author or text: the conversation around it
 * still reads, and the moderation history of it stays whole, but nothing links it to the person.
 */
registerPersonalData({
  name: 'comments',
  labelKey: 'comments.privacy.data',
  async export(db, subject) {
    return db.selectFrom('comments').select(['subject_type', 'subject_id', 'body', 'status', 'created_at', 'deleted_at'])
      .where('author_id', '=', subject.personId).orderBy('created_at').execute();
  },
  async erase(tx, subject) {
    await tx.updateTable('comments').set({ author_id: null, body: '', status: 'erased', deleted_at: nowIso() }).where('author_id', '=', subject.personId).execute();
  },
});
