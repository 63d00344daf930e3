import { html } from 'lit';
import { api } from '../api.js';
import { page } from './page.js';
import { badge, when, problemBanner, CLOUD_NAMES } from './format.js';
import { nodeCount } from '../cluster-model.js';

/**
 * Every cluster with its status, clouds, nodes and last reconcile; polled so statuses move on their
 * own. The list answer has no node counts or reconciles, so each row's detail is fetched as well
 * (a tenant has a handful of clusters; a row whose detail fails still shows its summary).
 */
export function clusterListPage() {
  return page({
    pollMillis: 3000,
    load: async () => {
      const { clusters } = await api.get('/clusters');
      const details = await Promise.all(clusters.map((c) => api.get(`/clusters/${encodeURIComponent(c.id)}`).catch(() => null)));
      // A name created again after a destroy lists the deleted cluster too; its name now leads to the new one.
      return clusters.map((summary, i) => ({ summary, detail: details[i]?.internalId === summary.internalId ? details[i] : null }));
    },
    view: ({ data, error, loading }) => html`
      <div class="actions"><h1>Clusters</h1><span style="flex:1"></span><a href="#/create"><button>New cluster</button></a></div>
      ${problemBanner(error)}
      <section class="card">
        ${loading
          ? html`<p class="muted">Loading…</p>`
          : (data ?? []).length === 0
            ? html`<p class="muted">No clusters yet. <a href="#/create">Create one</a>.</p>`
            : html`<table class="clusters">
                <thead><tr><th>Name</th><th>Status</th><th>Clouds</th><th>Nodes ready</th><th>Last reconcile</th><th>Updated</th></tr></thead>
                <tbody>
                  ${data.map(({ summary: c, detail }) => {
                    const nodes = detail ? nodeCount(detail) : null;
                    return html`<tr data-cluster=${c.id} data-internal-id=${c.internalId}>
                      <td><a href="#/clusters/${encodeURIComponent(c.id)}">${c.id}</a></td>
                      <td>${badge(c.status)} <span class="muted">${c.statusReason ?? ''}</span></td>
                      <td>${c.clouds.map((cloud) => CLOUD_NAMES[cloud] ?? cloud).join(', ')}</td>
                      <td>${nodes ? `${nodes.ready} / ${nodes.expected}` : '—'}</td>
                      <td>${when(detail?.lastReconcile?.at)}</td>
                      <td>${when(c.updatedAt)}</td>
                    </tr>`;
                  })}
                </tbody>
              </table>`}
      </section>`,
  });
}
