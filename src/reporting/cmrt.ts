import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { parseSmelterReference, validateProfile, type CmrtProfile, type SmelterReference } from '../reports/cmrt/index.js';
import { cmrtStore, type CmrtStore, type ReferenceVersion } from '../store/index.js';

/**
 * CMRT wiring (docs/reports.md, "CMRT"): the RMI smelter reference read from the workbook a user supplies,
 * each organisation's recorded answers, the CMRT report computed from the ledger, and supplier CMRTs.
 */
export function cmrt(orp: Orpaille) {
  const store: CmrtStore = cmrtStore(orp.db);
  const org = async (idOrUri: string) => {
    const o = await orp.registry.organisation(idOrUri);
    if (!o) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${idOrUri}" (see: orpaille org list)`, { org: idOrUri });
    return o;
  };
  return {
    store,
    /** Imports the smelter reference of an official CMRT workbook, replacing the rows of the same template version. */
    async importSmelters(bytes: Buffer, fileName: string): Promise<ReferenceVersion & { metals: Record<string, number> }> {
      const ref: SmelterReference = await parseSmelterReference(bytes, fileName);
      const at = orp.clock.now().getTime();
      await store.putReference(ref, fileName, at);
      const metals: Record<string, number> = {};
      for (const s of ref.smelters) metals[s.metal] = (metals[s.metal] ?? 0) + 1;
      return { version: ref.version, revisionDate: ref.revisionDate, fileName, smelters: ref.smelters.length, importedAt: at, metals };
    },
    /** Records an organisation's CMRT answers (replacing what it recorded before); bad answers change nothing. */
    async setProfile(orgIdOrUri: string, doc: unknown): Promise<CmrtProfile> {
      const o = await org(orgIdOrUri);
      const profile = validateProfile(doc);
      await store.putProfile(o.id, profile, orp.clock.now().getTime());
      return profile;
    },
    async profile(orgIdOrUri: string): Promise<CmrtProfile | undefined> {
      return store.profile((await org(orgIdOrUri)).id);
    },
  };
}

export type Cmrt = ReturnType<typeof cmrt>;
