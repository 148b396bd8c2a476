/**
 * CBV 2.0 values in a query: a standard value may come as its bare name (`shipping`), its Web URI
 * (`https://ref.gs1.org/cbv/BizStep-shipping`), CURIE (`cbv:BizStep-shipping`) or CBV 1.x URN
 * (`urn:epcglobal:cbv:bizstep:shipping`); normalised events keep the bare name, so queries do too.
 */

type CbvVocabulary = 'bizStep' | 'disposition' | 'bizTransactionType' | 'sourceDestinationType';

/** Web URI term prefix (after https://ref.gs1.org/cbv/) and CBV 1.x URN word of each vocabulary. */
const FORMS: Readonly<Record<CbvVocabulary, readonly [web: string, urn: string]>> = {
  bizStep: ['BizStep-', 'bizstep'],
  disposition: ['Disp-', 'disp'],
  bizTransactionType: ['BTT-', 'btt'],
  sourceDestinationType: ['SDT-', 'sdt'],
};

/** The bare CBV name of a value written in any of its standard forms; any other value as given. */
export function bareCbvValue(vocabulary: CbvVocabulary, value: string): string {
  const [web, urn] = FORMS[vocabulary];
  for (const prefix of [`https://ref.gs1.org/cbv/${web}`, `cbv:${web}`, `urn:epcglobal:cbv:${urn}:`]) {
    if (value.startsWith(prefix)) return value.slice(prefix.length);
  }
  return value;
}
