import { defineConfig } from 'vite';

// No configuration is needed to build: Vite sees `new URL('./engage.wasm', import.meta.url)` in
// engage-sdk and emits engage.wasm as an asset. This only serves the dev server (`npm run dev`):
// engage-sdk is a `file:../../js` link here, so its files live outside this project, and the dev
// server refuses files outside the folders it allows. An install from the registry does not need it.
export default defineConfig({
  server: { fs: { allow: ['.', '../../js/dist'] } },
});
