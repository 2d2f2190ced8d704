/** The page's localStorage, or null where reading it throws (some private modes, sandboxed frames). */
export function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
