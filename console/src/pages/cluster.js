import { html, nothing } from 'lit';
import { api, ApiProblem } from '../api.js';
import { page } from './page.js';
import { badge, when, problemBanner, CLOUD_NAMES } from './format.js';
import { topology } from '../topology.js';
import { flatResources, nodeCount, cloudPhase, reconcileHistory } from '../cluster-model.js';

const LIVE = ['ready', 'scaling', 'reconciling', 'failed'];

/**
 * One cluster: its picture, the running flow's progress (phases per cloud, resources, events), the
 * latency matrix, reconcile history with repairs, queued changes, scale, reconcile and delete.
 * Polled every 2 s.
 */
export function clusterPage(id) {
  const path = `/clusters/${encodeURIComponent(id)}`;
  const ui = { scale: {}, actionError: null, notice: null, confirming: false, confirmText: '', busy: false };

  // The whole event list on every poll, not the `after` cursor: the API merges recorded events with
  // flow histories and sorts by time, so an event can land before an earlier answer's cursor.
  async function load() {
    const [detail, { events }] = await Promise.all([api.get(path), api.get(`${path}/events`)]);
    return { detail, events };
  }

  async function act(request, notice, refresh) {
    ui.busy = true;
    ui.actionError = null;
    ui.notice = null;
    try {
      const answer = await request();
      ui.notice = answer?.queued ? `${notice}: queued behind the ${answer.lockedBy ?? 'running'} flow` : notice;
      return true;
    } catch (e) {
      ui.actionError = e;
      return false;
    } finally {
      ui.busy = false;
      await refresh();
    }
  }

  const scale = async (cloud, refresh) => {
    const workers = ui.scale[cloud];
    if (await act(() => api.post(`${path}/workers`, { cloud, workers }), `Scaling ${CLOUD_NAMES[cloud]} to ${workers} workers`, refresh)) delete ui.scale[cloud];
  };
  const reconcile = (refresh) => act(() => api.post(`${path}/reconcile`), 'Reconcile started', refresh);
  const destroy = async (refresh) => {
    if (await act(() => api.delete(path), 'Deleting', refresh)) ui.confirming = false;
  };

  return page({
    pollMillis: 2000,
    load,
    view: ({ data, error, loading }, { refresh, repaint }) => {
      if (loading) return html`<p class="muted">Loading…</p>`;
      if (!data) {
        const missing = error instanceof ApiProblem && error.status === 404;
        return html`<h1>${id}</h1>${missing ? html`<div class="banner error" role="alert">No cluster named ${id}.</div>` : problemBanner(error)}`;
      }
      const { detail, events } = data;
      const resources = flatResources(detail);
      const nodes = nodeCount(detail);
      return html`
        <div class="actions"><h1 style="margin:0">${detail.id}</h1><span class="cluster-status">${badge(detail.status)}</span>
          <span class="muted status-reason">${detail.statusReason ?? ''}</span></div>
        <p class="muted">${detail.clouds.map((c) => CLOUD_NAMES[c] ?? c).join(' · ')} · ${nodes.ready} / ${nodes.expected} nodes ready ·
          created ${when(detail.createdAt)} · <span class="internal-id" title="internal id: names its cloud resources">${detail.internalId}</span></p>
        ${problemBanner(error)}
        ${ui.notice ? html`<div class="banner info notice">${ui.notice}</div>` : nothing}
        ${problemBanner(ui.actionError)}
        <section class="card picture">
          ${topology(detail.clouds, resources, Object.fromEntries((detail.regions?.regions ?? []).map((r) => [r.cloud, r.region])))}
          <div class="legend">${['ready', 'creating', 'updating', 'deleting', 'failed', 'missing'].map((s) => html`<span style="--c: var(--${s})">${s}</span>`)}</div>
        </section>
        <section class="card progress">
          <h2 style="margin-top:0">Progress</h2>
          ${flowLine(detail)}
          ${phases(detail.clouds, resources, events)}
          <h2>Resources</h2>${resourceTable(resources)}
          <h2>Events</h2>${eventTable(events)}
        </section>
        <div class="grid">
          <section class="card latency"><h2 style="margin-top:0">Latency</h2>${matrix(detail)}</section>
          <section class="card scale"><h2 style="margin-top:0">Scale workers</h2>${scaleControls(detail, ui, repaint, (c) => scale(c, refresh))}</section>
        </div>
        <section class="card reconciles"><h2 style="margin-top:0">Reconcile history</h2>
          ${history(reconcileHistory(events), detail.lastReconcile)}
          <button class="secondary" name="reconcile" ?disabled=${ui.busy || !LIVE.includes(detail.status)} @click=${() => reconcile(refresh)}>Reconcile now</button>
        </section>
        <section class="card changes"><h2 style="margin-top:0">Queued changes</h2>${queued(detail.queuedChanges ?? [])}</section>
        <section class="card danger-zone"><h2 style="margin-top:0">Delete</h2>${deleteControls(detail, ui, repaint, () => destroy(refresh))}</section>`;
    },
  });
}

