import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The backend (apps/backend) serves this build in production; in development Vite forwards to it. */
const backend = 'http://localhost:3000';
const proxy = {
  '/api': { target: backend, changeOrigin: false },
  '/healthz': { target: backend, changeOrigin: false },
  '/readyz': { target: backend, changeOrigin: false },
};

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: { outDir: 'dist', emptyOutDir: true },
});
