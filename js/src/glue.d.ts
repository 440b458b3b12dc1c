// The Emscripten-generated loader of engage.wasm (build/wasm/bin/engage-core.js), aliased by the
// build as 'engage-core-glue'.
declare module 'engage-core-glue' {
  import type { CoreHost } from './host';
  interface EngageCoreInstance {
    run(commandsJson: string): string;
    tick(): number;
    sendResult(batchId: string, status: number, retryAfterMs: number): void;
    debugAbort(): void;
  }
  interface EngageCoreModule {
    EngageCore: new (host: CoreHost) => EngageCoreInstance;
    HEAP8?: Int8Array;
  }
  const createEngageCore: (options: {
    locateFile?: (path: string) => string;
    wasmBinary?: ArrayBuffer | Uint8Array;
  }) => Promise<EngageCoreModule>;
  export default createEngageCore;
}