function flowLine(detail) {
  const { phase, progress } = detail;
  return html`<p class="flow">
    ${phase
      ? html`<strong>${phase.flow}</strong> flow ${phase.executionStatus.toLowerCase()}${phase.state ? html`, in <code>${phase.state}</code>` : nothing}
          since ${when(phase.startedAt)}`
      : html`<span class="muted">No flow running.</span>`}
    · ${progress.ready} of ${progress.planned} planned resources ready
    <progress max="100" value=${progress.percent}></progress> ${progress.percent}%</p>`;
}

function phases(clouds, resources, events) {
  return html`<div class="phases">${clouds.map((cloud) => {
    const p = cloudPhase(cloud, resources, events);
    return html`<div class="phase" data-cloud=${cloud}>
      <strong>${CLOUD_NAMES[cloud] ?? cloud}</strong> ${badge(p.state)}
      <div class="muted">${p.ready} ready · ${p.busy} in progress${p.failed ? html` · ${p.failed} failed` : nothing}</div>
      ${p.last ? html`<div class="muted" title=${p.last.detail ?? ''}>last: ${p.last.status} ${p.last.detail ?? ''}</div>` : nothing}
    </div>`;
  })}</div>`;
}

function resourceTable(resources) {
  if (resources.length === 0) return html`<p class="muted">Nothing observed yet.</p>`;
  return html`<table class="resources"><thead><tr><th>Name</th><th>Kind</th><th>Cloud</th><th>Region</th><th>State</th><th>Cloud id</th></tr></thead>
    <tbody>${resources.map((r) => html`<tr data-resource=${r.name}><td>${r.name}</td><td>${r.kind}</td><td>${CLOUD_NAMES[r.cloud] ?? r.cloud}</td>
      <td>${r.region}</td><td>${badge(r.state)}</td><td class="muted">${shortId(r.cloudId)}</td></tr>`)}</tbody></table>`;
}

// ARM ids and self links are long; their last segment names the thing.
function shortId(cloudId) {
  return cloudId ? cloudId.split('/').pop() : '';
}

function eventTable(events) {
  if (events.length === 0) return html`<p class="muted">No events yet.</p>`;
  const newestFirst = [...events].reverse().slice(0, 40);
  return html`<div class="scroll"><table class="events"><thead><tr><th>At</th><th>Flow</th><th>Step</th><th>Status</th><th>Detail</th></tr></thead>
    <tbody>${newestFirst.map((e) => html`<tr><td>${when(e.at)}</td><td class="muted">${flowOf(e.executionArn)}</td><td>${e.step}</td><td>${e.status}</td><td>${e.detail ?? ''}</td></tr>`)}</tbody></table></div>
    ${events.length > newestFirst.length ? html`<p class="muted">${events.length - newestFirst.length} older events not shown.</p>` : nothing}`;
}

// arn:aws:states:REGION:ACCOUNT:execution:overcast-STAGE-create-cluster:NAME → create-cluster
function flowOf(executionArn) {
  return (executionArn?.split(':')[6] ?? '').replace(/^overcast-[^-]+-/, '');
}

function matrix(detail) {
  const pairs = detail.regions?.pairs ?? [];
  const regions = (detail.regions?.regions ?? []).map((r) => `${r.cloud}/${r.region}`);
  if (pairs.length === 0) return html`<p class="muted">A cluster on one cloud has no cross-cloud round trips.</p>`;
  const rtt = (a, b) => pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  const condition = (detail.conditions ?? []).find((c) => c.type === 'CrossCloudRtt');
  return html`<table class="matrix"><thead><tr><th></th>${regions.map((r) => html`<th>${r}</th>`)}</tr></thead>
    <tbody>${regions.map((a) => html`<tr><th>${a}</th>${regions.map((b) => {
      if (a === b) return html`<td class="muted">—</td>`;
      const p = rtt(a, b);
      if (!p) return html`<td>?</td>`;
      return html`<td class=${p.rttMillis > 10 ? 'slow' : ''} title=${p.measured ? 'measured' : 'estimated from distance'}>${p.rttMillis.toFixed(2)} ms${p.measured ? '' : '*'}</td>`;
    })}</tr>`)}</tbody></table>
    <p class="muted">Worst pair ${detail.regions.worstRttMillis?.toFixed(2) ?? '?'} ms; * estimated from distance.
      ${condition ? html`${condition.type}: ${condition.status}${condition.message ? ` (${condition.message})` : ''}` : nothing}</p>`;
}

