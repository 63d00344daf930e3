import { html, nothing } from 'lit';
import { api, ApiProblem } from '../api.js';
import { CLOUDS, CLOUD_NAMES, problemBanner } from './format.js';

const SIZES = ['small', 'medium', 'large', 'xlarge'];

/**
 * The create form. Every change asks the API (debounced) which regions the location picks, with their
 * round trips, and what the plan would build; submitting posts the spec. Refusals come back as
 * problem+json violations and are shown next to the field they name.
 */
export function createPage() {
  const form = {
    name: '',
    clouds: ['aws', 'gcp', 'azure'],
    near: 'us-east',
    masters: { count: 1, size: 'medium' },
    workers: Object.fromEntries(CLOUDS.map((c) => [c, { count: 1, size: 'medium' }])),
  };
  // Violations come from two places: the live preview while typing, and the submit's answer, which
  // stays on screen until the form is changed again (a late preview must not wipe it).
  const state = { regions: null, plan: null, liveViolations: [], submitViolations: [], error: null, submitting: false };
  const violations = () => (state.submitViolations.length > 0 ? state.submitViolations : state.liveViolations);
  let update = () => {};
  let debounce = null;
  let previewSeq = 0;
  let stopped = false;

  const spec = () => ({
    name: form.name,
    clouds: form.clouds,
    near: form.near,
    masters: { ...form.masters },
    workers: Object.fromEntries(form.clouds.map((c) => [c, { ...form.workers[c] }])),
  });

  async function preview() {
    const seq = ++previewSeq;
    const [regions, plan] = await Promise.allSettled([
      form.near.trim() && form.clouds.length > 0
        ? api.get(`/regions?near=${encodeURIComponent(form.near.trim())}&clouds=${form.clouds.join(',')}`)
        : Promise.reject(new Error('Pick at least one cloud and a location.')),
      api.post('/clusters?dryRun=true', spec()),
    ]);
    if (seq !== previewSeq || stopped) return;
    state.regions = regions.status === 'fulfilled' ? regions.value : { error: regions.reason };
    state.plan = plan.status === 'fulfilled' ? plan.value : { error: plan.reason };
    // While typing, the violations shown are the dry run's (the rules the submit applies) and the
    // region query's (the location), each once.
    state.liveViolations = [plan, regions]
      .filter((r) => r.status === 'rejected' && r.reason instanceof ApiProblem)
      .flatMap((r) => r.reason.violations)
      .filter((v, i, all) => all.findIndex((w) => w.field === v.field && w.rule === v.rule) === i);
    paint();
  }

  function changed() {
    state.submitViolations = [];
    state.error = null;
    clearTimeout(debounce);
    debounce = setTimeout(preview, 300);
    paint();
  }

  async function submit(e) {
    e.preventDefault();
    state.submitting = true;
    state.error = null;
    paint();
    try {
      const created = await api.post('/clusters', spec());
      window.location.hash = `#/clusters/${encodeURIComponent(created.clusterId)}`;
    } catch (err) {
      state.submitting = false;
      if (err instanceof ApiProblem) {
        state.submitViolations = err.violations;
        const n = err.violations.length;
        state.error = n > 0 ? new Error(`The cluster was not created: ${n} ${n === 1 ? 'field needs' : 'fields need'} attention.`) : err;
      } else {
        state.error = err;
      }
      paint();
    }
  }

  const errorsFor = (prefix) => violations().filter((v) => v.field === prefix || v.field?.startsWith(`${prefix}.`) || v.field?.startsWith(`${prefix}[`));
  const field = (name, label, control) => {
    const errors = errorsFor(name);
    return html`<div class="field ${errors.length ? 'invalid' : ''}" data-field=${name}>
      <label>${label}</label>${control}
      ${errors.map((v) => html`<div class="error" data-rule=${v.rule ?? ''}>${v.message}</div>`)}
    </div>`;
  };
  const toggleCloud = (cloud, on) => {
    form.clouds = CLOUDS.filter((c) => (c === cloud ? on : form.clouds.includes(c)));
    changed();
  };
  const unclaimed = () =>
    violations().filter((v) => !['name', 'clouds', 'near', 'regions', 'masters', 'workers'].some((f) => v.field === f || v.field?.startsWith(`${f}.`) || v.field?.startsWith(`${f}[`)));

  function paint() {
    if (stopped) return;
    update(html`<h1>New cluster</h1>
      ${problemBanner(state.error)}
      <div class="grid">
        <form class="card" style="background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem 1.2rem" @submit=${submit} novalidate>
          ${field('name', 'Name', html`<input name="name" .value=${form.name} placeholder="demo" @input=${(e) => { form.name = e.target.value; changed(); }} />`)}
          ${field('clouds', 'Clouds', html`<div class="checks">${CLOUDS.map((c) => html`<label><input type="checkbox" name="cloud-${c}" .checked=${form.clouds.includes(c)}
              @change=${(e) => toggleCloud(c, e.target.checked)} />${CLOUD_NAMES[c]}</label>`)}</div>`)}
          ${field('near', 'Location', html`<input name="near" .value=${form.near} placeholder="us-east, frankfurt or 50.1,8.7" @input=${(e) => { form.near = e.target.value; changed(); }} />`)}
          ${field('masters', 'Masters', html`<select name="masters" @change=${(e) => { form.masters.count = Number(e.target.value); changed(); }}>
              ${[1, 3, 5].map((n) => html`<option .selected=${form.masters.count === n} value=${n}>${n}</option>`)}</select>
            ${sizeSelect('masters-size', form.masters.size, (v) => { form.masters.size = v; changed(); })}`)}
          ${form.clouds.map((c) => field(`workers.${c}`, `Workers on ${CLOUD_NAMES[c]}`, html`<input type="number" name="workers-${c}" min="0" max="100"
              .value=${String(form.workers[c].count)} @input=${(e) => { form.workers[c].count = e.target.value === '' ? null : Number(e.target.value); changed(); }} />
            ${sizeSelect(`workers-${c}-size`, form.workers[c].size, (v) => { form.workers[c].size = v; changed(); })}`))}
          ${unclaimed().map((v) => html`<div class="field invalid"><div class="error">${v.field}: ${v.message}</div></div>`)}
          <div class="actions"><button type="submit" ?disabled=${state.submitting}>${state.submitting ? 'Creating…' : 'Create cluster'}</button>
            <a href="#/clusters">Cancel</a></div>
        </form>
        <div>
          <section class="card regions-preview"><h2 style="margin-top:0">Regions</h2>${regionsView(state.regions)}</section>
          <section class="card plan-preview"><h2 style="margin-top:0">Plan</h2>${planView(state.plan)}</section>
        </div>
      </div>`);
  }

  return {
    start(u) {
      update = u;
      paint();
      preview();
    },
    stop() {
      stopped = true;
      clearTimeout(debounce);
    },
  };
}

