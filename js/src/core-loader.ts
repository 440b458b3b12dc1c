// Starts the WebAssembly core and returns its one handle.
import createEngageCore from 'engage-core-glue';
import type { CoreFactory } from './client';

export const loadWasmCore: CoreFactory = async (host, wasmUrl) => {
  const module = await createEngageCore({ locateFile: () => wasmUrl });
  const core = new module.EngageCore(host);
  return {
    run: (commands) => core.run(commands),
    tick: () => core.tick(),
    sendResult: (id, status, retryAfter) => core.sendResult(id, status, retryAfter),
    memoryBytes: () => module.HEAP8?.buffer.byteLength ?? 0,
    debugAbort: () => core.debugAbort(),
  };
};
