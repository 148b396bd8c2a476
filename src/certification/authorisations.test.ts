import { describe, expect, it } from 'vitest';
import { authorisationProblems, bestStanding, standingOn, statusChangeRefusal, type Authorisation } from './index.js';

const permit = (over: Partial<Authorisation> = {}): Authorisation => ({
  id: 'ptt-1',
  kind: 'permit_to_trade',
  scheme: 'fairmined',
  holder: 'org:house',
  issuer: 'org:arm',
  scope: { activities: ['trading'] },
  issuedOn: '2025-01-01',
  validUntil: '2025-12-31',
  statusChanges: [],
  ...over,
});

describe('authorisation standing on a date', () => {
  it('holds from its issue date to its last valid day inclusive', () => {
    expect(standingOn(permit(), '2025-01-01').valid).toBe(true);
    expect(standingOn(permit(), '2025-12-31T23:00:00+02:00').valid).toBe(true);
  });

  it('is expired the day after its last valid day, and says since when', () => {
    expect(standingOn(permit(), '2026-01-01')).toMatchObject({ valid: false, reason: 'expired', since: '2026-01-01' });
  });

  it('is not yet valid before its issue date', () => {
    expect(standingOn(permit(), '2024-12-31')).toMatchObject({ valid: false, reason: 'not_yet_valid' });
  });

  it('a suspension acts from its date on, not retroactively', () => {
    const p = permit({ statusChanges: [{ status: 'suspended', from: '2025-06-01', reason: 'audit finding' }] });
    expect(standingOn(p, '2025-05-31').valid).toBe(true);
    expect(standingOn(p, '2025-06-01')).toMatchObject({ valid: false, reason: 'suspended', since: '2025-06-01' });
  });

  it('a reinstatement after a suspension makes it valid again from its date', () => {
    const p = permit({ statusChanges: [{ status: 'suspended', from: '2025-03-01' }, { status: 'active', from: '2025-04-01' }] });
    expect(standingOn(p, '2025-03-15').valid).toBe(false);
    expect(standingOn(p, '2025-04-01').valid).toBe(true);
  });

  it('a withdrawal ends it for good from its date', () => {
    const p = permit({ statusChanges: [{ status: 'withdrawn', from: '2025-02-10' }] });
    expect(standingOn(p, '2025-11-01')).toMatchObject({ valid: false, reason: 'withdrawn', since: '2025-02-10' });
  });
});

describe('best standing of a holder', () => {
  it('prefers a valid authorisation over an expired one of the same kind and scheme', () => {
    const old = permit({ id: 'old', issuedOn: '2023-01-01', validUntil: '2023-12-31' });
    const renewed = permit({ id: 'new' });
    expect(bestStanding([old, renewed], 'org:house', 'permit_to_trade', 'fairmined', '2025-05-05')).toMatchObject({ valid: true, authorisation: { id: 'new' } });
  });

  it('names the most recent invalid one when none is valid, and nothing when the holder never had one', () => {
    const old = permit({ id: 'old', issuedOn: '2023-01-01', validUntil: '2023-12-31' });
    const lapsed = permit({ id: 'lapsed', issuedOn: '2024-01-01', validUntil: '2024-12-31' });
    expect(bestStanding([old, lapsed], 'org:house', 'permit_to_trade', 'fairmined', '2025-05-05')).toMatchObject({ valid: false, authorisation: { id: 'lapsed' }, reason: 'expired' });
    expect(bestStanding([old], 'org:other', 'permit_to_trade', 'fairmined', '2025-05-05')).toBeUndefined();
  });

  it('ignores authorisations whose scope does not cover what is asked', () => {
    const cert = permit({ kind: 'producer_certificate', scope: { sites: ['site:a'] } });
    const covers = (s: { sites?: string[] }) => s.sites?.includes('site:b') ?? false;
    expect(bestStanding([cert], 'org:house', 'producer_certificate', 'fairmined', '2025-05-05', covers)).toBeUndefined();
  });
});

describe('status changes', () => {
  it('refuses a change that would take effect before today: a suspension never reaches back', () => {
    expect(statusChangeRefusal(permit(), { status: 'suspended', from: '2025-05-01' }, '2025-06-01')).toMatch(/never retroactively/);
    expect(statusChangeRefusal(permit(), { status: 'suspended', from: '2025-06-01' }, '2025-06-01')).toBeUndefined();
  });

  it('refuses a change before the issue date, before the last change, after a withdrawal, or to the same status', () => {
    expect(statusChangeRefusal(permit(), { status: 'suspended', from: '2024-12-31' })).toMatch(/issued on/);
    const suspended = permit({ statusChanges: [{ status: 'suspended', from: '2025-06-01' }] });
    expect(statusChangeRefusal(suspended, { status: 'active', from: '2025-05-01' })).toMatch(/cannot take effect before it/);
    expect(statusChangeRefusal(suspended, { status: 'suspended', from: '2025-07-01' })).toMatch(/already suspended/);
    expect(statusChangeRefusal(permit(), { status: 'active', from: '2025-07-01' })).toMatch(/already active/);
    const withdrawn = permit({ statusChanges: [{ status: 'withdrawn', from: '2025-06-01' }] });
    expect(statusChangeRefusal(withdrawn, { status: 'active', from: '2025-07-01' })).toMatch(/final/);
  });

  it('refuses a date that does not exist', () => {
    expect(statusChangeRefusal(permit(), { status: 'suspended', from: '2025-02-30' })).toMatch(/not an ISO 8601 date/);
  });
});

describe('authorisation data', () => {
  it('names every problem of a malformed authorisation', () => {
    const bad = permit({ kind: 'diploma' as 'licence', scheme: 'gold-star' as 'lbma', validUntil: '2024-01-01', scope: { assessmentCycleYears: 5 } });
    expect(authorisationProblems(bad)).toEqual([
      expect.stringMatching(/unknown kind diploma/),
      expect.stringMatching(/unknown scheme gold-star/),
      expect.stringMatching(/validUntil 2024-01-01 is before issuedOn/),
      expect.stringMatching(/assessmentCycleYears must be 1, 2 or 3/),
    ]);
    expect(authorisationProblems(permit())).toEqual([]);
  });
});
