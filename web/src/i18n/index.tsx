import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LANGS, type Lang, type MessageKey } from './catalogs';
import { formatters, type Formatters } from './format';
import { isMessageKey, langOf, translate, type MessageParams } from './translate';

export { LANGS, type Lang, type MessageKey } from './catalogs';
export { isMessageKey } from './translate';

/** Where the chosen language is remembered between visits. */
export const LANG_STORAGE_KEY = 'orpaille.lang';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** The message of `key` in the current language. */
  t(key: MessageKey, params?: MessageParams): string;
  /** The message of a key built at run time when the catalog has it, else `fallback`. */
  tOr(key: string, fallback: string, params?: MessageParams): string;
  fmt: Formatters;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    // Storage may be disabled; fall back to the browser's language.
  }
  return langOf(stored) ?? langOf(navigator.language) ?? 'en';
}

/** Provides the language, the messages and the formatters to the app; the choice is kept in localStorage. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, l);
    } catch {
      // Not remembered, still switched.
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      tOr: (key, fallback, params) => (isMessageKey(key) ? translate(lang, key, params) : fallback),
      fmt: formatters(lang),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The i18n of the current language (inside `I18nProvider`). */
export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
