import { describe, it, expect } from 'vitest';
import {
  canonicalDigitalLink,
  canonicalIdentifier,
  digitalLinkToEpcUri,
  encodeDigitalLinkValue,
  epcUriToDigitalLink,
  parseDigitalLink,
} from './digital-link.js';

// Expected Digital Links below were worked out by hand from GS1 TDS 2.0 / Digital Link 1.2
// (check digits computed independently), or are taken from the CBV hash vectors' pre-hashes.

describe('epcUriToDigitalLink', () => {
  it.each([
    // from the CBV hash vectors
    ['urn:epc:id:sgtin:0614141.107346.2017', 'https://id.gs1.org/01/10614141073464/21/2017'],
    ['urn:epc:id:sscc:4012345.0000000333', 'https://id.gs1.org/00/040123450000003338'],
    ['urn:epc:id:sgln:4012345.00011.987', 'https://id.gs1.org/414/4012345000115/254/987'],
    ['urn:epc:id:sgln:4012345.00005.0', 'https://id.gs1.org/414/4012345000054'],
    ['urn:epc:id:pgln:4012345.00000', 'https://id.gs1.org/417/4012345000009'],
    ['urn:epc:id:giai:4000001.111', 'https://id.gs1.org/8004/4000001111'],
    ['urn:epc:id:gdti:4012345.55555.1234', 'https://id.gs1.org/253/40123455555541234'],
    ['urn:epc:class:lgtin:4012345.022222.87545GHGH', 'https://id.gs1.org/01/04012345222227/10/87545GHGH'],
    ['urn:epc:idpat:sgtin:4012345.044444.*', 'https://id.gs1.org/01/04012345444445'],
    // TDS examples
    ['urn:epc:id:sgtin:0614141.812345.6789', 'https://id.gs1.org/01/80614141123458/21/6789'],
    ['urn:epc:id:sscc:0614141.1234567890', 'https://id.gs1.org/00/106141412345678908'],
    ['urn:epc:id:sgln:0614141.12345.400', 'https://id.gs1.org/414/0614141123452/254/400'],
    ['urn:epc:id:grai:0614141.12345.400', 'https://id.gs1.org/8003/00614141123452400'],
    ['urn:epc:id:grai:4012345.00077.8765', 'https://id.gs1.org/8003/040123450007718765'],
    ['urn:epc:id:giai:0614141.12345400', 'https://id.gs1.org/8004/061414112345400'],
    ['urn:epc:id:gsrn:0614141.1234567890', 'https://id.gs1.org/8018/061414112345678902'],
    ['urn:epc:id:gsrnp:4012345.0000000001', 'https://id.gs1.org/8017/401234500000000012'],
    ['urn:epc:id:gdti:0614141.12345.400', 'https://id.gs1.org/253/0614141123452400'],
    ['urn:epc:id:sgcn:4012345.67890.04711', 'https://id.gs1.org/255/401234567890104711'],
    ['urn:epc:id:cpi:0614141.123ABC.123456789', 'https://id.gs1.org/8010/0614141123ABC/8011/123456789'],
    ['urn:epc:id:ginc:0614141.xyz47%2F11', 'https://id.gs1.org/401/0614141xyz47%2F11'],
    ['urn:epc:id:gsin:0614141.123456789', 'https://id.gs1.org/402/06141411234567890'],
    ['urn:epc:id:itip:4012345.012345.01.02.987', 'https://id.gs1.org/8006/040123451234560102/21/987'],
    ['urn:epc:id:upui:1234567.089456.51qIgY)%3C%26Jp3*j7\'SDB', "https://id.gs1.org/01/01234567894560/235/51qIgY%29%3C%26Jp3%2Aj7'SDB"],
    ['urn:epc:id:pgln:1234567.89012', 'https://id.gs1.org/417/1234567890128'],
    ['urn:epc:idpat:grai:0614141.12345.*', 'https://id.gs1.org/8003/00614141123452'],
    ['urn:epc:idpat:itip:4012345.012345.01.02.*', 'https://id.gs1.org/8006/040123451234560102'],
  ])('converts %s', (epc, dl) => {
    expect(epcUriToDigitalLink(epc)).toBe(dl);
  });

  it('percent-encodes serial characters the Digital Link path may not carry literally', () => {
    // EPC escapes (%2F) stay escapes; literal ! ( ) * + , : become %21 %28 %29 %2A %2B %2C %3A.
    expect(epcUriToDigitalLink('urn:epc:id:sgtin:0614141.107346.a%2Fb!c:d')).toBe(
      'https://id.gs1.org/01/10614141073464/21/a%2Fb%21c%3Ad',
    );
  });

  it.each([
    'urn:epc:id:sgtin:0614141.10734.2017', // company prefix + item reference is not 13 digits
    'urn:epc:id:sgtin:0614141.107346.', // no serial
    'urn:epc:id:sgtin:0614141.107346.abcdefghijklmnopqrstu', // serial longer than 20
    'urn:epc:id:sscc:4012345.000000033', // 16 digits
    'urn:epc:id:gid:95100000.12345.400', // not a GS1 key
    'urn:epc:idpat:sgln:4012345.00011.*', // pattern without a Digital Link equivalent
    'urn:epc:id:sgtin:0614141.107346.a%2', // broken escape
    'https://id.gs1.org/01/10614141073464', // not an EPC URI
  ])('rejects %s', (epc) => {
    expect(epcUriToDigitalLink(epc)).toBeNull();
  });
});

