/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { DoctorApi } from '../../shared/api.js';

declare global {
  interface Window {
    /** set by the Electron preload (contextBridge) */
    wsusDoctor?: DoctorApi;
  }
}

export {};
