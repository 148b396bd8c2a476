import { CATALOGS, LANGS, type Lang, type MessageKey } from './catalogs';

/** Parameters of a message: `{name}` in the text is replaced by `params.name`. */
export type MessageParams = Record<string, string | number>;

/** The message of `key` in `lang`, its `{name}` placeholders filled in (a missing parameter stays visible). */
export function translate(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const text = CATALOGS[lang][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether `key` is a message key (for keys built at run time, such as `error.<code>`). */
export function isMessageKey(key: string): key is MessageKey {
  return key in CATALOGS.en;
}

/** A supported language from a stored choice or a BCP 47 tag (`fr-CD` -> `fr`), else undefined. */
export function langOf(tag: string | null | undefined): Lang | undefined {
  const base = tag?.toLowerCase().split('-')[0];
  return LANGS.find((l) => l === base);
}
