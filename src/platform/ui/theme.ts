import type { Tenant } from '../tenancy.js';

/**
 * Per-municipality theme: its colours become NL Design System token values in a stylesheet of
 * its own (no inline styles, so the Content-Security-Policy stays strict). Colours are checked
 * for WCAG contrast when they are set, so a theme can never make text unreadable.
 */
function channel(hex: string, offset: number): number {
  const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** WCAG 2.1 AA for normal text. */
export const MIN_CONTRAST = 4.5;

export function themeStylesheet(tenant: Tenant): string {
  const p = tenant.primaryColour;
  const a = tenant.accentColour;
  return `.utrecht-theme {
  --ba-primary: ${p};
  --ba-accent: ${a};
  --utrecht-button-primary-action-background-color: ${p};
  --utrecht-button-primary-action-border-color: ${p};
  --utrecht-button-primary-action-color: #ffffff;
  --utrecht-button-primary-action-hover-background-color: ${a};
  --utrecht-button-primary-action-hover-border-color: ${a};
  --utrecht-button-primary-action-hover-color: #ffffff;
  --utrecht-button-secondary-action-color: ${p};
  --utrecht-button-secondary-action-border-color: ${p};
  --utrecht-link-color: ${p};
  --utrecht-link-hover-color: ${a};
  --utrecht-link-visited-color: ${a};
}
`;
}
