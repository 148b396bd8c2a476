import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoldEvent } from '../../src/custody/index.js';
import { openOrpaille } from '../../src/orpaille.js';
import { run } from '../support/cli.js';
import { pdfText } from '../support/pdf-text.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const sqliteStore = testStores.find((s) => s.name === 'sqlite')!;
const details = { customsValueUsd: '9000.00', route: 'Bunia - Entebbe', transportCompany: 'GL Cargo', issuingAuthority: 'CEEC Bunia', verifier: { name: 'A. Mbala', position: 'Inspecteur', id: 'CEEC-117' }, verificationDate: '2026-03-30', validator: 'Division des mines' };

describe('orpaille report icglr', () => {
  let w: World;
  const dir = mkdtempSync(join(tmpdir(), 'orpaille-icglr-'));
  beforeAll(async () => {
    w = await makeWorld(sqliteStore);
    const lot = w.lot(w.house, 'dore', '1');
    await appendOk(w, [...w.buy('1'), { type: 'export', eventTime: w.at(20), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lots: [lot], exporter: w.house.uri, destination: w.refiner.uri, destinationCountry: 'CH', exportCertificate: 'CD-2026-00007' }] as GoldEvent[]);
    await w.orp.certification.addInspection({ id: 'i1', site: w.sites[0]!.uri, date: '2026-01-15', status: 1, inspector: 'B. Lokwa', agency: 'CEEC' });
    await w.orp.close();
  });
  afterAll(async () => {
    w.orp = await openOrpaille(w.config);
    await w.cleanup();
  });

  it('refuses, naming the missing fields, with a non-zero exit and no file written', async () => {
    const out = join(dir, 'refused.pdf');
    const r = await run(w, 'report', 'icglr', '--lot', '1', '--out', out);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('ORP_CERTIFICATE_INCOMPLETE');
    for (const f of ['customsValueUsd', 'route', 'transportCompany', 'issuingAuthority', 'verifier.name', 'verificationDate', 'validator']) expect(r.err).toContain(f);
    expect(existsSync(out)).toBe(false);
  });

  it('writes the certificate named by the export event and reports the ledger head', async () => {
    const file = join(dir, 'details.json');
    writeFileSync(file, JSON.stringify(details));
    const out = join(dir, 'cert.pdf');
    const r = await run(w, 'report', 'icglr', '--lot', '1', '--details', file, '--issued-on', '2026-04-01', '--out', out, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out) as { number: string; expiresOn: string; ledgerSeq: number };
    expect(summary).toMatchObject({ number: 'CD-2026-00007', issuedOn: '2026-04-01', reprint: false, ledgerSeq: 3 });
    const text = await pdfText(readFileSync(out));
    expect(text).toContain('CD-2026-00007');
    expect(text).toContain('Certificat régional de la CIRGL');
    expect(text).toContain('cert.pdf');
  });
});
