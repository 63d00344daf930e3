import { html } from 'lit';
import { setToken } from '../api.js';

/** Asks for the API token (./overcast up prints the console address with it, or the token file's path). */
export function tokenPage() {
  return {
    start(update) {
      const submit = (e) => {
        e.preventDefault();
        setToken(new FormData(e.target).get('token'));
        window.location.hash = '#/clusters';
      };
      update(html`<h1>Sign in</h1>
        <section class="card">
          <p>The API asks for a bearer token. Locally the tokens are in the file <code>./overcast up</code> names under
            <em>tokens</em> (<code>examples/auth/tokens.yaml</code> unless <code>--tokens</code> says otherwise); an address
            ending in <code>?token=…</code> signs in as well.</p>
          <form @submit=${submit}>
            <div class="field"><label for="token">API token</label><input id="token" name="token" size="50" required /></div>
            <button type="submit">Continue</button>
          </form>
        </section>`);
    },
    stop() {},
  };
}
