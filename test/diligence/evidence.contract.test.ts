import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES } from '../../src/diligence/index.js';
import { buildApp } from '../../src/http/index.js';
import { authHeaders } from '../support/auth.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

const photo = Buffer.from('JPEG bytes of a retort in use at Nizi, 2026-03-04');
const sha = createHash('sha256').update(photo).digest('hex');

for (const store of testStores) {
  describe(`evidence files (${store.name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await makeWorld(store);
    });
    afterEach(async () => {
      await w.cleanup();
    });

    it('names a file by the SHA-256 of its bytes and stores the same bytes once', async () => {
      const add = (name: string, by: string) => w.orp.evidence.add({ org: w.house.uri, name, mediaType: 'image/jpeg', bytes: photo, uploadedAt: '2026-03-04T10:00:00.000Z', uploadedBy: by });
      const first = await add('retort.jpg', 'agent@house');
      expect(first).toMatchObject({ created: true, file: { sha256: sha, size: photo.length, name: 'retort.jpg' } });
      const again = await add('copy.jpg', 'other@house');
      expect(again).toMatchObject({ created: false, file: { sha256: sha, name: 'retort.jpg', uploadedBy: 'agent@house' } });
      expect(await w.orp.evidence.list(w.house.uri)).toHaveLength(1);
      expect((await w.orp.evidence.get(w.house.uri, sha))!.bytes.equals(photo)).toBe(true);
    });

    it('keeps an organisation’s files from every other organisation', async () => {
      await w.orp.evidence.add({ org: w.house.uri, name: 'retort.jpg', mediaType: 'image/jpeg', bytes: photo, uploadedAt: '2026-03-04T10:00:00.000Z', uploadedBy: 'a' });
      expect(await w.orp.evidence.get(w.exporter.uri, sha)).toBeUndefined();
      expect(await w.orp.evidence.list(w.exporter.uri)).toEqual([]);
    });

    it('refuses an empty file, a file name with a path and a file over the limit, storing nothing', async () => {
      const base = { org: w.house.uri, mediaType: 'image/jpeg', uploadedAt: '2026-03-04T10:00:00.000Z', uploadedBy: 'a' };
      await expect(w.orp.evidence.add({ ...base, name: 'empty.jpg', bytes: new Uint8Array() })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
      await expect(w.orp.evidence.add({ ...base, name: '../etc/passwd', bytes: photo })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
      await expect(w.orp.evidence.add({ ...base, name: 'big.jpg', bytes: new Uint8Array(MAX_EVIDENCE_BYTES + 1) })).rejects.toMatchObject({ code: 'ORP_PAYLOAD_TOO_LARGE' });
      expect(await w.orp.evidence.list(w.house.uri)).toEqual([]);
    });

    it('orpaille evidence add prints the reference to cite, and evidence get writes the same bytes back', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'orp-ev-'));
      writeFileSync(join(dir, 'licence.pdf'), photo);
      const add = await run(w, 'evidence', 'add', join(dir, 'licence.pdf'), '--org', w.house.id, '--by', 'officer@house');
      expect(add.code).toBe(0);
      expect(add.out).toContain(`cite it as sha256:${sha}`);
      const get = await run(w, 'evidence', 'get', `sha256:${sha}`, '--org', w.house.id, '--out', join(dir, 'back.pdf'));
      expect(get.code).toBe(0);
      expect(readFileSync(join(dir, 'back.pdf')).equals(photo)).toBe(true);
      const other = await run(w, 'evidence', 'get', `sha256:${sha}`, '--org', w.exporter.id, '--out', join(dir, 'x.pdf'));
      expect(other.code).not.toBe(0);
      expect(other.err).toContain('ORP_NOT_FOUND');
    });

    describe('over HTTP', () => {
      let app: FastifyInstance;
      beforeEach(async () => {
        app = await buildApp(w.orp, { rateLimit: false });
      });
      afterEach(async () => {
        await app.close();
      });

      it('uploads the raw bytes, serves them back to the same organisation only, and refuses a viewer’s upload', async () => {
        const house = await authHeaders(w.orp, w.house.id, 'operator');
        const up = await app.inject({ method: 'POST', url: '/evidence?name=retort.jpg', headers: { ...house, 'content-type': 'image/jpeg' }, payload: photo });
        expect(up.statusCode).toBe(201);
        expect(up.json()).toMatchObject({ reference: `sha256:${sha}`, mediaType: 'image/jpeg', size: photo.length });
        const again = await app.inject({ method: 'POST', url: '/evidence?name=retort.jpg', headers: { ...house, 'content-type': 'image/jpeg' }, payload: photo });
        expect(again.statusCode).toBe(200);
        const down = await app.inject({ method: 'GET', url: `/evidence/${sha}`, headers: house });
        expect(down.statusCode).toBe(200);
        expect(down.headers['content-type']).toBe('image/jpeg');
        expect(down.rawPayload.equals(photo)).toBe(true);
        const exporter = await authHeaders(w.orp, w.exporter.id, 'admin');
        expect((await app.inject({ method: 'GET', url: `/evidence/${sha}`, headers: exporter })).statusCode).toBe(404);
        const viewer = await authHeaders(w.orp, w.house.id, 'viewer');
        expect((await app.inject({ method: 'POST', url: '/evidence?name=x.jpg', headers: { ...viewer, 'content-type': 'image/jpeg' }, payload: photo })).statusCode).toBe(403);
        const json = await app.inject({ method: 'POST', url: '/evidence?name=answers.json', headers: { ...house, 'content-type': 'application/json' }, payload: '{"a":1}' });
        expect(json.statusCode).toBe(201);
        expect(json.json().size).toBe(7);
      });
    });
  });
}
