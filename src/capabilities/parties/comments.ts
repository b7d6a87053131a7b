import { registerCommentSubject } from '../../platform/comments/index.js';
import { findOrganisation } from './store.js';

/** Residents comment on an organisation of their municipality (on its page; organisations are public). */
registerCommentSubject({
  type: 'organisation',
  async find(db, tenant, id) {
    const org = await findOrganisation(db, tenant.id, id);
    return org ? { id: org.id, title: org.name, path: `/${tenant.slug}/organisaties/${org.id}` } : null;
  },
});
