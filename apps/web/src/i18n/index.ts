import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Messages } from './zh-CN';
import { zhCNCore } from './zh-CN.core';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'vg_lang';

function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'en-US' || saved === 'zh-CN') return saved;
  } catch {
    /* storage blocked: fall back to Chinese */
  }
  return 'zh-CN';
}

/* Chinese ships with the app; English is its own chunk, fetched when chosen (the service worker
 * precaches it for the phone). */
let english: Promise<void> | null = null;
function loadMessages(lng: Language): Promise<void> {
  if (lng === 'zh-CN') return Promise.resolve();
  english ??= import('./en-US').then(({ enUS }) => {
    i18n.addResourceBundle('en-US', 'translation', enUS);
  });
  return english;
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCNCore } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

let pages: Promise<unknown> | null = null;
/** Loads the pages' text (every module's) once; lazyNamed awaits it beside each page's chunk. */
export function pageMessages(): Promise<unknown> {
  pages ??= import('./pages').catch((e: unknown) => {
    pages = null;
    throw e;
  });
  return pages;
}

/** Resolves when the saved language's messages are in: the app renders after it (main.tsx). */
export const i18nReady: Promise<void> = (async () => {
  const lng = initialLanguage();
  if (lng === 'zh-CN') return;
  try {
    await loadMessages(lng);
    await i18n.changeLanguage(lng);
  } catch {
    /* the chunk could not be fetched (offline, never cached): stay in Chinese */
  }
})();

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export function setLanguage(lng: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* not persisted; still switch for this page */
  }
  void loadMessages(lng).then(() => i18n.changeLanguage(lng));
}

export const currentLanguage = (): Language => (i18n.language === 'en-US' ? 'en-US' : 'zh-CN');

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export default i18n;
