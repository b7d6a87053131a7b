import { html, type SafeHtml } from '../../../platform/html.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { errorSummary, form, heading1, link, paragraph, selectField, textField, type FormErrors } from '../../../platform/ui/components.js';

export function loginPage(t: Translate, base: string, csrf: string, values: Record<string, string>, errors: FormErrors, back: string, staff: SafeHtml | null = null): SafeHtml {
  const labels = { email: t('parties.field.email'), password: t('parties.field.password') };
  return html`${heading1(t('parties.login.title'))}
    ${staff}
    ${errorSummary(t, errors, labels)}
    ${form({
      action: `${base}/inloggen?terug=${encodeURIComponent(back)}`, csrf, submit: t('parties.login.submit'),
      body: html`${textField(t, { name: 'email', label: labels.email, type: 'email', autocomplete: 'username', value: values.email, errors, required: true })}
        ${textField(t, { name: 'password', label: labels.password, type: 'password', autocomplete: 'current-password', errors, required: true })}`,
    })}
    ${paragraph(link(`${base}/wachtwoord-vergeten`, t('parties.login.forgot')))}
    ${paragraph(html`${t('parties.login.noAccount')} ${link(`${base}/registreren`, t('parties.register.title'))}`)}`;
}

export function registerPage(t: Translate, base: string, csrf: string, values: Record<string, string>, errors: FormErrors): SafeHtml {
  const labels = { displayName: t('parties.field.displayName'), email: t('parties.field.email'), password: t('parties.field.newPassword') };
  return html`${heading1(t('parties.register.title'))}
    ${paragraph(t('parties.register.intro'))}
    ${errorSummary(t, errors, labels)}
    ${form({
      action: `${base}/registreren`, csrf, submit: t('parties.register.submit'),
      body: html`${textField(t, { name: 'displayName', label: labels.displayName, hint: t('parties.field.displayNameHint'), autocomplete: 'nickname', value: values.displayName, errors, required: true, maxLength: 80 })}
        ${textField(t, { name: 'email', label: labels.email, type: 'email', autocomplete: 'email', value: values.email, errors, required: true })}
        ${textField(t, { name: 'password', label: labels.password, hint: t('parties.field.newPasswordHint'), type: 'password', autocomplete: 'new-password', errors, required: true })}`,
    })}
    ${paragraph(link(`${base}/privacy`, t('footer.privacy')))}`;
}

export function messagePage(t: Translate, titleKey: string, bodyKey: string, next?: { href: string; label: string }): SafeHtml {
  return html`${heading1(t(titleKey))}${paragraph(t(bodyKey))}${next ? paragraph(link(next.href, next.label)) : ''}`;
}

export function forgotPage(t: Translate, base: string, csrf: string, values: Record<string, string>, errors: FormErrors): SafeHtml {
  const labels = { email: t('parties.field.email') };
  return html`${heading1(t('parties.forgot.title'))}${paragraph(t('parties.forgot.intro'))}
    ${errorSummary(t, errors, labels)}
    ${form({ action: `${base}/wachtwoord-vergeten`, csrf, submit: t('parties.forgot.submit'),
      body: textField(t, { name: 'email', label: labels.email, type: 'email', autocomplete: 'email', value: values.email, errors, required: true }) })}`;
}

export function resetPage(t: Translate, base: string, csrf: string, token: string, errors: FormErrors): SafeHtml {
  const labels = { password: t('parties.field.newPassword'), token: t('parties.field.token') };
  return html`${heading1(t('parties.reset.title'))}
    ${errorSummary(t, errors, labels)}
    ${form({ action: `${base}/wachtwoord-herstellen`, csrf, submit: t('parties.reset.submit'),
      body: html`<input type="hidden" name="token" value="${token}">
        ${textField(t, { name: 'password', label: labels.password, hint: t('parties.field.newPasswordHint'), type: 'password', autocomplete: 'new-password', errors, required: true })}` })}`;
}

export function accountPage(t: Translate, base: string, csrf: string, person: { email: string; display_name: string; locale: string; email_verified_at: string | null }, values: Record<string, string>, errors: FormErrors, extra: SafeHtml): SafeHtml {
  const labels = { displayName: t('parties.field.displayName'), locale: t('parties.field.locale') };
  return html`${heading1(t('parties.account.title'))}
    ${paragraph(html`${t('parties.field.email')}: <strong>${person.email}</strong> ${person.email_verified_at ? `(${t('parties.account.verified')})` : `(${t('parties.account.unverified')})`}`)}
    ${errorSummary(t, errors, labels)}
    ${form({ action: `${base}/mijn-account`, csrf, submit: t('form.save'),
      body: html`${textField(t, { name: 'displayName', label: labels.displayName, value: values.displayName ?? person.display_name, errors, required: true, maxLength: 80, autocomplete: 'nickname' })}
        ${selectField(t, { name: 'locale', label: labels.locale, value: values.locale ?? person.locale, errors, required: true, options: [{ value: 'nl', label: 'Nederlands' }, { value: 'en', label: 'English' }] })}` })}
    ${extra}
    <h2 class="utrecht-heading-2">${t('parties.account.eraseTitle')}</h2>
    ${paragraph(t('parties.account.eraseIntro'))}
    <form method="post" action="${base}/mijn-account/verwijderen" data-confirm="${t('parties.account.eraseConfirm')}">
      <input type="hidden" name="_csrf" value="${csrf}">
      <button type="submit" class="utrecht-button utrecht-button--secondary-action ba-danger">${t('parties.account.eraseSubmit')}</button>
    </form>`;
}
