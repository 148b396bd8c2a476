import { describe, expect, it } from 'vitest';
import { abilities, craftAnswers, craftModules, diligencePath, diligenceRoute, incidentLots, inForce, isLotUri, isOverdue, movesFrom, newestFirst, planBody, sortPlans, type Incident, type SupplierDecision } from './model';

const LOT = 'https://id.gs1.org/01/06160101000041/10/ITU-260514-003546';

describe('workspace routes', () => {
  it('reads the tab and the record of a path, the incidents by default', () => {
    expect(diligenceRoute('/diligence')).toEqual({ tab: 'incidents' });
    expect(diligenceRoute('/diligence/plans')).toEqual({ tab: 'plans' });
    expect(diligenceRoute('/diligence/incidents/inc_5v3S-dq')).toEqual({ tab: 'incidents', id: 'inc_5v3S-dq' });
    expect(diligenceRoute('/diligence/nonsense/x')).toEqual({ tab: 'incidents' });
  });

  it('round-trips an id that needs encoding', () => {
    const id = 'PLAN/TH 2026?';
    expect(diligenceRoute(diligencePath('plans', id))).toEqual({ tab: 'plans', id });
  });
});

describe('incidents', () => {
  const incident = (numbers: Incident['evidence']['numbers'], subject = 'MTH-T003227', summary = ''): Pick<Incident, 'subject' | 'summary' | 'evidence'> => ({
    subject,
    summary,
    evidence: { seqs: [1], numbers, threshold: {}, eventTime: '2026-05-14T06:11:49Z', ruleVersion: { rule: 'r', key: 'k', effectiveFrom: '2000-01-01', source: 's', confidence: 'firm' } },
  });

  it('finds the lots an incident names in its figures and summary, each once', () => {
    const other = 'https://id.gs1.org/01/06160101000041/10/ITU-260507-000001';
    expect(incidentLots(incident({ lots: LOT, uses: 2 }, 'MTH-T003227', `tag put on lot ${LOT} on 2026-05-14`))).toEqual([LOT]);
    expect(incidentLots(incident({ first: other, lots: LOT }))).toEqual([other, LOT]);
    expect(incidentLots(incident({ lots: 4, site: 'https://id.gs1.org/414/6160101010033' }))).toEqual([]);
  });

  it('tells a lot URI from a party or site URI', () => {
    expect(isLotUri(LOT)).toBe(true);
    expect(isLotUri('https://id.gs1.org/414/6160101010033')).toBe(false);
    expect(isLotUri(`${LOT} and more`)).toBe(false);
  });

  it('offers only the moves the server allows: a closed incident is reopened, never marked mitigated', () => {
    expect(movesFrom('open')).toEqual(['under_review', 'mitigated', 'closed']);
    expect(movesFrom('closed')).toEqual(['open']);
  });
});

describe('risk management plans', () => {
  const plan = (id: string, deadline: string, status: 'in_progress' | 'targets_met' | 'decision_due') => ({ id, deadline, review: { status } }) as Parameters<typeof isOverdue>[0] & { id: string; deadline: string };

  it('puts overdue plans first, then the nearest deadline', () => {
    const plans = [plan('B', '2027-01-01', 'in_progress'), plan('A', '2026-12-01', 'targets_met'), plan('C', '2026-09-20', 'decision_due')];
    expect(sortPlans(plans).map((p) => p.id)).toEqual(['C', 'A', 'B']);
    expect(plans.filter(isOverdue).map((p) => p.id)).toEqual(['C']);
  });

  it('sends numbers typed with a decimal comma as numbers and leaves what is not a number for the server to refuse', () => {
    const body = planBody({ supplier: ' asmo-ituri ', adoptedOn: '', createdBy: '', measures: [{ description: 'd', indicator: 'i', baseline: '2,5', target: 'ten', direction: 'at_least' }] });
    expect(body).toEqual({ supplier: 'asmo-ituri', measures: [{ description: 'd', indicator: 'i', baseline: 2.5, target: 'ten', direction: 'at_least' }] });
  });
});

describe('supplier decisions', () => {
  const d = (id: string, supplier: string, decidedAt: string): SupplierDecision => ({ id, organisation: 'o', supplier, decision: 'continue', decidedBy: 'p', decidedAt, reason: 'r' });

  it('lists the newest first and keeps the latest decision per supplier as the one in force', () => {
    const all = [d('1', 'a', '2026-03-20T16:00:00+02:00'), d('2', 'b', '2026-04-01T00:00:00Z'), d('3', 'a', '2026-05-01T00:00:00Z')];
    expect(newestFirst(all).map((x) => x.id)).toEqual(['3', '2', '1']);
    expect([...inForce(all)].map(([s, x]) => `${s}:${x.id}`).sort()).toEqual(['a:3', 'b:2']);
  });
});

describe('CRAFT forms', () => {
  it('groups the criteria by module in order', () => {
    const q = { criteria: [{ id: '1.1', module: 1, topic: 'm', text: '' }, { id: '1.2', module: 1, topic: 'm', text: '' }, { id: '5.3', module: 5, topic: 'x', text: '' }] };
    expect(craftModules(q).map((m) => [m.module, m.criteria.map((c) => c.id)])).toEqual([
      [1, ['1.1', '1.2']],
      [5, ['5.3']],
    ]);
  });

  it('sends the answered criteria only, with their evidence as a document', () => {
    expect(craftAnswers({ '1.1': { answer: 'yes', evidence: ' a.pdf ', comment: '' }, '1.2': { answer: '', evidence: 'ignored.pdf', comment: '' }, '5.3': { answer: 'no', evidence: '', comment: 'seen burning' } })).toEqual([
      { criterion: '1.1', answer: 'yes', evidence: [{ kind: 'document', reference: 'a.pdf' }] },
      { criterion: '5.3', answer: 'no', comment: 'seen burning' },
    ]);
  });
});

describe('abilities', () => {
  const org = { id: 'th', uri: 'u' };
  it('lets admins decide, admins and operators work, others read', () => {
    expect(abilities({ role: 'admin', org })).toEqual({ work: true, decide: true });
    expect(abilities({ role: 'operator', org })).toEqual({ work: true, decide: false });
    expect(abilities({ role: 'viewer', org })).toEqual({ work: false, decide: false });
    expect(abilities({ role: 'auditor', org })).toEqual({ work: false, decide: false });
    expect(abilities({ role: 'admin', org: null })).toEqual({ work: false, decide: false });
  });
});
