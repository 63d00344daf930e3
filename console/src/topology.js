import { svg } from 'lit';

// The three clouds sit on a triangle; a cluster on fewer clouds keeps each cloud's place, so the
// picture of one cluster never moves when a cloud is added.
const PLACES = {
  aws: { x: 170, y: 250 },
  gcp: { x: 530, y: 250 },
  azure: { x: 350, y: 75 },
};
const CLOUD_NAMES = { aws: 'AWS', gcp: 'Google Cloud', azure: 'Azure' };
const BOX = { w: 220, h: 110 };

/** Worst state first: a pair of clouds is as healthy as its least healthy tunnel. */
const SEVERITY = ['failed', 'deleting', 'missing', 'creating', 'updating', 'ready'];

export function worstState(states) {
  if (states.length === 0) return 'missing';
  return states.reduce((worst, s) => (SEVERITY.indexOf(s) < SEVERITY.indexOf(worst) ? s : worst));
}

/**
 * The cluster as a picture: one box per cloud (its network), its gateway, its machines as dots and
 * one line per pair of clouds for the tunnels between them, each coloured by state.
 *
 * @param clouds    the cluster's clouds, e.g. ['aws', 'gcp']
 * @param resources [{name, kind, cloud, state}] with state one of ready/creating/updating/deleting/failed/missing
 * @param regions   the region of each cloud, e.g. {aws: 'us-east-1'}
 */
export function topology(clouds, resources, regions = {}) {
  const of = (cloud, kind) => resources.filter((r) => r.cloud === cloud && r.kind === kind);
  const pairs = [];
  for (let i = 0; i < clouds.length; i++) {
    for (let j = i + 1; j < clouds.length; j++) pairs.push([clouds[i], clouds[j]]);
  }
  const tunnelsOf = (a, b) =>
    resources.filter((r) => r.kind === 'vpn-tunnel' && ((r.cloud === a && towards(r, b)) || (r.cloud === b && towards(r, a))));
  return svg`<svg class="topology" viewBox=${viewBox(clouds)} role="img" aria-label="Clouds, networks and tunnels">
    ${pairs.map(([a, b]) => {
      const tunnels = tunnelsOf(a, b);
      const state = worstState(tunnels.map((t) => t.state));
      const pa = PLACES[a];
      const pb = PLACES[b];
      return svg`<g class="tunnel state-${state}" data-pair="${a}-${b}">
        <line x1=${pa.x} y1=${pa.y} x2=${pb.x} y2=${pb.y}></line>
        <text class="tunnel-label" x=${(pa.x + pb.x) / 2} y=${(pa.y + pb.y) / 2 - 8} text-anchor="middle">${tunnels.length} tunnel${tunnels.length === 1 ? '' : 's'} · ${state}</text>
      </g>`;
    })}
    ${clouds.map((cloud) => {
      const p = PLACES[cloud];
      const network = worstState(of(cloud, 'network').map((r) => r.state));
      const gateway = of(cloud, 'vpn-gateway');
      const instances = of(cloud, 'instance');
      const x = p.x - BOX.w / 2;
      const y = p.y - BOX.h / 2;
      return svg`<g class="cloud cloud-${cloud}" data-cloud=${cloud}>
        <rect class="network state-${network}" x=${x} y=${y} width=${BOX.w} height=${BOX.h} rx="10"></rect>
        <text class="cloud-name" x=${x + 10} y=${y + 20}>${CLOUD_NAMES[cloud] ?? cloud}</text>
        <text class="network-label" x=${x + 10} y=${y + 38}>${regions[cloud] ?? ''} · network ${network}</text>
        <text class="network-label" x=${x + 10} y=${y + BOX.h - 10}>${instances.length} machine${instances.length === 1 ? '' : 's'}</text>
        ${instances.map((r, k) => svg`<circle class="instance state-${r.state}" cx=${x + 18 + (k % 10) * 20} cy=${y + 62 + Math.floor(k / 10) * 20} r="7">
            <title>${r.name}: ${r.state}</title></circle>`)}
        ${gateway.length > 0
          ? svg`<rect class="gateway state-${worstState(gateway.map((g) => g.state))}" x=${x + BOX.w - 34} y=${y + 10} width="22" height="22" rx="3"
                transform="rotate(45 ${x + BOX.w - 23} ${y + 21})">
              <title>VPN gateway: ${worstState(gateway.map((g) => g.state))}</title></rect>`
          : ''}
      </g>`;
    })}
  </svg>`;
}

// Only the places in use, so a cluster on one or two clouds is not drawn under an empty band.
function viewBox(clouds) {
  const places = clouds.map((c) => PLACES[c]).filter(Boolean);
  const margin = 20;
  const left = Math.min(...places.map((p) => p.x)) - BOX.w / 2 - margin;
  const top = Math.min(...places.map((p) => p.y)) - BOX.h / 2 - margin;
  const width = Math.max(...places.map((p) => p.x)) + BOX.w / 2 + margin - left;
  const height = Math.max(...places.map((p) => p.y)) + BOX.h / 2 + margin - top;
  return `${left} ${top} ${width} ${height}`;
}

// A tunnel resource living on cloud A towards B is named <cluster>-vpn-tunnel-A-B[-n].
function towards(resource, peer) {
  return new RegExp(`-vpn-tunnel-${resource.cloud}-${peer}(-\\d+)?$`).test(resource.name);
}
