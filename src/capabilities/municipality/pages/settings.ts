import { typeLabels, type FileRecord } from '../../../platform/files/index.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatNumber, type Locale, type Translate } from '../../../platform/i18n/index.js';
import type { Tenant } from '../../../platform/tenancy.js';
import { actionButton, dataList, errorSummary, form, heading1, paragraph, textField, type FormErrors } from '../../../platform/ui/components.js';
import { contrastAgainstWhite, hasEnoughContrast, LOGO_MAX_BYTES, logoTypes } from '../model.js';
import type { MunicipalityRow } from '../store.js';

export function settingsLabels(t: Translate) {
  return {
    name: t('municipality.field.name'),
    primaryColour: t('municipality.field.primaryColour'),
    accentColour: t('municipality.field.accentColour'),
    logo: t('municipality.field.logo'),
  };
}

const HEX = /^#[0-9a-f]{6}$/i;

/** A colour as picker plus text field: the picker for comfort, the text field works everywhere. */
function colourField(t: Translate, locale: Locale, input: { name: string; label: string; value: string; stored: string; errors: FormErrors }): SafeHtml {
  const error = input.errors[input.name];
  const shown = HEX.test(input.value) ? input.value.toLowerCase() : input.stored;
  const ratio = formatNumber(locale, contrastAgainstWhite(shown));
  const hint = t(hasEnoughContrast(shown) ? 'municipality.settings.contrastOk' : 'municipality.settings.contrastLow', { ratio });
  const described = [`hint-${input.name}`, error ? `error-${input.name}` : ''].filter(Boolean).join(' ');
  return html`<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}" id="fieldset-${input.name}">
    <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${input.label}</legend>
    <div class="utrecht-form-field-description" id="hint-${input.name}">${t('municipality.settings.colourHint')} ${hint}</div>
    ${error ? html`<div class="utrecht-form-field-error-message" id="error-${input.name}">${error}</div>` : ''}
    <div class="utrecht-form-field">
      <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="field-${input.name}Picker">${t('municipality.settings.pick', { label: input.label })}</label></div>
      <div class="utrecht-form-field__input"><input type="color" id="field-${input.name}Picker" name="${input.name}Picker" value="${shown}" aria-describedby="hint-${input.name}"></div>
    </div>
    <div class="utrecht-form-field">
      <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="field-${input.name}">${t('municipality.settings.typeCode', { label: input.label })}</label></div>
      <div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}" type="text" id="field-${input.name}" name="${input.name}"
        value="${input.value}" maxlength="7" spellcheck="false" autocomplete="off" required${error ? html` aria-invalid="true"` : ''} aria-describedby="${described}"></div>
    </div>
  </fieldset>`;
}

/** How the saved colours look: a button with white text and a link on white. */
function themePreview(t: Translate, tenant: Tenant): SafeHtml {
  return html`<figure class="ba-card">
    <svg viewBox="0 0 360 60" width="360" height="60" role="img" aria-labelledby="theme-preview-caption">
      <rect x="0" y="0" width="360" height="60" fill="#ffffff"></rect>
      <rect x="10" y="12" width="150" height="36" rx="4" fill="${tenant.primaryColour}"></rect>
      <text x="85" y="35" fill="#ffffff" font-size="15" font-weight="bold" text-anchor="middle">${t('municipality.settings.previewButton')}</text>
      <text x="180" y="35" fill="${tenant.accentColour}" font-size="15" text-decoration="underline">${t('municipality.settings.previewLink')}</text>
    </svg>
    <figcaption class="utrecht-paragraph" id="theme-preview-caption">${t('municipality.settings.preview', { primary: tenant.primaryColour, accent: tenant.accentColour })}</figcaption>
  </figure>`;
}

export interface SettingsPageInput {
  base: string;
  csrf: string;
  locale: Locale;
  tenant: Tenant;
  municipality: MunicipalityRow;
  /** The current logo in the file store, or null. */
  logo: FileRecord | null;
  values: Record<string, string>;
  errors: FormErrors;
  logoErrors: FormErrors;
}

export function settingsPage(t: Translate, input: SettingsPageInput): SafeHtml {
  const { base, csrf, tenant, municipality: m, logo, values, errors, logoErrors } = input;
  const labels = settingsLabels(t);
  const logoError = logoErrors.logo;
  const logoDescribed = ['hint-logo', logoError ? 'error-logo' : ''].filter(Boolean).join(' ');
  return html`${heading1(t('municipality.settings.title'))}
    ${paragraph(t('municipality.settings.intro'))}
    <h2 class="utrecht-heading-2">${t('municipality.settings.fixedTitle')}</h2>
    ${paragraph(t('municipality.settings.fixedIntro'))}
    ${dataList([
      [t('municipality.field.slug'), html`<code class="utrecht-code">${m.slug}</code>`],
      [t('municipality.field.cbsCode'), m.cbs_code],
      [t('municipality.field.divisionYear'), String(m.division_year)],
    ])}
    <h2 class="utrecht-heading-2">${t('municipality.settings.nameAndColours')}</h2>
    ${themePreview(t, tenant)}
    ${errorSummary(t, errors, labels)}
    ${form({ action: `${base}/beheer/instellingen`, csrf, submit: t('form.save'), body: html`
      ${textField(t, { name: 'name', label: labels.name, value: values.name ?? m.name, errors, required: true, maxLength: 120 })}
      ${colourField(t, input.locale, { name: 'primaryColour', label: labels.primaryColour, value: values.primaryColour ?? m.primary_colour, stored: m.primary_colour, errors })}
      ${colourField(t, input.locale, { name: 'accentColour', label: labels.accentColour, value: values.accentColour ?? m.accent_colour, stored: m.accent_colour, errors })}` })}
    <h2 class="utrecht-heading-2" id="logo">${t('municipality.field.logo')}</h2>
    ${logo
      ? html`<figure class="ba-card"><img class="ba-logo" src="${base}/logo?v=${encodeURIComponent(tenant.updatedAt)}" alt="${t('municipality.settings.currentLogoAlt', { name: m.name })}">
          <figcaption class="utrecht-paragraph">${t('municipality.settings.currentLogo', { type: typeLabels[logo.mediaType], size: formatNumber(input.locale, Math.ceil(logo.size / 1024)) })}</figcaption></figure>
        ${actionButton({ action: `${base}/beheer/instellingen/logo/verwijderen`, csrf, label: t('municipality.settings.removeLogo'), danger: true })}`
      : paragraph(t('municipality.settings.noLogo'))}
    ${errorSummary(t, logoErrors, labels)}
    ${form({ action: `${base}/beheer/instellingen/logo`, csrf, enctype: 'multipart/form-data', submit: t('municipality.settings.uploadLogo'), body: html`
      <div class="utrecht-form-field utrecht-form-field--text${logoError ? ' utrecht-form-field--invalid' : ''}">
        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="field-logo">${logo ? t('municipality.settings.newLogo') : labels.logo}</label></div>
        <div class="utrecht-form-field-description" id="hint-logo">${t('municipality.settings.logoHint', { maximum: LOGO_MAX_BYTES / 1024 })}</div>
        ${logoError ? html`<div class="utrecht-form-field-error-message" id="error-logo">${logoError}</div>` : ''}
        <div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input${logoError ? ' utrecht-textbox--invalid' : ''}" type="file" id="field-logo" name="logo" accept="${logoTypes.join(',')}" required${logoError ? html` aria-invalid="true"` : ''} aria-describedby="${logoDescribed}"></div>
      </div>` })}`;
}
