import { html, nothing } from 'lit';
import { api, ApiProblem } from '../api.js';
import { page } from './page.js';
import { badge, when, problemBanner, CLOUD_NAMES } from './format.js';
import { topology } from '../topology.js';

const RTT_BUDGET_MILLIS = 10;

/**
 * One cluster: its picture, the running flow's progress (phases per cloud, resources, events), the
 * latency matrix, reconcile history with repairs, queued changes, scale and delete. Polled every 2 s.
 */
export function clusterPage(id) {
  const path = `/clusters/${encodeURIComponent(id)}`;
  const ui = { scale: {}, scaleError: null, deleteError: null, confirming: false, confirmText: '', busy: false };

  async function load() {
    const [cluster, progress, latency, reconciles, changes] = await Promise.all([
      api.get(path),
      api.get(`${path}/progress`),
      api.get(`${path}/latency`).catch(() => null),
      api.get(`${path}/reconciles`).catch(() => null),
      api.get(`${path}/changes`).catch(() => null),
    ]);
    return { cluster, progress, latency, reconciles, changes };
  }

  async function scale(cloud, refresh) {
    ui.busy = true;
    ui.scaleError = null;
    try {
      await api.post(`${path}/scale`, { cloud, workers: ui.scale[cloud] });
      delete ui.scale[cloud];
    } catch (e) {
      ui.scaleError = e;
    }
    ui.busy = false;
    await refresh();
  }

  async function destroy(refresh) {
    ui.busy = true;
    ui.deleteError = null;
    try {
      await api.delete(path);
      ui.confirming = false;
    } catch (e) {
      ui.deleteError = e;
    }
    ui.busy = false;
    await refresh();
  }

  return page({
    pollMillis: 2000,
    load,
    view: ({ data, error, loading }, { refresh, repaint }) => {
      if (loading) return html`<p class="muted">Loading…</p>`;
      if (!data) {
        const missing = error instanceof ApiProblem && error.status === 404;
        return html`<h1>${id}</h1>${missing ? html`<div class="banner error">No cluster named ${id}.</div>` : problemBanner(error)}`;
      }
      const { cluster, progress, latency, reconciles, changes } = data;
      const clouds = cluster.clouds ?? Object.keys(cluster.regions ?? {});
      const resources = progress.resources ?? [];
      return html`
        <div class="actions"><h1>${cluster.clusterId}</h1>${badge(cluster.status)}<span class="muted">${cluster.reason ?? ''}</span></div>
        ${problemBanner(error)}
        <section class="card picture">
          ${topology(clouds, resources)}
          <div class="legend">${['ready', 'creating', 'updating', 'deleting', 'failed', 'missing'].map((s) => html`<span style="--c: var(--${s})">${s}</span>`)}</div>
        </section>
        <section class="card progress">
          <h2 style="margin-top:0">Progress ${progress.flow ? html`<span class="muted">· ${progress.flow}</span>` : nothing}</h2>
          ${phases(clouds, progress)}
          <h2>Resources</h2>${resourceTable(resources)}
          <h2>Events</h2>${events(progress.events ?? [])}
        </section>
        <div class="grid">
          <section class="card latency"><h2 style="margin-top:0">Latency</h2>${matrix(latency)}</section>
          <section class="card scale"><h2 style="margin-top:0">Scale workers</h2>${scaleControls(cluster, clouds, ui, repaint, (c) => scale(c, refresh))}</section>
        </div>
        <section class="card reconciles"><h2 style="margin-top:0">Reconcile history</h2>${history(reconciles)}</section>
        <section class="card changes"><h2 style="margin-top:0">Queued changes</h2>${queued(changes)}</section>
        <section class="card danger-zone"><h2 style="margin-top:0">Delete</h2>${deleteControls(cluster, ui, repaint, () => destroy(refresh))}</section>`;
    },
  });
}

function phases(clouds, progress) {
  const byCloud = progress.phases ?? {};
  return html`<div class="phases">${clouds.map((cloud) => {
    const p = byCloud[cloud] ?? {};
    return html`<div class="phase" data-cloud=${cloud}>
      <strong>${CLOUD_NAMES[cloud] ?? cloud}</strong> ${badge(p.state ?? 'pending')}
      <div class="muted">${p.ready ?? 0} ready · ${p.pending ?? 0} pending${p.failed ? html` · ${p.failed} failed` : nothing}</div>
    </div>`;
  })}</div>`;
}

function resourceTable(resources) {
  if (resources.length === 0) return html`<p class="muted">Nothing observed yet.</p>`;
  return html`<table class="resources"><thead><tr><th>Name</th><th>Kind</th><th>Cloud</th><th>Region</th><th>State</th></tr></thead>
    <tbody>${resources.map((r) => html`<tr data-resource=${r.name}><td>${r.name}</td><td>${r.kind}</td><td>${r.cloud}</td><td>${r.region ?? ''}</td><td>${badge(r.state)}</td></tr>`)}</tbody></table>`;
}

