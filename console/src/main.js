import { render } from 'lit';
import { adoptTokenFromAddress } from './api.js';
import { clusterListPage } from './pages/cluster-list.js';
import { createPage } from './pages/create.js';
import { clusterPage } from './pages/cluster.js';
import { tokenPage } from './pages/token.js';

// Hash routes, so the server only ever serves index.html and its assets:
//   #/clusters   #/create   #/clusters/ID   #/token
const routes = [
  [/^#\/clusters\/([^/]+)$/, (m) => clusterPage(decodeURIComponent(m[1]))],
  [/^#\/create$/, () => createPage()],
  [/^#\/token$/, () => tokenPage()],
  [/^#\/clusters$/, () => clusterListPage()],
];

const root = document.getElementById('app');
let current = null;

function route() {
  current?.stop();
  const hash = window.location.hash || '#/clusters';
  const match = routes.find(([re]) => re.test(hash));
  current = match ? match[1](match[0].exec(hash)) : clusterListPage();
  current.start((view) => render(view, root));
}

adoptTokenFromAddress();
window.addEventListener('hashchange', route);
route();
