import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrpaille } from '../../src/orpaille.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

const sqliteStore = testStores.find((s) => s.name === 'sqlite')!;

describe('the assessment subcommands of orpaille diligence', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(sqliteStore);
    await w.orp.close();
  });
  afterAll(async () => {
    w.orp = await openOrpaille(w.config);
    await w.cleanup();
  });

  it.each([['risk', 'model'], ['risk', 'add'], ['risk', 'list'], ['risk', 'show'], ['risk', 'set'], ['kyc', 'owner'], ['kyc', 'licence'], ['kyc', 'watchlist'], ['kyc', 'show'], ['indicators', 'add'], ['indicators', 'show'], ['craft', 'questionnaire'], ['craft', 'submit'], ['craft', 'review'], ['craft', 'show'], ['craft', 'progress']])('explains `diligence %s %s` with --help', async (...cmd) => {
    const r = await run(w, 'diligence', ...cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: orpaille diligence');
  });

  it('prints the risk model with the response class of each risk', async () => {
    const r = await run(w, 'diligence', 'risk', 'model', '--json');
    expect(r.code, r.err).toBe(0);
    const model = JSON.parse(r.out) as { version: string; risks: { id: string; response: string }[] };
    expect(model.version).toBe('1');
    expect(model.risks.find((x) => x.id === 'armed-groups')!.response).toBe('disengage');
  });

  it('records a risk at a site with evidence, lists it and shows its history', async () => {
    const r = await run(w, 'diligence', 'risk', 'add', '--id', 'R1', '--org', 'house', '--site', 'site-1', '--risk', 'mercury-open-burning', '--source', 'site visit', '--by', 'A. Kabila', '--observed', '2026-03-01', '--evidence', 'photo:IMG_0042.jpg', '--evidence', 'visit-report.pdf', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ id: 'R1', owner: w.house.uri, subject: { kind: 'site', uri: w.sites[0]!.uri }, status: 'identified', evidence: [{ kind: 'photo', reference: 'IMG_0042.jpg' }, { kind: 'document', reference: 'visit-report.pdf' }] });
    const listed = await run(w, 'diligence', 'risk', 'list', '--org', 'house', '--site', 'site-1');
    expect(listed.out).toMatch(/R1\s+2026-03-01.*mercury-open-burning\s+improve\s+identified/);
    const shown = await run(w, 'diligence', 'risk', 'show', 'R1');
    expect(shown.out).toContain('evidence photo: IMG_0042.jpg');
  });

  it('says that confirming support to armed groups calls for immediate suspension', async () => {
    await run(w, 'diligence', 'risk', 'add', '--id', 'R2', '--org', 'house', '--supplier', 'asmo', '--risk', 'armed-groups', '--source', 'UN Group of Experts report', '--by', 'A. Kabila', '--observed', '2026-03-01');
    const r = await run(w, 'diligence', 'risk', 'set', 'R2', 'confirmed', '--by', 'B. Mulamba', '--on', '2026-03-05', '--reason', 'checkpoint tax confirmed');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('immediate suspension or disengagement');
  });

  it('refuses a risk naming both a supplier and a site, or an unknown risk, with exit 2 and nothing written', async () => {
    const both = await run(w, 'diligence', 'risk', 'add', '--id', 'BAD', '--org', 'house', '--supplier', 'asmo', '--site', 'site-1', '--risk', 'gender', '--source', 's', '--by', 'p');
    expect(both.code).toBe(2);
    expect(both.err).toContain('exactly one of supplier and site');
    const unknown = await run(w, 'diligence', 'risk', 'add', '--id', 'BAD', '--org', 'house', '--supplier', 'asmo', '--risk', 'gossip', '--source', 's', '--by', 'p');
    expect(unknown.err).toContain('ORP_BAD_INPUT');
    expect((await run(w, 'diligence', 'risk', 'show', 'BAD')).code).toBe(2);
  });

  it("records a supplier's owners, licence and a reviewed watchlist hit, and shows the file with its gaps", async () => {
    expect((await run(w, 'diligence', 'kyc', 'owner', '--org', 'house', '--supplier', 'asmo', '--by', 'A', '--name', 'Jeanne M.', '--share', '12.5', '--identified', '2026-01-10')).code).toBe(0);
    expect((await run(w, 'diligence', 'kyc', 'licence', '--org', 'house', '--supplier', 'asmo', '--by', 'A', '--type', 'trading', '--number', 'CDT-9', '--issuer', 'SAEMAPE', '--from', '2026-01-01', '--until', '2026-12-31')).code).toBe(0);
    const hit = await run(w, 'diligence', 'kyc', 'watchlist', '--org', 'house', '--supplier', 'asmo', '--by', 'A', '--list', 'UN 1533', '--matched', 'Jeanne M.', '--outcome', 'pending', '--checked-by', 'B. Mulamba', '--checked', '2026-01-12');
    expect(hit.code, hit.err).toBe(0);
    const shown = await run(w, 'diligence', 'kyc', 'show', 'asmo', '--org', 'house', '--date', '2026-03-01');
    expect(shown.out).toContain('KYC incomplete');
    expect(shown.out).toContain('Jeanne M. (12.5 %)');
    expect(shown.out).toContain('awaits a person\'s review');
    const recycled = JSON.parse((await run(w, 'diligence', 'kyc', 'show', 'asmo', '--supply', 'recycled', '--date', '2026-03-01', '--json')).out);
    expect(recycled.threshold.basisPoints).toBe(2500);
    expect(recycled.beneficialOwners).toEqual([]);
  });

  it("records a site's mercury indicators per period and shows the Hg:Au trend", async () => {
    const a = await run(w, 'diligence', 'indicators', 'add', '--org', 'house', '--site', 'site-2', '--from', '2026-01-01', '--to', '2026-01-31', '--mercury-used', '130', '--gold', '100', '--practices', 'mercury-open-burning', '--retorts', '1', '--source', 'AGC survey', '--by', 'A');
    expect(a.code, a.err).toBe(0);
    await run(w, 'diligence', 'indicators', 'add', '--org', 'house', '--site', 'site-2', '--from', '2026-02-01', '--to', '2026-02-28', '--mercury-used', '80', '--gold', '100', '--retorts', '3', '--trained', '12', '--source', 'AGC survey', '--by', 'A');
    const shown = await run(w, 'diligence', 'indicators', 'show', 'site-2');
    expect(shown.out).toContain('Hg:Au 1.30 -> 0.80: improving');
    const bad = await run(w, 'diligence', 'indicators', 'add', '--org', 'house', '--site', 'site-2', '--from', '2026-03-01', '--to', '2026-03-31', '--retorts', 'two', '--source', 's', '--by', 'A');
    expect(bad.code).toBe(2);
  });

  it('submits CRAFT self-assessments from an answers file, reviews one, and shows the progress', async () => {
    const file = (name: string, answers: object) => {
      const path = join(tmpdir(), `orpaille-craft-${process.pid}-${name}.json`);
      writeFileSync(path, JSON.stringify(answers));
      return path;
    };
    const first = await run(w, 'diligence', 'craft', 'submit', '--id', 'C1', '--producer', 'asmo', '--buyer', 'house', '--by', 'ASMO president', '--date', '2026-01-15', '--answers', file('c1', [{ criterion: '5.3', answer: 'no', evidence: [{ kind: 'photo', reference: 'burning.jpg' }] }, { criterion: '1.1', answer: 'yes' }]));
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/mercury-open-burning\s+not_met\s+improve/);
    const review = await run(w, 'diligence', 'craft', 'review', 'C1', '--by', 'House auditor', '--date', '2026-02-01', '--answers', file('r1', { answers: [{ criterion: '5.3', answer: 'partly' }] }));
    expect(review.code, review.err).toBe(0);
    expect(review.out).toMatch(/mercury-open-burning\s+in_progress\s+improve\s+5.3=partly\*/);
    await run(w, 'diligence', 'craft', 'submit', '--id', 'C2', '--producer', 'asmo', '--buyer', 'house', '--by', 'ASMO president', '--date', '2026-07-15', '--answers', file('c2', [{ criterion: '5.3', answer: 'yes' }, { criterion: '1.1', answer: 'yes' }]));
    const progress = await run(w, 'diligence', 'craft', 'progress', 'asmo');
    expect(progress.out).toContain('C1 -> C2: improved mercury-open-burning');
    const bad = await run(w, 'diligence', 'craft', 'submit', '--producer', 'asmo', '--buyer', 'house', '--by', 'p', '--answers', file('bad', { nope: 1 }));
    expect(bad.code).toBe(2);
  });
});
