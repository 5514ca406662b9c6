// The explorer is built into dist/ and served by the gateway at /: every file comes from this build, nothing from a
// CDN (the users' browsers reach only our servers). In development (`npx vite` here) the API is proxied to a gateway
// started with `npm start`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  base: '/',
  // GraphiQL's editor runs its language services in workers that import chunks of their own.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    // GraphiQL (with its editor) is one large chunk, loaded only on its own page.
    chunkSizeWarningLimit: 5000,
  },
  server: { proxy: Object.fromEntries(['/graphql', '/export', '/auth', '/societies'].map((path) => [path, gateway])) },
});
