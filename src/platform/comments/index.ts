import type { CapabilityModule } from '../module.js';
import { everyone, isSelf, type Rule } from '../policy.js';
import { commentMessages } from './messages.js';
import { registerCommentPages } from './routes.js';
import { commentActions } from './service.js';
import { commentMigrations } from './store.js';

/** Who may post a comment: a signed-in person whose e-mail address is verified (public text needs a reachable author). */
export const commentators: Rule = (actor) => actor.kind === 'person' && actor.emailVerified;

/** Residents' comments under any public item (a platform service shaped as a module), moderated through the moderation module. */
export const commentsModule: CapabilityModule = {
  name: 'comments',
  migrations: commentMigrations,
  messages: commentMessages,
  registerPolicies(policy) {
    policy.registerAll({
      [commentActions.view]: everyone,
      [commentActions.post]: commentators,
      [commentActions.delete]: isSelf,
    });
  },
  registerPages: registerCommentPages,
};

export {
  registerCommentSubject, postComment, deleteComment, listComments, countComments, commentActions, commentAnchor, COMMENT_KIND, MAX_COMMENT,
} from './service.js';
export type { CommentSubjectKind, CommentSubject, CommentRow, FoundSubject } from './service.js';
export { renderComments, commentsPath, PREVIEW_COMMENTS, COMMENTS_PER_PAGE, type CommentsOptions } from './render.js';
