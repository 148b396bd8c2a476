import { describe, expect, it } from 'vitest';
import { checkSupplierDecision, decisionInForce, refusalOf, supplierRefusalError, type SupplierDecision } from './decisions.js';

const d = (decision: SupplierDecision['decision'], decidedAt: string, id = decidedAt): SupplierDecision => ({
  id,
  organisation: 'urn:house',
  supplier: 'urn:asmo',
  decision,
  decidedBy: 'Amani K.',
  decidedAt,
  reason: 'test',
});

describe('supplier decisions', () => {
  const history = [d('mitigate', '2026-01-01T00:00:00Z'), d('suspend', '2026-03-01T00:00:00Z'), d('continue', '2026-06-01T00:00:00Z')];

  it('takes the latest decision made at or before the instant', () => {
    expect(decisionInForce(history, Date.parse('2025-12-31T00:00:00Z'))).toBeUndefined();
    expect(decisionInForce(history, Date.parse('2026-02-01T00:00:00Z'))?.decision).toBe('mitigate');
    expect(decisionInForce(history, Date.parse('2026-03-01T00:00:00Z'))?.decision).toBe('suspend');
    expect(decisionInForce(history, Date.parse('2026-07-01T00:00:00Z'))?.decision).toBe('continue');
  });

  it('refuses new lots under suspend and disengage only', () => {
    expect(refusalOf(d('suspend', '2026-03-01T00:00:00Z'))?.decision).toBe('suspend');
    expect(refusalOf(d('disengage', '2026-03-01T00:00:00Z'))?.decision).toBe('disengage');
    expect(refusalOf(d('mitigate', '2026-03-01T00:00:00Z'))).toBeUndefined();
    expect(refusalOf(d('continue', '2026-03-01T00:00:00Z'))).toBeUndefined();
  });

  it('names the decision, the supplier and the party the lot came through in the refusal', () => {
    const err = supplierRefusalError(refusalOf(d('suspend', '2026-03-01T00:00:00Z'))!, 'urn:site-1', ['urn:lot-A']);
    expect(err.code).toBe('ORP_SUPPLIER_SUSPENDED');
    expect(err.message).toContain('urn:site-1 belongs to it');
    expect(err.details).toMatchObject({ supplier: 'urn:asmo', party: 'urn:site-1', lots: ['urn:lot-A'] });
  });

  it('rejects a decision without a person, a reason or a parseable instant, or about the organisation itself', () => {
    expect(() => checkSupplierDecision({ ...d('suspend', '2026-03-01T00:00:00Z'), decidedBy: '' })).toThrow(/decidedBy/);
    expect(() => checkSupplierDecision({ ...d('suspend', '2026-03-01T00:00:00Z'), reason: ' ' })).toThrow(/reason/);
    expect(() => checkSupplierDecision(d('suspend', 'March'))).toThrow(/ISO 8601/);
    expect(() => checkSupplierDecision({ ...d('suspend', '2026-03-01T00:00:00Z'), supplier: 'urn:house' })).toThrow(/itself/);
  });
});
