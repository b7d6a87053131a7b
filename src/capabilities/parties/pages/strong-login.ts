import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDate, type Locale, type Translate } from '../../../platform/i18n/index.js';
import { qrSvg, mappableRoles } from '../../../platform/auth/index.js';
import { mappingFieldNames } from '../auth-store.js';
import { checkboxField, errorSummary, form, heading1, link, paragraph, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';

/**
 * Pages of strong login: the second step of signing in, setting up and managing the second step
 * on "Mijn account", the recovery codes (shown once), and an administrator's settings for the
 * municipality's identity provider.
 */

/** A code field: numeric keyboard and one-time-code autofill for app codes, plain text for recovery codes. */
function codeField(t: Translate, input: { name: string; label: string; hint: string; errors: FormErrors; kind: 'totp' | 'recovery' | 'either' }): SafeHtml {
  const error = input.errors[input.name];
  const described = [`hint-${input.name}`, error ? `error-${input.name}` : ''].filter(Boolean).join(' ');
  const attributes = input.kind === 'totp'
    ? html` inputmode="numeric" autocomplete="one-time-code" maxlength="8" pattern="[0-9 ]*"`
    : input.kind === 'recovery' ? html` autocomplete="off" maxlength="20" spellcheck="false" autocapitalize="none"` : html` autocomplete="one-time-code" maxlength="20" spellcheck="false" autocapitalize="none"`;
  return html`<div class="utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}">
    <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="field-${input.name}">${input.label}</label></div>
    <div class="utrecht-form-field-description" id="hint-${input.name}">${input.hint}</div>
    ${error ? html`<div class="utrecht-form-field-error-message" id="error-${input.name}">${error}</div>` : ''}
    <div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input ba-code-input${error ? ' utrecht-textbox--invalid' : ''}" id="field-${input.name}" name="${input.name}" type="text"
      required${attributes} aria-describedby="${described}"${error ? html` aria-invalid="true"` : ''}></div>
  </div>`;
}

export function secondStepLabels(t: Translate) {
  return { code: t('parties.secondFactor.field.code'), recoveryCode: t('parties.secondFactor.field.recoveryCode') };
}

/** Signing in, after the password: the code from the app, or (folded away) a recovery code. */
export function secondStepPage(t: Translate, input: { action: string; csrf: string; errors: FormErrors; recoveryOpen: boolean }): SafeHtml {
  const labels = secondStepLabels(t);
  return html`${heading1(t('parties.secondFactor.signInTitle'))}
    ${paragraph(t('parties.secondFactor.signInIntro'))}
    ${errorSummary(t, input.errors, labels)}
    ${form({ action: input.action, csrf: input.csrf, submit: t('parties.secondFactor.signInSubmit'),
      body: codeField(t, { name: 'code', label: labels.code, hint: t('parties.secondFactor.field.codeHint'), errors: input.recoveryOpen ? {} : input.errors, kind: 'totp' }) })}
    <details class="ba-details"${input.recoveryOpen ? html` open` : ''}>
      <summary>${t('parties.secondFactor.useRecovery')}</summary>
      ${form({ action: input.action, csrf: input.csrf, submit: t('parties.secondFactor.recoverySubmit'),
        body: codeField(t, { name: 'recoveryCode', label: labels.recoveryCode, hint: t('parties.secondFactor.field.recoveryCodeHint'), errors: input.recoveryOpen ? input.errors : {}, kind: 'recovery' }) })}
    </details>`;
}

/** The section on "Mijn account". */
export function secondFactorSection(t: Translate, locale: Locale, input: { base: string; enabledAt: string | null; recoveryLeft: number; required: boolean }): SafeHtml {
  return html`<h2 class="utrecht-heading-2" id="tweede-stap">${t('parties.secondFactor.title')}</h2>
    ${input.required ? html`<div class="utrecht-alert utrecht-alert--warning"><p class="utrecht-paragraph">${t('parties.secondFactor.required')}</p></div>` : ''}
    ${paragraph(t('parties.secondFactor.accountIntro'))}
    ${input.enabledAt
      ? html`${paragraph(html`<strong>${t('parties.secondFactor.statusOn', { date: formatDate(locale, input.enabledAt) })}</strong> ${t('parties.secondFactor.recoveryLeft', { count: input.recoveryLeft })}`)}
        ${paragraph(link(`${input.base}/mijn-account/tweede-stap`, t('parties.secondFactor.manage')))}`
      : html`${paragraph(html`<strong>${t('parties.secondFactor.statusOff')}</strong>`)}
        ${paragraph(link(`${input.base}/mijn-account/tweede-stap`, t('parties.secondFactor.setUp')))}`}`;
}

export interface EnrolmentView {
  secret: string;
  grouped: string;
  mac: string;
  uri: string;
}

/** Setting up: an app, the QR code or the key as text, and a first code to confirm. */
export function enrolmentPage(t: Translate, input: { action: string; csrf: string; enrolment: EnrolmentView; required: boolean; errors: FormErrors }): SafeHtml {
  const labels = { code: t('parties.secondFactor.field.code') };
  const { enrolment } = input;
  return html`${heading1(t('parties.secondFactor.enrolTitle'))}
    ${input.required ? html`<div class="utrecht-alert utrecht-alert--warning"><p class="utrecht-paragraph">${t('parties.secondFactor.required')}</p></div>` : ''}
    ${paragraph(t('parties.secondFactor.enrolIntro'))}
    <h2 class="utrecht-heading-2">${t('parties.secondFactor.step1Title')}</h2>
    ${paragraph(t('parties.secondFactor.step1'))}
    <h2 class="utrecht-heading-2">${t('parties.secondFactor.step2Title')}</h2>
    ${paragraph(t('parties.secondFactor.step2'))}
    <figure class="ba-card ba-qr-figure">
      ${qrSvg(enrolment.uri, t('parties.secondFactor.qrLabel'))}
      <figcaption class="utrecht-paragraph">${t('parties.secondFactor.secretLabel')}: <code class="utrecht-code ba-secret" id="totp-secret">${enrolment.grouped}</code></figcaption>
    </figure>
    ${paragraph(html`${t('parties.secondFactor.secretHelp')} ${link(enrolment.uri, t('parties.secondFactor.openInApp'))}`)}
    <h2 class="utrecht-heading-2">${t('parties.secondFactor.step3Title')}</h2>
    ${errorSummary(t, input.errors, labels)}
    ${form({ action: input.action, csrf: input.csrf, submit: t('parties.secondFactor.enable'), body: html`
      <input type="hidden" name="secret" value="${enrolment.secret}">
      <input type="hidden" name="enrolment" value="${enrolment.mac}">
      ${codeField(t, { name: 'code', label: labels.code, hint: t('parties.secondFactor.field.codeHint'), errors: input.errors, kind: 'totp' })}` })}`;
}

/** Shown once, right after they were made. */
export function recoveryCodesPage(t: Translate, input: { codes: string[]; next: string; titleKey: string }): SafeHtml {
  return html`${heading1(t(input.titleKey))}
    <div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">${t('parties.secondFactor.recoveryIntro')}</p></div>
    ${paragraph(t('parties.secondFactor.recoveryKeep'))}
    <h2 class="utrecht-heading-2" id="recovery-codes-title">${t('parties.secondFactor.recoveryListTitle')}</h2>
    <ol class="utrecht-ordered-list ba-recovery-codes" aria-labelledby="recovery-codes-title">${input.codes.map((c) => html`<li><code class="utrecht-code">${c}</code></li>`)}</ol>
    ${paragraph(link(input.next, t('parties.secondFactor.continue')))}`;
}

export function manageLabels(t: Translate) {
  return { regenerateCode: t('parties.secondFactor.field.currentCode'), disableCode: t('parties.secondFactor.field.currentCode') };
}

/** When the second step is on: new recovery codes, or turning it off (each with a current code). */
export function managePage(t: Translate, locale: Locale, input: { base: string; csrf: string; enabledAt: string; recoveryLeft: number; powersAtStake: boolean; errors: FormErrors }): SafeHtml {
  const labels = manageLabels(t);
  return html`${heading1(t('parties.secondFactor.title'))}
    ${paragraph(html`<strong>${t('parties.secondFactor.statusOn', { date: formatDate(locale, input.enabledAt) })}</strong> ${t('parties.secondFactor.recoveryLeft', { count: input.recoveryLeft })}`)}
    ${errorSummary(t, input.errors, labels)}
    <h2 class="utrecht-heading-2">${t('parties.secondFactor.regenerateTitle')}</h2>
    ${paragraph(t('parties.secondFactor.regenerateIntro'))}
    ${form({ action: `${input.base}/mijn-account/tweede-stap/herstelcodes`, csrf: input.csrf, submit: t('parties.secondFactor.regenerateSubmit'),
      body: codeField(t, { name: 'regenerateCode', label: labels.regenerateCode, hint: t('parties.secondFactor.field.currentCodeHint'), errors: input.errors, kind: 'either' }) })}
    <h2 class="utrecht-heading-2">${t('parties.secondFactor.disableTitle')}</h2>
    ${paragraph(t('parties.secondFactor.disableIntro'))}
    ${input.powersAtStake ? html`<div class="utrecht-alert utrecht-alert--warning"><p class="utrecht-paragraph">${t('parties.secondFactor.disableWarning')}</p></div>` : ''}
    ${form({ action: `${input.base}/mijn-account/tweede-stap/uitzetten`, csrf: input.csrf, submit: t('parties.secondFactor.disableSubmit'),
      body: codeField(t, { name: 'disableCode', label: labels.disableCode, hint: t('parties.secondFactor.field.currentCodeHint'), errors: input.errors, kind: 'either' }) })}
    ${paragraph(link(`${input.base}/mijn-account`, t('parties.account.title')))}`;
}

// ---- staff sign-in ---------------------------------------------------------------------------

export function staffSignInBlock(t: Translate, href: string): SafeHtml {
  return html`<div class="ba-card ba-staff-login">
    <h2 class="utrecht-heading-2">${t('parties.oidc.loginStaff')}</h2>
    ${paragraph(t('parties.oidc.loginStaffIntro'))}
    <p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="${href}">${t('parties.oidc.loginStaff')}</a></p>
  </div>
  <h2 class="utrecht-heading-2">${t('parties.oidc.loginOthers')}</h2>`;
}

export function oidcErrorPage(t: Translate, input: { key: string; base: string; retry: string | null }): SafeHtml {
  return html`${heading1(t('parties.oidc.errorTitle'))}
    ${paragraph(t(input.key))}
    ${input.retry ? paragraph(link(input.retry, t('parties.oidc.tryAgain'))) : ''}
    ${paragraph(link(`${input.base}/inloggen`, t('parties.oidc.backToLogin')))}`;
}


export function oidcLabels(t: Translate): Record<string, string> {
  const labels: Record<string, string> = {
    enabled: t('parties.oidc.field.enabled'), issuer: t('parties.oidc.field.issuer'), clientId: t('parties.oidc.field.clientId'),
    clientSecret: t('parties.oidc.field.clientSecret'), claim: t('parties.oidc.field.claim'), trustIdpMfa: t('parties.oidc.field.trustIdpMfa'),
  };
  for (const role of mappableRoles) labels[mappingFieldNames[role]] = t('parties.oidc.field.mapFor', { role: t(`role.${role}`) });
  return labels;
}

export function oidcSettingsPage(t: Translate, input: {
  base: string; csrf: string; callback: string; hasSecret: boolean; values: Record<string, string>; checked: { enabled: boolean; trustIdpMfa: boolean }; errors: FormErrors;
}): SafeHtml {
  const { values, errors } = input;
  const labels = oidcLabels(t);
  return html`${heading1(t('parties.oidc.title'))}
    ${paragraph(t('parties.oidc.intro'))}
    ${paragraph(html`${t('parties.oidc.callback')} <code class="utrecht-code">${input.callback}</code>`)}
    ${errorSummary(t, errors, labels)}
    ${form({ action: `${input.base}/beheer/inlogdienst`, csrf: input.csrf, submit: t('form.save'), body: html`
      ${checkboxField({ name: 'enabled', label: labels.enabled!, checked: input.checked.enabled, hint: t('parties.oidc.field.enabledHint') })}
      ${textField(t, { name: 'issuer', label: labels.issuer!, hint: t('parties.oidc.field.issuerHint'), type: 'url', value: values.issuer, errors, required: true, maxLength: 300, autocomplete: 'off' })}
      ${textField(t, { name: 'clientId', label: labels.clientId!, value: values.clientId, errors, required: true, maxLength: 200, autocomplete: 'off' })}
      ${textField(t, { name: 'clientSecret', label: labels.clientSecret!, hint: t(input.hasSecret ? 'parties.oidc.field.clientSecretKeep' : 'parties.oidc.field.clientSecretHint'), type: 'password', errors, required: !input.hasSecret, maxLength: 500, autocomplete: 'new-password' })}
      ${textField(t, { name: 'claim', label: labels.claim!, hint: t('parties.oidc.field.claimHint'), value: values.claim ?? 'groups', errors, required: true, maxLength: 100, autocomplete: 'off' })}
      <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${t('parties.oidc.mappingLegend')}</legend>
        ${paragraph(t('parties.oidc.mappingHint'))}
        ${mappableRoles.map((role) => textArea(t, { name: mappingFieldNames[role], label: labels[mappingFieldNames[role]]!, value: values[mappingFieldNames[role]], errors, rows: 2 }))}
      </fieldset>
      ${checkboxField({ name: 'trustIdpMfa', label: labels.trustIdpMfa!, checked: input.checked.trustIdpMfa, hint: t('parties.oidc.field.trustIdpMfaHint') })}` })}`;
}
