/// <reference types="svelte" />
/// <reference types="vite/client" />

/** What electron/preload.ts exposes. Absent when the renderer runs in a plain browser (UI tests). */
interface LayerwiseApi {
  readonly version: string;
}

interface Window {
  readonly layerwise?: LayerwiseApi;
}
