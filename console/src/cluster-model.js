// Views of the API's cluster detail and events that the pages share: flat resource lists, node
// counts, per-cloud phases and the reconcile history.

/** The detail's resources ({aws: [...], gcp: [...]}) as one list, each with its cloud. */
export function flatResources(detail) {
  return Object.entries(detail.resources ?? {}).flatMap(([cloud, list]) =>
    list.map((r) => ({ ...r, cloud, state: String(r.state).toLowerCase() })));
}

/** Machines observed ready against the machines the spec asks for (masters plus every cloud's workers). */
export function nodeCount(detail) {
  const spec = detail.spec ?? {};
  const expected = (spec.masters?.count ?? 0) + Object.values(spec.workers ?? {}).reduce((n, w) => n + (w?.count ?? 0), 0);
  const ready = flatResources(detail).filter((r) => r.kind === 'instance' && r.state === 'ready').length;
  return { ready, expected };
}

/**
 * One cloud's phase in the running flow: its resources by state and the last converge event on it
 * (`converge-<cloud>`, written by every converge round that acted).
 */
export function cloudPhase(cloud, resources, events) {
  const mine = resources.filter((r) => r.cloud === cloud);
  const count = (s) => mine.filter((r) => r.state === s).length;
  const last = [...events].reverse().find((e) => e.step === `converge-${cloud}`);
  const busy = mine.length - count('ready') - count('failed');
  return {
    ready: count('ready'),
    busy,
    failed: count('failed'),
    state: count('failed') > 0 ? 'failed' : busy > 0 ? 'creating' : mine.length > 0 ? 'ready' : 'pending',
    last,
  };
}

// converge-<cloud> statuses that acted on a cloud (as the API's lastReconcile counts them);
// "deferred" waited and changed nothing.
const REPAIRS = new Set(['create', 'update', 'delete', 'failed']);

/**
 * The reconcile-cluster executions among the events, newest first, each with the purpose its status
 * event named (reconciling or scaling), its outcome and the repairs its converge rounds made.
 */
export function reconcileHistory(events) {
  const runs = new Map();
  for (const e of events) {
    if (!/:execution:[^:]*reconcile[^:]*:/.test(e.executionArn)) continue;
    const run = runs.get(e.executionArn) ?? { executionArn: e.executionArn, at: e.at, purpose: null, outcome: 'running', repairs: [] };
    if (e.step === 'status') {
      if (e.status === 'reconciling' || e.status === 'scaling') run.purpose = e.status;
      else run.outcome = e.status;
    }
    if (e.step.startsWith('converge-') && REPAIRS.has(e.status)) run.repairs.push(e);
    runs.set(e.executionArn, run);
  }
  return [...runs.values()].reverse();
}