describe('canonicalDigitalLink', () => {
  it.each([
    ['https://id.gs1.org/01/10614141073464/21/2017', 'https://id.gs1.org/01/10614141073464/21/2017'],
    // custom domain, as in the epcisEventWithCURIEs vector
    ['https://id.gs1.de/01/04012345999990/21/XYZ-1234', 'https://id.gs1.org/01/04012345999990/21/XYZ-1234'],
    ['https://id.example.org/8004/401234599999', 'https://id.gs1.org/8004/401234599999'],
    ['http://example.com/00/040123450000003338', 'https://id.gs1.org/00/040123450000003338'],
    // query string, fragment and trailing slash dropped
    ['https://id.gs1.org/414/4012345000115/254/987/?linkType=all#x', 'https://id.gs1.org/414/4012345000115/254/987'],
    // short names, GTIN-13 padded to GTIN-14
    ['https://brand.example/gtin/4012345999990/lot/L1', 'https://id.gs1.org/01/04012345999990/10/L1'],
    // a serial supersedes the lot; CPV never identifies
    ['https://id.gs1.org/01/04012345999990/22/2A/10/L1/21/S1', 'https://id.gs1.org/01/04012345999990/21/S1'],
    ['https://id.gs1.org/01/04012345999990/22/2A', 'https://id.gs1.org/01/04012345999990'],
    // path prefix before the primary key
    ['https://brand.example/products/01/09506000134352/10/ABC', 'https://id.gs1.org/01/09506000134352/10/ABC'],
    // values are re-encoded canonically
    ['https://id.gs1.org/01/09506000134352/21/a%2fb!', 'https://id.gs1.org/01/09506000134352/21/a%2Fb%21'],
  ])('canonicalises %s', (input, expected) => {
    expect(canonicalDigitalLink(input)).toBe(expected);
  });

  it.each([
    'https://www.ncbi.nlm.nih.gov/taxonomy/1126011',
    'http://transaction.acme.com/po/12345678',
    'https://example.org/8004/about',
    'https://id.gs1.org/01/123', // wrong length
    'https://id.gs1.org/01/04012345999990/21', // dangling AI
    'https://id.gs1.org/01/04012345999990/254/1', // 254 qualifies a GLN, not a GTIN
    'https://id.gs1.org/01/04012345999990/21/S1/10/L1', // qualifiers out of order
    'geo:47.506694,11.104301',
    'urn:epc:id:sgtin:0614141.107346.2017',
  ])('rejects %s', (input) => {
    expect(canonicalDigitalLink(input)).toBeNull();
  });

  it('parses into AI/value elements with decoded values', () => {
    expect(parseDigitalLink('https://x.example/01/09506000134352/21/a%2Fb')).toEqual([
      { ai: '01', value: '09506000134352' },
      { ai: '21', value: 'a/b' },
    ]);
  });

  it('encodes only what a path segment may not carry', () => {
    expect(encodeDigitalLinkValue("AZaz09-._';=!\"%&()*+,/:<>?")).toBe(
      "AZaz09-._';=%21%22%25%26%28%29%2A%2B%2C%2F%3A%3C%3E%3F",
    );
  });
});

