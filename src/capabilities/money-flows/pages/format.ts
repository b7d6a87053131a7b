import { formatNumber, type Locale, type Translate } from '../../../platform/i18n/index.js';

/** "€ 1.234.567,89" / "€1,234,567.89": exact, from integer cents (never through a float with cents). */
export function euros(t: Translate, locale: Locale, cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = formatNumber(locale, Math.trunc(abs / 100), 0);
  const rest = String(abs % 100).padStart(2, '0');
  return `${sign}${t('moneyFlows.euro', { value: `${whole}${locale === 'nl' ? ',' : '.'}${rest}` })}`;
}

/** Rounded to whole euros, for labels in a drawing ("€ 1.234.568"). */
export function roundEuros(t: Translate, locale: Locale, cents: number): string {
  return t('moneyFlows.euro', { value: formatNumber(locale, Math.round(cents / 100), 0) });
}

/** A share in basis points as a percentage ("5 %", "12,25 %"). */
export function percent(t: Translate, locale: Locale, basisPoints: number): string {
  return t('moneyFlows.percent', { value: formatNumber(locale, basisPoints / 100) });
}
