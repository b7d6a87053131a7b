import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDateTime, translator } from '../../../platform/i18n/index.js';
import { actionButton, heading1, link, paragraph } from '../../../platform/ui/components.js';
import { renderBody } from '../../../platform/versions/render.js';
import type { ResolvedLink } from '../links.js';
import { groupsArePublic, questionsOf } from '../model.js';
import { groupPath, summitPath } from '../service.js';
import type { GroupMember, Summit, WorkingGroup } from '../store.js';

export interface GroupPageInput {
  summit: Summit;
  group: WorkingGroup;
  members: GroupMember[];
  links: ResolvedLink[];
  canOrganise: boolean;
  csrf: string;
}

/**
 * A working group: for everyone its name and, once registration opens, its questions, the
 * information it gathered and its briefing; for organisers also its members and notes, and the
 * ways to change them.
 */
export function groupPage(ctx: Context, input: GroupPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const { summit, group, canOrganise, csrf } = input;
  const here = groupPath(ctx.tenant!.slug, summit.id, group.id);
  const open = canOrganise || groupsArePublic(summit.status);
  const questions = questionsOf(group.questions);
  const remove = (action: string, label: string) => actionButton({ action, csrf, label, danger: true });
  return html`${heading1(group.name)}
    ${paragraph(html`${t('summit.group.of')} ${link(summitPath(ctx.tenant!.slug, summit.id), summit.title)}`)}
    ${canOrganise ? html`<div class="utrecht-button-group ba-actions">${link(`${here}/bewerken`, t('summit.group.edit'))} ${link(`${here}/briefing`, t('summit.group.writeBriefing'))}</div>` : ''}
    ${open ? '' : paragraph(t('summit.group.notYetPublic'))}
    ${canOrganise ? html`<section aria-labelledby="leden"><h2 class="utrecht-heading-2" id="leden">${t('summit.group.members')}</h2>
      ${input.members.length ? html`<ul class="utrecht-unordered-list">${input.members.map((m) => html`<li>${m.name}${m.role ? html` — ${m.role}` : ''}
        ${remove(`${here}/leden/${m.id}/verwijderen`, t('summit.group.removeMember', { name: m.name }))}</li>`)}</ul>` : paragraph(t('summit.group.noMembers'))}
      ${paragraph(link(`${here}/leden/nieuw`, t('summit.group.addMember')))}
    </section>
    <section aria-labelledby="notities"><h2 class="utrecht-heading-2" id="notities">${t('summit.group.notes')}</h2>
      ${group.notes ? renderBody(group.notes) : paragraph(t('summit.group.noNotes'))}
    </section>` : ''}
    ${open ? html`<section aria-labelledby="vragen"><h2 class="utrecht-heading-2" id="vragen">${t('summit.group.questions')}</h2>
      ${questions.length ? html`<ul class="utrecht-unordered-list">${questions.map((q) => html`<li>${q}</li>`)}</ul>` : paragraph(t('summit.group.noQuestions'))}
    </section>
    <section aria-labelledby="informatie"><h2 class="utrecht-heading-2" id="informatie">${t('summit.group.information')}</h2>
      ${input.links.length ? html`<ul class="utrecht-unordered-list">${input.links.map((l) => html`<li>${t(`summit.linkKind.${l.kind}`)}: ${l.available ? link(l.href, l.title) : l.title}${l.note ? html` — ${l.note}` : ''}
        ${canOrganise ? remove(`${here}/informatie/${l.id}/verwijderen`, t('summit.group.removeLink', { title: l.title })) : ''}</li>`)}</ul>` : paragraph(t('summit.group.noLinks'))}
      ${canOrganise ? paragraph(link(`${here}/informatie/nieuw`, t('summit.group.addLink'))) : ''}
    </section>
    <section aria-labelledby="briefing"><h2 class="utrecht-heading-2" id="briefing">${t('summit.group.briefing')}</h2>
      ${group.briefing ? html`${renderBody(group.briefing)}${group.briefingUpdatedAt ? paragraph(html`<span class="ba-optional">${t('summit.group.briefingUpdated', { date: formatDateTime(ctx.locale, group.briefingUpdatedAt) })}</span>`) : ''}` : paragraph(t('summit.group.noBriefing'))}
    </section>` : ''}
    ${canOrganise ? html`<section aria-labelledby="opheffen"><h2 class="utrecht-heading-2" id="opheffen">${t('summit.group.removeHeading')}</h2>
      ${paragraph(t('summit.group.removeHint'))}
      ${remove(`${here}/verwijderen`, t('summit.group.remove', { name: group.name }))}
    </section>` : ''}`;
}
