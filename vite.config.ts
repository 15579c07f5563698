import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths are relative to the repository root, where npm scripts and the e2e global setup run Vite.
// base './' keeps asset URLs relative so the same build loads from file:// in Electron and from the web host.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    reportCompressedSize: false,
  },
});
