import { en, type Catalog } from './en';
import { es } from './es';
import { fr } from './fr';
import { sw } from './sw';

export type { Catalog, MessageKey } from './en';

/** The languages of the application, in the order the switcher lists them. */
export const LANGS = ['en', 'fr', 'es', 'sw'] as const;
export type Lang = (typeof LANGS)[number];

/** Every catalog by language. */
export const CATALOGS: Record<Lang, Catalog> = { en, fr, es, sw };
