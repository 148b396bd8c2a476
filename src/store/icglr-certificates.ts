import type { Kysely } from 'kysely';
import { OrpailleError } from '../kernel/index.js';
import type { IcglrCertificate } from '../reports/icglr/index.js';
import type { Db } from './db.js';

/** Table of migration 0015_icglr_certificates (used through `withTables`). */
export type IcglrCertificateTables = {
  icglr_certificates: { number: string; lot_id: string; exporter: string; issued_on: string; expires_on: string; export_event: string | null; body: string; ledger_seq: number; recorded_at: number };
};

/** An issued certificate as recorded: what was printed and the ledger head it was computed from. */
export interface IssuedCertificate {
  lot: string;
  certificate: IcglrCertificate;
  ledgerSeq: number;
  recordedAt: number;
}

/** The ICGLR export certificates issued: a serial number once, for one lot. */
export function icglrCertificateStore(db: Db) {
  const k = db.kysely.withTables<IcglrCertificateTables>() as unknown as Kysely<IcglrCertificateTables>;
  const fromRow = (r: IcglrCertificateTables['icglr_certificates']): IssuedCertificate => ({ lot: r.lot_id, certificate: JSON.parse(r.body) as IcglrCertificate, ledgerSeq: Number(r.ledger_seq), recordedAt: Number(r.recorded_at) });
  return {
    async get(number: string): Promise<IssuedCertificate | undefined> {
      const r = await k.selectFrom('icglr_certificates').selectAll().where('number', '=', number).executeTakeFirst();
      return r ? fromRow(r) : undefined;
    },
    /** Certificates issued for a lot, oldest first. */
    async forLot(lotId: string): Promise<IssuedCertificate[]> {
      return (await k.selectFrom('icglr_certificates').selectAll().where('lot_id', '=', lotId).orderBy('recorded_at').orderBy('number').execute()).map(fromRow);
    },
    /** Records an issued certificate; ORP_CERTIFICATE_EXISTS when its number was issued before. */
    async record(lotId: string, c: IcglrCertificate, ledgerSeq: number, at: number): Promise<void> {
      await k.transaction().execute(async (trx) => {
        const prior = await trx.selectFrom('icglr_certificates').select(['lot_id', 'issued_on']).where('number', '=', c.number).executeTakeFirst();
        if (prior) throw new OrpailleError('ORP_CERTIFICATE_EXISTS', `certificate ${c.number} was already issued on ${prior.issued_on} for lot ${prior.lot_id}`, { number: c.number, lot: prior.lot_id, issuedOn: prior.issued_on });
        await trx
          .insertInto('icglr_certificates')
          .values({ number: c.number, lot_id: lotId, exporter: c.exporter, issued_on: c.issuedOn, expires_on: c.expiresOn, export_event: c.exportEvent ?? null, body: JSON.stringify(c), ledger_seq: ledgerSeq, recorded_at: at })
          .execute();
      });
    },
  };
}

export type IcglrCertificateStore = ReturnType<typeof icglrCertificateStore>;