function history(runs, lastReconcile) {
  if (runs.length === 0 && !lastReconcile) return html`<p class="muted">No reconcile yet.</p>`;
  const shown = runs.length > 0 ? runs : [{ executionArn: lastReconcile.executionArn, at: lastReconcile.at, purpose: null, outcome: 'ready', repairs: lastReconcile.repairs }];
  return html`<table class="history"><thead><tr><th>At</th><th>Purpose</th><th>Outcome</th><th>Repairs</th></tr></thead>
    <tbody>${shown.map((r) => html`<tr><td>${when(r.at)}</td><td>${r.purpose ?? 'reconcile'}</td><td>${badge(r.outcome)}</td>
      <td>${r.repairs.length === 0
        ? html`<span class="muted">nothing to repair</span>`
        : html`<ul class="repairs">${r.repairs.map((x) => html`<li><strong>${x.status}</strong> ${x.detail ?? ''}</li>`)}</ul>`}</td></tr>`)}</tbody></table>`;
}

function queued(changes) {
  if (changes.length === 0) return html`<p class="muted">Nothing queued.</p>`;
  return html`<table class="queue"><thead><tr><th>#</th><th>Kind</th><th>Change</th><th>Queued</th></tr></thead>
    <tbody>${changes.map((c) => html`<tr><td>${c.seq}</td><td>${c.kind}</td><td><code>${JSON.stringify(c.payload ?? {})}</code></td><td>${when(c.enqueuedAt)}</td></tr>`)}</tbody></table>`;
}

function scaleControls(detail, ui, repaint, scale) {
  const workers = detail.spec?.workers ?? {};
  const live = LIVE.includes(detail.status);
  return html`<table><thead><tr><th>Cloud</th><th>Workers now</th><th>Wanted</th><th></th></tr></thead><tbody>
    ${detail.clouds.map((cloud) => {
      const now = workers[cloud]?.count ?? 0;
      const wanted = ui.scale[cloud] ?? now;
      return html`<tr data-cloud=${cloud}><td>${CLOUD_NAMES[cloud] ?? cloud}</td><td class="workers-now">${now}</td>
        <td><input type="number" name="scale-${cloud}" min="0" max="100" .value=${String(wanted)} ?disabled=${!live}
          @input=${(e) => { ui.scale[cloud] = e.target.value === '' ? null : Number(e.target.value); repaint(); }} /></td>
        <td><button class="secondary" name="scale-${cloud}-apply" ?disabled=${!live || ui.busy || wanted === now} @click=${() => scale(cloud)}>Scale</button></td></tr>`;
    })}</tbody></table>
    <p class="muted">Masters stay as created; a scale while another flow runs is queued and applied after it.</p>`;
}

function deleteControls(detail, ui, repaint, destroy) {
  if (detail.status === 'deleting' || detail.status === 'deleted') return html`<p class="muted">This cluster is ${detail.status}.</p>`;
  if (!ui.confirming) {
    return html`<p>Deletes every resource Overcast made for this cluster in every cloud.</p>
      <button class="danger" name="delete" @click=${() => { ui.confirming = true; repaint(); }}>Delete cluster…</button>`;
  }
  return html`<p>Type <strong>${detail.id}</strong> to confirm.</p>
    <div class="actions"><input name="confirm-delete" aria-label="Cluster name to confirm" .value=${ui.confirmText}
        @input=${(e) => { ui.confirmText = e.target.value; repaint(); }} />
      <button class="danger" name="delete-confirmed" ?disabled=${ui.confirmText !== detail.id || ui.busy} @click=${destroy}>Delete for good</button>
      <button class="secondary" @click=${() => { ui.confirming = false; ui.confirmText = ''; repaint(); }}>Cancel</button></div>`;
}