describe('canonicalIdentifier', () => {
  it('gives one form for an EPC URN and any Digital Link of the same object', () => {
    const forms = [
      'urn:epc:id:sgtin:0614141.107346.2017',
      'https://id.gs1.org/01/10614141073464/21/2017',
      'https://shop.example.com/gtin/10614141073464/lot/B7/ser/2017?exp=251231',
    ].map(canonicalIdentifier);
    expect(new Set(forms)).toEqual(new Set(['https://id.gs1.org/01/10614141073464/21/2017']));
  });

  it('returns null for values that are no GS1 identifier', () => {
    expect(canonicalIdentifier('urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8')).toBeNull();
    expect(canonicalIdentifier('urn:epcglobal:cbv:bt:4012345000009:ASN1099')).toBeNull();
    expect(canonicalIdentifier('plain text')).toBeNull();
  });
});

describe('digitalLinkToEpcUri', () => {
  // [EPC URI, GS1 Company Prefix length]: EPC → Digital Link → EPC must give the EPC back.
  it.each([
    ['urn:epc:id:sgtin:0614141.107346.2017', 7],
    ['urn:epc:id:sgtin:0614141.812345.a%2Fb', 7],
    ['urn:epc:id:sscc:4012345.0000000333', 7],
    ['urn:epc:id:sgln:4012345.00011.987', 7],
    ['urn:epc:id:sgln:4012345.00005.0', 7],
    ['urn:epc:id:sgln:012345678901..0', 12],
    ['urn:epc:id:pgln:4012345.00000', 7],
    ['urn:epc:id:grai:0614141.12345.400', 7],
    ['urn:epc:id:giai:0614141.12345400', 7],
    ['urn:epc:id:gsrn:0614141.1234567890', 7],
    ['urn:epc:id:gsrnp:4012345.0000000001', 7],
    ['urn:epc:id:gdti:0614141.12345.400', 7],
    ['urn:epc:id:sgcn:4012345.67890.04711', 7],
    ['urn:epc:id:cpi:0614141.123ABC.123456789', 7],
    ['urn:epc:id:ginc:0614141.xyz47%2F11', 7],
    ['urn:epc:id:gsin:0614141.123456789', 7],
    ['urn:epc:id:itip:4012345.012345.01.02.987', 7],
    ['urn:epc:id:upui:1234567.089456.51qIgY)%3C%26Jp3*j7\'SDB', 7],
    ['urn:epc:class:lgtin:4012345.022222.87545GHGH', 7],
    ['urn:epc:idpat:sgtin:4012345.044444.*', 7],
    ['urn:epc:idpat:grai:0614141.12345.*', 7],
  ] as const)('round-trips %s', (epc, gcpLength) => {
    const dl = epcUriToDigitalLink(epc);
    expect(dl).not.toBeNull();
    expect(digitalLinkToEpcUri(dl ?? '', gcpLength)).toBe(epc);
  });

  it('converts a custom-domain Digital Link once the company prefix length is known', () => {
    expect(digitalLinkToEpcUri('https://id.gs1.de/01/04012345999990/21/XYZ-1234', 7)).toBe(
      'urn:epc:id:sgtin:4012345.099999.XYZ-1234',
    );
  });

  it('rejects an impossible company prefix length', () => {
    expect(digitalLinkToEpcUri('https://id.gs1.org/01/10614141073464/21/2017', 5)).toBeNull();
    expect(digitalLinkToEpcUri('https://id.gs1.org/01/10614141073464/21/2017', 13)).toBeNull();
  });
});
