import { useSyncExternalStore } from 'react';

/*
 * 关怀模式 (issue 24 item 13, after the 适老化 rules for public-service apps): larger text, stronger
 * contrast and only the essential services on the home, for retired members. Switched on 我的 and
 * remembered on this device; the look is `html.vg-care` in src/global.css.
 */
const KEY = 'vanguard.care';
const listeners = new Set<() => void>();

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** Puts the saved choice on <html> (called when the portal starts). */
export function applyCareMode(on: boolean = stored()): void {
  document.documentElement.classList.toggle('vg-care', on);
}

export function setCareMode(on: boolean): void {
  try {
    if (on) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode without storage: the choice holds until the page is closed.
  }
  applyCareMode(on);
  for (const l of listeners) l();
}

export function useCareMode(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => document.documentElement.classList.contains('vg-care'),
  );
}
