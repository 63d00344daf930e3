import { defineConfig } from 'vite';

// Relative asset paths: the same dist/ works behind ./overcast up at / and behind any prefix in AWS.
// `npm run dev` forwards the API to a running ./overcast up (OVERCAST_API, e.g. http://127.0.0.1:8080).
const api = process.env.OVERCAST_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/clusters': api,
      '/regions': api,
    },
  },
});
