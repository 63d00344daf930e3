import { html } from 'lit';
import { api } from '../api.js';
import { page } from './page.js';
import { badge, when, problemBanner, CLOUD_NAMES } from './format.js';

/** Every cluster with its status, clouds, nodes and last reconcile; polled so statuses move on their own. */
export function clusterListPage() {
  return page({
    pollMillis: 3000,
    load: () => api.get('/clusters'),
    view: ({ data, error, loading }) => html`
      <div class="actions"><h1>Clusters</h1><span style="flex:1"></span><a href="#/create"><button>New cluster</button></a></div>
      ${problemBanner(error)}
      <section class="card">
        ${loading
          ? html`<p class="muted">Loading…</p>`
          : (data?.clusters ?? []).length === 0
            ? html`<p class="muted">No clusters yet. <a href="#/create">Create one</a>.</p>`
            : html`<table class="clusters">
                <thead><tr><th>Name</th><th>Status</th><th>Clouds</th><th>Nodes</th><th>Last reconcile</th></tr></thead>
                <tbody>
                  ${data.clusters.map(
                    (c) => html`<tr data-cluster=${c.clusterId}>
                      <td><a href="#/clusters/${encodeURIComponent(c.clusterId)}">${c.clusterId}</a></td>
                      <td>${badge(c.status)}</td>
                      <td>${(c.clouds ?? []).map((cloud) => CLOUD_NAMES[cloud] ?? cloud).join(', ')}</td>
                      <td>${nodes(c.nodes)}</td>
                      <td>${when(c.lastReconcile?.at ?? c.lastReconcile)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`}
      </section>`,
  });
}

function nodes(n) {
  if (n == null) return '—';
  if (typeof n === 'number') return n;
  return `${n.ready ?? '?'} / ${n.expected ?? '?'} ready`;
}
