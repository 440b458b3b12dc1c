// Starts the WebAssembly core and returns its one handle.
import createEngageCore from 'engage-core-glue';
import type { CoreFactory } from './client';

export const loadWasmCore: CoreFactory = async (host, wasmUrl) => {
  const module = await createEngageCore({ locateFile: () => wasmUrl });
  return new module.EngageCore(host);
};
