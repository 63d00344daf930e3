import { html } from 'lit';

export const CLOUDS = ['aws', 'gcp', 'azure'];
export const CLOUD_NAMES = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' };

export function badge(state) {
  const s = String(state ?? 'unknown').toLowerCase();
  return html`<span class="badge state-${s}" data-state=${s}>${s}</span>`;
}

// Absolute times: the local world runs on a virtual clock, so "3 min ago" against the browser's clock would lie.
export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** An error as a banner; a refusal's violations are listed under it, each with the field it names. */
export function problemBanner(error) {
  if (!error) return '';
  const violations = error.violations ?? [];
  return html`<div class="banner error" role="alert">${error.message}
    ${violations.length > 0 ? html`<ul>${violations.map((v) => html`<li>${v.field ? html`<code>${v.field}</code>: ` : ''}${v.message}</li>`)}</ul>` : ''}</div>`;
}
