import { ApiProblem } from '../api.js';

/**
 * A page: `load` fetches what it shows (again every `pollMillis` when given), `view` renders it.
 * Polling stops when the page is left, and a failed poll keeps the last good data on screen.
 */
export function page({ load, view, pollMillis }) {
  let timer = null;
  let stopped = false;
  const state = { data: null, error: null, loading: true };
  let paint = () => {};

  async function refresh() {
    try {
      state.data = await load();
      state.error = null;
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 401) {
        window.location.hash = '#/token';
        return;
      }
      state.error = e;
    }
    state.loading = false;
    if (!stopped) paint();
  }

  async function loop() {
    await refresh();
    if (pollMillis && !stopped) timer = setTimeout(loop, pollMillis);
  }

  return {
    start(update) {
      paint = () => update(view(state, { refresh, repaint: () => paint() }));
      paint();
      loop();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