function sizeSelect(name, value, set) {
  return html`<select name=${name} @change=${(e) => set(e.target.value)}>
    ${SIZES.map((s) => html`<option .selected=${value === s} value=${s}>${s}</option>`)}</select>`;
}

function regionsView(regions) {
  if (!regions) return html`<p class="muted">…</p>`;
  if (regions.error) return html`<p class="muted">${regions.error.message}</p>`;
  const best = regions.sets?.[0];
  if (!best) return html`<p class="muted">No region set within ${regions.budgetMillis ?? 10} ms near ${regions.near}.</p>`;
  return html`<table class="chosen-regions">
      <thead><tr><th>Cloud</th><th>Region</th><th>Where</th></tr></thead>
      <tbody>${best.regions.map((r) => html`<tr data-cloud=${r.cloud}><td>${CLOUD_NAMES[r.cloud] ?? r.cloud}</td><td>${r.region}</td><td class="muted">${r.display ?? ''}</td></tr>`)}</tbody>
    </table>
    ${best.pairs.length === 0
      ? nothing
      : html`<table class="rtts"><thead><tr><th>Between</th><th>Round trip</th></tr></thead>
          <tbody>${best.pairs.map((p) => html`<tr><td>${p.a} ↔ ${p.b}</td><td>${p.rttMillis.toFixed(2)} ms${p.measured ? '' : ' (estimated)'}</td></tr>`)}</tbody></table>
        <p class=${best.worstRttMillis > regions.budgetMillis ? 'error over-budget' : 'muted'}>Worst pair ${best.worstRttMillis?.toFixed(2)} ms
          of a ${regions.budgetMillis} ms budget${best.worstRttMillis > regions.budgetMillis ? ': too far apart for one cluster, pick another place' : ''}.</p>`}`;
}

function planView(plan) {
  if (!plan) return html`<p class="muted">…</p>`;
  if (plan.error) return html`<p class="muted">The plan is shown once the form is valid.</p>`;
  const resources = plan.resources;
  const kinds = [...new Set(resources.map((r) => r.kind))];
  const clouds = [...new Set(resources.map((r) => r.cloud))];
  const count = (kind, cloud) => resources.filter((r) => r.kind === kind && (cloud === undefined || r.cloud === cloud)).length;
  return html`<table class="plan-counts"><thead><tr><th>Resource</th>${clouds.map((c) => html`<th>${CLOUD_NAMES[c] ?? c}</th>`)}<th>All</th></tr></thead>
    <tbody>${kinds.map((k) => html`<tr data-kind=${k}><td>${k}</td>${clouds.map((c) => html`<td>${count(k, c)}</td>`)}<td>${count(k)}</td></tr>`)}</tbody>
    <tfoot><tr><th>total</th>${clouds.map((c) => html`<th>${resources.filter((r) => r.cloud === c).length}</th>`)}<th class="plan-total">${resources.length}</th></tr></tfoot></table>
    ${preflightView(plan.preflight)}`;
}

/** The accounts' preflight of the dry run; absent where the API holds no grant in them. */
function preflightView(preflight) {
  if (!preflight) return html`<p class="muted">Preflight of the accounts: not run by this API (run <code>overcast preflight</code>).</p>`;
  const failed = preflight.checks.filter((c) => !c.passed);
  if (failed.length === 0) return html`<p class="preflight passed">Preflight: all ${preflight.checks.length} checks pass.</p>`;
  return html`<div class="preflight failed"><p class="error">Preflight: ${failed.length} of ${preflight.checks.length} checks fail.</p>
    <ul>${failed.map((c) => html`<li><strong>${CLOUD_NAMES[c.cloud] ?? c.cloud}</strong> ${c.scope}: ${c.check} (${c.detail}). ${c.remedy}</li>`)}</ul></div>`;
}
