// npm entry (dist/engage.mjs): `import engage from 'engage-sdk'; engage.init({ writeKey: '...' })`.
import { EngageClient } from './client';
import { loadWasmCore } from './core-loader';

export type * from './types';

/** A new, independent client (most pages want the shared `engage` instance instead). */
export function createEngage(wasmUrl: string = new URL('./engage.wasm', import.meta.url).href) {
  return new EngageClient(loadWasmCore, wasmUrl);
}

export const engage = createEngage();
export default engage;