function events(list) {
  if (list.length === 0) return html`<p class="muted">No events yet.</p>`;
  const newestFirst = [...list].reverse().slice(0, 50);
  return html`<table class="events"><thead><tr><th>At</th><th>Step</th><th>Status</th><th>Detail</th></tr></thead>
    <tbody>${newestFirst.map((e) => html`<tr><td>${when(e.at)}</td><td>${e.step}</td><td>${e.status}</td><td>${e.detail ?? ''}</td></tr>`)}</tbody></table>`;
}

function matrix(latency) {
  if (!latency || !latency.pairs || latency.pairs.length === 0) return html`<p class="muted">Known once the cluster has more than one cloud.</p>`;
  const regions = [...new Set(latency.pairs.flatMap((p) => [p.from, p.to]))];
  const rtt = (a, b) => latency.pairs.find((p) => (p.from === a && p.to === b) || (p.from === b && p.to === a));
  return html`<table class="matrix"><thead><tr><th></th>${regions.map((r) => html`<th>${r}</th>`)}</tr></thead>
    <tbody>${regions.map((a) => html`<tr><th>${a}</th>${regions.map((b) => {
      if (a === b) return html`<td class="muted">—</td>`;
      const p = rtt(a, b);
      return html`<td class=${p && p.millis > RTT_BUDGET_MILLIS ? 'slow' : ''}>${p ? `${p.millis.toFixed(2)} ms` : '?'}</td>`;
    })}</tr>`)}</tbody></table>`;
}

function history(reconciles) {
  const runs = reconciles?.reconciles ?? [];
  if (runs.length === 0) return html`<p class="muted">No reconcile yet.</p>`;
  return html`<table><thead><tr><th>At</th><th>Purpose</th><th>Result</th><th>Repairs</th></tr></thead>
    <tbody>${runs.map((r) => html`<tr><td>${when(r.at)}</td><td>${r.purpose ?? ''}</td><td>${badge(r.status)}</td>
      <td>${(r.repairs ?? []).length === 0 ? html`<span class="muted">nothing to repair</span>` : html`<ul>${r.repairs.map((x) => html`<li>${x.action ?? ''} ${x.detail ?? x}</li>`)}</ul>`}</td></tr>`)}</tbody></table>`;
}

function queued(changes) {
  const list = changes?.changes ?? [];
  if (list.length === 0) return html`<p class="muted">Nothing queued.</p>`;
  return html`<table><thead><tr><th>#</th><th>Kind</th><th>Change</th><th>State</th></tr></thead>
    <tbody>${list.map((c) => html`<tr><td>${c.seq}</td><td>${c.kind}</td><td><code>${JSON.stringify(c.payload)}</code></td><td>${c.state ?? (c.applied ? 'applied' : 'pending')}</td></tr>`)}</tbody></table>`;
}

function scaleControls(cluster, clouds, ui, repaint, scale) {
  const workers = cluster.spec?.workers ?? {};
  const live = ['ready', 'scaling', 'reconciling', 'failed'].includes(String(cluster.status).toLowerCase());
  return html`${problemBanner(ui.scaleError)}
    <table><thead><tr><th>Cloud</th><th>Workers now</th><th>Workers wanted</th><th></th></tr></thead><tbody>
    ${clouds.map((cloud) => {
      const now = workers[cloud]?.count ?? 0;
      const wanted = ui.scale[cloud] ?? now;
      return html`<tr data-cloud=${cloud}><td>${CLOUD_NAMES[cloud] ?? cloud}</td><td>${now}</td>
        <td><input type="number" name="scale-${cloud}" min="0" max="100" .value=${String(wanted)} ?disabled=${!live}
          @input=${(e) => { ui.scale[cloud] = Number(e.target.value); repaint(); }} /></td>
        <td><button class="secondary" name="scale-${cloud}-apply" ?disabled=${!live || ui.busy || wanted === now} @click=${() => scale(cloud)}>Scale</button></td></tr>`;
    })}</tbody></table>`;
}

function deleteControls(cluster, ui, repaint, destroy) {
  const status = String(cluster.status).toLowerCase();
  if (status === 'deleting' || status === 'deleted') return html`<p class="muted">This cluster is ${status}.</p>`;
  if (!ui.confirming) {
    return html`<p>Deletes every resource Overcast made for this cluster in every cloud.</p>
      <button class="danger" name="delete" @click=${() => { ui.confirming = true; repaint(); }}>Delete cluster…</button>`;
  }
  return html`${problemBanner(ui.deleteError)}
    <p>Type <strong>${cluster.clusterId}</strong> to confirm.</p>
    <div class="actions"><input name="confirm-delete" .value=${ui.confirmText} @input=${(e) => { ui.confirmText = e.target.value; repaint(); }} />
      <button class="danger" name="delete-confirmed" ?disabled=${ui.confirmText !== cluster.clusterId || ui.busy} @click=${destroy}>Delete for good</button>
      <button class="secondary" @click=${() => { ui.confirming = false; ui.confirmText = ''; repaint(); }}>Cancel</button></div>`;
}
