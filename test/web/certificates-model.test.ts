import { describe, expect, it } from 'vitest';
import { AUTHORISATION_STATUSES, CLAIMS, ICGLR_STATUSES, SCHEMES } from '../../src/certification/index.js';
import * as web from '../../web/src/certificates/model.js';

/*
 * The web app imports no run-time code from the server, so the certificates page keeps its own lists of claims,
 * schemes and statuses (web/src/certificates/model.ts). This test fails as soon as the server's lists change.
 */
describe('the certificates page knows what the server knows', () => {
  it('has the same claims, schemes, ICGLR statuses and authorisation statuses', () => {
    expect([...web.CLAIM_NAMES]).toEqual([...CLAIMS]);
    expect([...web.SCHEMES]).toEqual([...SCHEMES]);
    expect([...web.ICGLR_STATUSES]).toEqual([...ICGLR_STATUSES]);
    expect(web.STANDINGS.slice(0, AUTHORISATION_STATUSES.length)).toEqual([...AUTHORISATION_STATUSES]);
  });
});
