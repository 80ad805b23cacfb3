import { defineConfig } from 'vitest/config';

// The root orchestrator the dev server forwards /api to (CANOPY_ROOT overrides it).
const root = process.env.CANOPY_ROOT ?? 'http://localhost:10000';

export default defineConfig({
  // Relative asset paths: the root serves index.html at / and the assets beside it.
  base: './',
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': { target: root, changeOrigin: true } } },
  preview: { proxy: { '/api': { target: root, changeOrigin: true } } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    restoreMocks: true,
  },
});
