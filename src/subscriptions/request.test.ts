import { describe, expect, it } from 'vitest';
import { parseSubscriptionRequest } from './request.js';

const dest = 'https://client.example.com/queryCallback';
const token = '13df38d8275b13f05704629e5f1cf3d45d6132d5';

describe('subscription requests', () => {
  it('accepts a stream subscription to a named query and a scheduled one with reportIfEmpty', () => {
    expect(parseSubscriptionRequest({ dest, signatureToken: token, stream: true }, 'MyQuery')).toEqual({ dest, signatureToken: token, stream: true, reportIfEmpty: false });
    expect(parseSubscriptionRequest({ dest, reportIfEmpty: true, schedule: { hour: '1', minute: '5' } }, 'MyQuery')).toEqual({
      dest,
      stream: false,
      schedule: { hour: '1', minute: '5' },
      reportIfEmpty: true,
    });
  });

  it('takes the parameters of a SimpleEventQuery subscription from "query" and an initialRecordTime', () => {
    const r = parseSubscriptionRequest({ dest, stream: true, query: { EQ_bizStep: ['shipping'] }, initialRecordTime: '2026-03-01T00:00:00+01:00' }, 'SimpleEventQuery');
    expect(r.query).toEqual({ EQ_bizStep: ['shipping'] });
    expect(r.initialRecordTime).toBe(Date.parse('2026-02-28T23:00:00Z'));
  });

  it('rejects bad input with ORP_BAD_INPUT naming the field', () => {
    const cases: [unknown, string, string?][] = [
      [{ stream: true }, 'dest'],
      [{ dest: 'not a url', stream: true }, 'dest'],
      [{ dest: 'ftp://example.com/x', stream: true }, 'dest'],
      [{ dest: 'https://user:pw@example.com/x', stream: true }, 'dest'],
      [{ dest, stream: true, signatureToken: 'short' }, 'signatureToken'],
      [{ dest, stream: true, signatureToken: 42 }, 'signatureToken'],
      [{ dest }, 'stream'],
      [{ dest, stream: false }, 'stream'],
      [{ dest, stream: 'yes' }, 'stream'],
      [{ dest, stream: true, schedule: { hour: '1' } }, 'schedule'],
      [{ dest, schedule: { hour: '25' } }, 'schedule.hour'],
      [{ dest, stream: true, reportIfEmpty: true }, 'reportIfEmpty'],
      [{ dest, stream: true, initialRecordTime: 'yesterday' }, 'initialRecordTime'],
      [{ dest, stream: true, initialRecordTime: '2026-03-01T00:00:00' }, 'initialRecordTime'],
      [{ dest, stream: true, colour: 'red' }, 'colour'],
      [{ dest, stream: true, query: {} }, 'query'],
      [{ dest, stream: true }, 'query', 'SimpleEventQuery'],
      [{ dest, stream: true, query: [] }, 'query', 'SimpleEventQuery'],
      [[], 'body'],
    ];
    for (const [body, field, name] of cases) {
      expect(() => parseSubscriptionRequest(body, name ?? 'MyQuery'), JSON.stringify(body)).toThrow(
        expect.objectContaining({ code: 'ORP_BAD_INPUT', details: expect.objectContaining({ field }) }),
      );
    }
  });
});
