/** Where the renderer remembers small choices (language, theme): localStorage when the page may use it. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export function safeStorage(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
