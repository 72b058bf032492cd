import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type ApiClient, type ApiResponse, startTestServer, type TestServer } from '../../../test/helpers/server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
type Errors = { field: string; rule: string }[];
const violations = (res: ApiResponse) => (res.body.errors as Errors).map(({ field, rule }) => ({ field, rule }));

describe('organisasi: OPD', () => {
  let t: TestServer;
  let adminId: string;

  const count = async (table: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.kernel.db)).rows[0]!.n);
  const footprint = async () => ({
    opd: await count('organisasi.opd'),
    history: await count('organisasi.history'),
    audit: await count('core.audit_log'),
    outbox: await count('core.outbox'),
    versions: (await sql<{ v: string }>`SELECT coalesce(sum(version), 0) AS v FROM organisasi.opd`.execute(t.kernel.db)).rows[0]!.v,
  });
  const outboxOf = (entityId: string, type: string) =>
    t.kernel.db.selectFrom('core.outbox').selectAll().where('entity_id', '=', entityId).where('type', '=', type).orderBy('id').execute();
  const auditOf = (entityId: string, action: string) =>
    t.kernel.db.selectFrom('core.audit_log').selectAll().where('entity_id', '=', entityId).where('action', '=', action).orderBy('seq').execute();

  let serial = 0;
  const newOpd = async (extra: Record<string, unknown> = {}) => {
    serial += 1;
    const res = await t.admin.post('/api/v1/opd', { kode: `9.${serial}.0.00.0.00.01.0000`, nama: `Dinas Uji ${serial}`, jenis: 'dinas', ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as Record<string, any>;
  };
  const signInAs = async (username: string, roles: { role: string; scopeCode?: string }[]): Promise<ApiClient> => {
    const created = await t.admin.post('/api/v1/users', { username, displayName: username, password: 'kata-sandi-panjang', roles });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const client = t.client();
    assert.equal((await client.login(username, 'kata-sandi-panjang')).status, 200);
    return client;
  };

  before(async () => {
    t = await startTestServer();
    adminId = (await t.admin.get('/api/v1/auth/me')).body.user.id;
  });
  after(() => t.close());

  describe('create and get', () => {
    it('201 with ETag and Location; stored; history v1, audit and one opd.created event', async () => {
      const res = await t.admin.post('/api/v1/opd', {
        kode: '2.16.0.00.0.00.01.0000',
        nama: '  Dinas Komunikasi dan Informatika ',
        singkatan: 'Diskominfo',
        jenis: 'dinas',
        alamat: 'Jl. Prof. M. Yamin SH No. 70, Padang',
        latitude: -0.9512345,
        longitude: 100.3541234,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const opd = res.body;
      assert.match(opd.id, UUID);
      assert.equal(res.headers.get('etag'), '"v1"');
      assert.equal(res.headers.get('location'), `/api/v1/opd/${opd.id}`);
      assert.deepEqual(
        { ...opd, id: undefined, createdAt: undefined, updatedAt: undefined },
        {
          id: undefined,
          createdAt: undefined,
          updatedAt: undefined,
          kode: '2.16.0.00.0.00.01.0000',
          nama: 'Dinas Komunikasi dan Informatika',
          singkatan: 'Diskominfo',
          jenis: 'dinas',
          kodeWilayah: null,
          alamat: 'Jl. Prof. M. Yamin SH No. 70, Padang',
          latitude: -0.951235,
          longitude: 100.354123,
          version: 1,
          archivedAt: null,
          archiveReason: null,
        },
      );
      const row = await sql<Record<string, unknown>>`SELECT kode, nama, version, latitude::text AS lat FROM organisasi.opd WHERE id = ${opd.id}`.execute(t.kernel.db);
      assert.deepEqual(row.rows[0], { kode: '2.16.0.00.0.00.01.0000', nama: 'Dinas Komunikasi dan Informatika', version: 1, lat: '-0.951235' });

      const history = await t.admin.get(`/api/v1/opd/${opd.id}/history`);
      assert.equal(history.status, 200);
      assert.equal(history.body.items.length, 1);
      const [first] = history.body.items;
      assert.equal(first.version, 1);
      assert.equal(first.action, 'created');
      assert.equal(first.actorId, adminId);
      assert.equal(first.actorName, 'admin');
      assert.equal(first.requestId, res.headers.get('x-request-id'));
      assert.deepEqual(first.snapshot, opd);

      const audit = await auditOf(opd.id, 'opd.created');
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor_id, adminId);
      // The kernel masks every `alamat` in the audit trail (personal data rule); history keeps the office address whole.
      assert.deepEqual(audit[0]!.after, { ...opd, alamat: 'Jl. Pr**************************dang' });
      const events = await outboxOf(opd.id, 'opd.created');
      assert.equal(events.length, 1);
      assert.deepEqual(events[0]!.payload, { id: opd.id, kode: opd.kode, nama: opd.nama, jenis: 'dinas', version: 1 });
      assert.equal(events[0]!.request_id, res.headers.get('x-request-id'));
    });

    it('GET by id and by kode (in any case) return the same record with its ETag; unknown → 404 opd.not_found', async () => {
      const opd = await newOpd({ kode: 'DISKES-01', nama: 'Dinas Kesehatan Uji' });
      for (const ref of [opd.id, opd.id.toUpperCase(), 'DISKES-01', 'diskes-01']) {
        const res = await t.client().get(`/api/v1/opd/${ref}`);
        assert.equal(res.status, 401);
        const got = await t.admin.get(`/api/v1/opd/${ref}`);
        assert.equal(got.status, 200, ref);
        assert.deepEqual(got.body, opd);
        assert.equal(got.headers.get('etag'), '"v1"');
      }
      for (const ref of ['0190c6f4-7c4e-7000-8000-000000000000', 'tidak-ada']) {
        const res = await t.admin.get(`/api/v1/opd/${ref}`);
        assert.equal(res.status, 404);
        assert.equal(res.body.code, 'opd.not_found');
      }
      assert.equal((await t.admin.get('/api/v1/opd/bad%20ref')).status, 400);
    });

    it('a kode taken in any case (archived OPDs too) → 409 opd.kode_taken, nothing written', async () => {
      const opd = await newOpd({ kode: 'KODE-SAMA' });
      const before = await footprint();
      for (const kode of ['KODE-SAMA', 'kode-sama']) {
        const res = await t.admin.post('/api/v1/opd', { kode, nama: 'Lagi', jenis: 'badan' });
        assert.equal(res.status, 409, kode);
        assert.equal(res.body.code, 'opd.kode_taken');
      }
      assert.deepEqual(await footprint(), before);
      const etag = (await t.admin.get(`/api/v1/opd/${opd.id}`)).headers.get('etag')!;
      assert.equal((await t.admin.post(`/api/v1/opd/${opd.id}/archive`, { reason: 'Digabung' }, { headers: { 'if-match': etag } })).status, 200);
      assert.equal((await t.admin.post('/api/v1/opd', { kode: 'kode-sama', nama: 'Lagi', jenis: 'badan' })).body.code, 'opd.kode_taken');
    });

    it('bad input → 400 with the broken fields, nothing written', async () => {
      const before = await footprint();
      const cases: [Record<string, unknown>, Errors][] = [
        [{ latitude: 7, longitude: 100 }, [{ field: 'latitude', rule: 'maximum' }]],
        [{ latitude: -12, longitude: 100 }, [{ field: 'latitude', rule: 'minimum' }]],
        [{ latitude: -0.9, longitude: 94.9 }, [{ field: 'longitude', rule: 'minimum' }]],
        [{ latitude: -0.9, longitude: 141.5 }, [{ field: 'longitude', rule: 'maximum' }]],
        [{ latitude: -0.9 }, [{ field: 'longitude', rule: 'required' }]],
        [{ longitude: 100.3, latitude: null }, [{ field: 'latitude', rule: 'required' }]],
        [{ latitude: '-0.9', longitude: 100 }, [{ field: 'latitude', rule: 'type' }]],
        [{ jenis: 'kementerian' }, [{ field: 'jenis', rule: 'enum' }]],
        [{ kode: 'a b' }, [{ field: 'kode', rule: 'pattern' }]],
        [{ kode: '0190c6f4-7c4e-7000-8000-000000000000' }, [{ field: 'kode', rule: 'pattern' }]],
        [{ nama: '   ' }, [{ field: 'nama', rule: 'minLength' }]],
        [{ kodeWilayah: '13.71.01' }, [{ field: 'kodeWilayah', rule: 'opd.kode_wilayah_jenis' }]],
        [{ jenis: 'kecamatan', kodeWilayah: '13.71.01.1001' }, [{ field: 'kodeWilayah', rule: 'kode_wilayah.level' }]],
        [{ jenis: 'kecamatan', kodeWilayah: '13.72.01' }, [{ field: 'kodeWilayah', rule: 'opd.kode_wilayah_pemda' }]],
        [{ jenis: 'kelurahan', kodeWilayah: 'abc' }, [{ field: 'kodeWilayah', rule: 'kode_wilayah.format' }]],
        [{ warna: 'biru' }, [{ field: 'warna', rule: 'additionalProperties' }]],
      ];
      for (const [change, expected] of cases) {
        const res = await t.admin.post('/api/v1/opd', { kode: 'X-1', nama: 'Uji', jenis: 'dinas', ...change });
        assert.equal(res.status, 400, JSON.stringify(change));
        assert.equal(res.body.code, 'request.invalid');
        assert.deepEqual(violations(res), expected, JSON.stringify(change));
      }
      assert.deepEqual(await footprint(), before);
      const kecamatan = await newOpd({ jenis: 'kecamatan', kodeWilayah: '137101', nama: 'Kecamatan Padang Selatan' });
      assert.equal(kecamatan.kodeWilayah, '13.71.01');
    });
  });

  describe('list', () => {
    const codes: string[] = [];
    before(async () => {
      for (const [kode, nama, jenis, kodeWilayah] of [
        ['L.03', 'Badan Lima', 'badan', null],
        ['L.01', 'Dinas Alpha', 'dinas', null],
        ['L.05', 'Kecamatan Koto Tangah', 'kecamatan', '13.71.09'],
        ['L.02', 'Dinas Beta', 'dinas', null],
        ['L.04', 'Kelurahan Air Tawar Barat', 'kelurahan', '13.71.09.1001'],
        ['L.06', 'Dinas Alpha', 'dinas', null],
      ] as const) {
        await t.admin.post('/api/v1/opd', { kode, nama, jenis, kodeWilayah });
        codes.push(kode);
      }
      const archived = await t.admin.post('/api/v1/opd', { kode: 'L.07', nama: 'Dinas Lama', jenis: 'dinas' });
      await t.admin.post(`/api/v1/opd/L.07/archive`, { reason: 'Dilebur' }, { headers: { 'if-match': archived.headers.get('etag')! } });
    });
    const list = async (query: string) => {
      const res = await t.admin.get(`/api/v1/opd?${query}`);
      assert.equal(res.status, 200, `${query}: ${JSON.stringify(res.body)}`);
      return res.body as { items: Record<string, any>[]; nextCursor: string | null; total?: number };
    };
    const kodes = (page: { items: Record<string, any>[] }) => page.items.map((o) => o.kode);

    it('filters per field; archived only on request', async () => {
      assert.deepEqual(kodes(await list('q=alpha&sort=kode')), ['L.01', 'L.06']);
      assert.deepEqual(kodes(await list('q=L.0&jenis=dinas')), ['L.01', 'L.02', 'L.06']);
      assert.deepEqual(kodes(await list('kode=l.03')), ['L.03']);
      assert.deepEqual(kodes(await list('kodeWilayah=13.71.09')), ['L.04', 'L.05']);
      assert.deepEqual(kodes(await list('kodeWilayah=13.71.09.1001')), ['L.04']);
      assert.deepEqual(kodes(await list('q=Dinas%20Lama')), []);
      const withArchived = await list('q=Dinas%20Lama&includeArchived=true');
      assert.deepEqual(kodes(withArchived), ['L.07']);
      assert.equal(withArchived.items[0]!.archiveReason, 'Dilebur');
      assert.deepEqual(kodes(await list('q=100%25')), []);
    });

    it('sorts by kode or nama either way, ties broken by id', async () => {
      assert.deepEqual(kodes(await list('q=L.0')), ['L.01', 'L.02', 'L.03', 'L.04', 'L.05', 'L.06']);
      assert.deepEqual(kodes(await list('q=L.0&sort=-kode')), ['L.06', 'L.05', 'L.04', 'L.03', 'L.02', 'L.01']);
      // Two "Dinas Alpha": the older (smaller uuidv7) first, and last when descending.
      assert.deepEqual(kodes(await list('q=L.0&sort=nama')), ['L.03', 'L.01', 'L.06', 'L.02', 'L.05', 'L.04']);
      assert.deepEqual(kodes(await list('q=L.0&sort=-nama')), ['L.04', 'L.05', 'L.02', 'L.06', 'L.01', 'L.03']);
    });

    it('cursor pages walk every row once, in order, with the total when asked', async () => {
      for (const sort of ['kode', '-kode', 'nama', '-nama']) {
        const all = kodes(await list(`q=L.0&sort=${sort}&limit=200`));
        const seen: string[] = [];
        let page = await list(`q=L.0&sort=${sort}&limit=4&total=true`);
        assert.equal(page.total, 6);
        seen.push(...kodes(page));
        while (page.nextCursor) {
          page = await list(`q=L.0&sort=${sort}&limit=4&cursor=${page.nextCursor}`);
          assert.equal(page.total, undefined);
          seen.push(...kodes(page));
        }
        assert.deepEqual(seen, all, sort);
      }
      const last = await list('q=L.0&limit=6');
      assert.equal(last.nextCursor, null);
    });

    it('fields= returns the id and only the fields asked for', async () => {
      const page = await list('q=L.0&fields=kode,nama&limit=2');
      assert.deepEqual(Object.keys(page.items[0]!).sort(), ['id', 'kode', 'nama']);
      assert.match(page.items[0]!.id, UUID);
    });

    it('a bad sort, field, cursor or limit → 400, never a 500', async () => {
      const cursorOfOtherSort = (await list('q=L.0&sort=nama&limit=1')).nextCursor!;
      const forged = Buffer.from(JSON.stringify({ sort: 'kode', value: 'L.01', id: 'bukan-uuid' })).toString('base64url');
      const forgedValue = Buffer.from(JSON.stringify({ sort: 'kode', value: 5, id: '0190c6f4-7c4e-7000-8000-000000000000' })).toString('base64url');
      for (const [query, code] of [
        ['sort=alamat', 'request.invalid'],
        ['fields=kode,password', 'request.invalid'],
        ['limit=0', 'request.invalid'],
        ['limit=201', 'request.invalid'],
        ['cursor=xyz', 'request.invalid_cursor'],
        [`cursor=${cursorOfOtherSort}&sort=kode`, 'request.invalid_cursor'],
        [`cursor=${forged}`, 'request.invalid_cursor'],
        [`cursor=${forgedValue}`, 'request.invalid_cursor'],
        ['jenis=kementerian', 'request.invalid'],
        ['tidak=ada', 'request.invalid'],
      ]) {
        const res = await t.admin.get(`/api/v1/opd?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal(res.body.code, code, query);
      }
    });
  });

  describe('update with ETag / If-Match', () => {
    it('428 without If-Match, 412 when stale, 200 with a fresh one and a new ETag; nothing written on refusal', async () => {
      const opd = await newOpd({ alamat: 'Jl. Lama' });
      const before = await footprint();
      const missing = await t.admin.patch(`/api/v1/opd/${opd.id}`, { alamat: 'Jl. Baru' });
      assert.equal(missing.status, 428);
      assert.equal(missing.body.code, 'precondition.required');
      for (const stale of ['"v2"', '"v0"', 'v1', 'W/"v9"']) {
        const res = await t.admin.patch(`/api/v1/opd/${opd.id}`, { alamat: 'Jl. Baru' }, { headers: { 'if-match': stale } });
        assert.equal(res.status, 412, stale);
        assert.equal(res.body.code, 'precondition.failed');
      }
      assert.deepEqual(await footprint(), before);

      const ok = await t.admin.patch(`/api/v1/opd/${opd.kode}`, { alamat: 'Jl. Baru', nama: 'Dinas Diganti' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.headers.get('etag'), '"v2"');
      assert.equal(ok.body.version, 2);
      assert.equal(ok.body.alamat, 'Jl. Baru');
      // The old ETag is now stale.
      assert.equal((await t.admin.patch(`/api/v1/opd/${opd.id}`, { alamat: 'Jl. Lain' }, { headers: { 'if-match': '"v1"' } })).status, 412);

      const events = await outboxOf(opd.id, 'opd.updated');
      assert.equal(events.length, 1);
      assert.deepEqual(events[0]!.payload, { id: opd.id, kode: opd.kode, version: 2, changed: ['nama', 'alamat'], values: { nama: 'Dinas Diganti', alamat: 'Jl. Baru' } });
      const audit = await auditOf(opd.id, 'opd.updated');
      assert.equal(audit.length, 1);
      assert.equal((audit[0]!.before as any).nama, opd.nama);
      assert.equal((audit[0]!.after as any).nama, 'Dinas Diganti');

      // A patch that changes nothing makes no version, no event.
      const same = await t.admin.patch(`/api/v1/opd/${opd.id}`, { alamat: 'Jl. Baru' }, { headers: { 'if-match': '"v2"' } });
      assert.equal(same.status, 200);
      assert.equal(same.headers.get('etag'), '"v2"');
      assert.equal((await outboxOf(opd.id, 'opd.updated')).length, 1);
    });

    it('location rules hold on the merged record: clearing one coordinate alone → 400; both → 200', async () => {
      const opd = await newOpd({ latitude: -0.95, longitude: 100.35 });
      const half = await t.admin.patch(`/api/v1/opd/${opd.id}`, { latitude: null }, { headers: { 'if-match': '"v1"' } });
      assert.equal(half.status, 400);
      assert.deepEqual(violations(half), [{ field: 'latitude', rule: 'required' }]);
      const far = await t.admin.patch(`/api/v1/opd/${opd.id}`, { longitude: 200 }, { headers: { 'if-match': '"v1"' } });
      assert.equal(far.status, 400);
      const both = await t.admin.patch(`/api/v1/opd/${opd.id}`, { latitude: null, longitude: null }, { headers: { 'if-match': '"v1"' } });
      assert.equal(both.status, 200);
      assert.equal(both.body.latitude, null);
    });

    it('a new kode already taken → 409 and the record is unchanged', async () => {
      const a = await newOpd();
      const b = await newOpd();
      const res = await t.admin.patch(`/api/v1/opd/${b.id}`, { kode: a.kode.toLowerCase() }, { headers: { 'if-match': '"v1"' } });
      assert.equal(res.status, 409);
      assert.equal(res.body.code, 'opd.kode_taken');
      assert.deepEqual((await t.admin.get(`/api/v1/opd/${b.id}`)).body, b);
    });
  });

  describe('archive', () => {
    it('needs a reason and If-Match; archived: flagged, evented, hidden from lists, and frozen', async () => {
      const opd = await newOpd();
      const noReason = await t.admin.post(`/api/v1/opd/${opd.id}/archive`, {}, { headers: { 'if-match': '"v1"' } });
      assert.equal(noReason.status, 400);
      assert.deepEqual(violations(noReason), [{ field: 'reason', rule: 'required' }]);
      const blank = await t.admin.post(`/api/v1/opd/${opd.id}/archive`, { reason: '     ' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(blank.status, 400);
      assert.equal((await t.admin.post(`/api/v1/opd/${opd.id}/archive`, { reason: 'Dilebur' })).status, 428);

      const res = await t.admin.post(`/api/v1/opd/${opd.id}/archive`, { reason: ' Dilebur ke Dinas Lain ' }, { headers: { 'if-match': '"v1"' } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('etag'), '"v2"');
      assert.equal(res.body.archiveReason, 'Dilebur ke Dinas Lain');
      assert.ok(!Number.isNaN(Date.parse(res.body.archivedAt)));
      const events = await outboxOf(opd.id, 'opd.archived');
      assert.deepEqual(events.map((e) => e.payload), [{ id: opd.id, kode: opd.kode, version: 2, reason: 'Dilebur ke Dinas Lain' }]);
      assert.equal((await auditOf(opd.id, 'opd.archived')).length, 1);

      // Still readable by id or kode: master data is never deleted.
      assert.equal((await t.admin.get(`/api/v1/opd/${opd.kode}`)).body.archiveReason, 'Dilebur ke Dinas Lain');
      assert.deepEqual(kodesOf((await t.admin.get(`/api/v1/opd?kode=${opd.kode}`)).body), []);

      const before = await footprint();
      const patch = await t.admin.patch(`/api/v1/opd/${opd.id}`, { nama: 'Bangkit Lagi' }, { headers: { 'if-match': '"v2"' } });
      assert.equal(patch.status, 409);
      assert.equal(patch.body.code, 'record.archived');
      const again = await t.admin.post(`/api/v1/opd/${opd.id}/archive`, { reason: 'Lagi' }, { headers: { 'if-match': '"v2"' } });
      assert.equal(again.status, 409);
      const unit = await t.admin.post(`/api/v1/opd/${opd.id}/unit`, { nama: 'Bidang Baru', jenis: 'bidang' });
      assert.equal(unit.status, 409);
      assert.equal(unit.body.code, 'record.archived');
      assert.deepEqual(await footprint(), before);
    });
  });

  it('history lists every version, newest first, with who and when and what changed', async () => {
    const opd = await newOpd();
    const operator = await signInAs('operator-riwayat', [{ role: 'opd_operator', scopeCode: opd.kode }]);
    assert.equal((await t.admin.patch(`/api/v1/opd/${opd.id}`, { nama: 'Nama Dua' }, { headers: { 'if-match': '"v1"' } })).status, 200);
    assert.equal((await operator.patch(`/api/v1/opd/${opd.id}`, { alamat: 'Jl. Tiga' }, { headers: { 'if-match': '"v2"' } })).status, 200);
    assert.equal((await t.admin.post(`/api/v1/opd/${opd.id}/archive`, { reason: 'Selesai' }, { headers: { 'if-match': '"v3"' } })).status, 200);
    const res = await t.admin.get(`/api/v1/opd/${opd.kode}/history`);
    assert.equal(res.status, 200);
    const items = res.body.items as any[];
    assert.deepEqual(
      items.map((h) => [h.version, h.action, h.changed, h.actorName, h.snapshot.version]),
      [
        [4, 'archived', ['archivedAt', 'archiveReason'], 'admin', 4],
        [3, 'updated', ['alamat'], 'operator-riwayat', 3],
        [2, 'updated', ['nama'], 'admin', 2],
        [1, 'created', [], 'admin', 1],
      ],
    );
    assert.equal(items[2].snapshot.nama, 'Nama Dua');
    assert.equal(items[3].snapshot.nama, opd.nama);
    for (const h of items) assert.ok(Date.parse(h.at) <= Date.now() && h.actorType === 'user');
    assert.equal((await t.admin.get('/api/v1/opd/tidak-ada/history')).status, 404);
  });

  describe('permissions', () => {
    it('an OPD operator edits its own OPD (not its kode or jenis) and nothing of another; only the city creates or archives', async () => {
      const mine = await newOpd();
      const other = await newOpd();
      const operator = await signInAs('operator-opd', [{ role: 'opd_operator', scopeCode: mine.kode.toLowerCase() }]);
      const warga = await signInAs('warga-opd', [{ role: 'warga' }]);

      const before = await footprint();
      const refusals: [ApiClient, string, string, unknown, Record<string, string>][] = [
        [operator, 'PATCH', `/api/v1/opd/${other.id}`, { alamat: 'Jl. Bukan Milik' }, { 'if-match': '"v1"' }],
        [operator, 'PATCH', `/api/v1/opd/${mine.id}`, { kode: 'KODE-BARU' }, { 'if-match': '"v1"' }],
        [operator, 'PATCH', `/api/v1/opd/${mine.id}`, { jenis: 'badan' }, { 'if-match': '"v1"' }],
        [operator, 'POST', '/api/v1/opd', { kode: 'OP-1', nama: 'Buatan Operator', jenis: 'dinas' }, {}],
        [operator, 'POST', `/api/v1/opd/${mine.id}/archive`, { reason: 'Coba' }, { 'if-match': '"v1"' }],
        [warga, 'PATCH', `/api/v1/opd/${mine.id}`, { alamat: 'Jl. Warga' }, { 'if-match': '"v1"' }],
        [warga, 'POST', '/api/v1/opd', { kode: 'W-1', nama: 'Buatan Warga', jenis: 'dinas' }, {}],
      ];
      for (const [client, method, path, body, headers] of refusals) {
        const res = await client.request(method, path, { body, headers });
        assert.equal(res.status, 403, `${method} ${path} ${JSON.stringify(body)}`);
        assert.equal(res.body.code, 'auth.forbidden');
        assert.match(res.body.detail, /"organisasi\.manage"/);
      }
      assert.deepEqual(await footprint(), before);

      // Reading is open to anyone signed in.
      assert.equal((await warga.get(`/api/v1/opd/${other.id}`)).status, 200);
      assert.equal((await warga.get('/api/v1/opd')).status, 200);

      const own = await operator.patch(`/api/v1/opd/${mine.id}`, { alamat: 'Jl. Milik Sendiri', latitude: -0.9, longitude: 100.4 }, { headers: { 'if-match': '"v1"' } });
      assert.equal(own.status, 200, JSON.stringify(own.body));
      assert.equal(own.body.alamat, 'Jl. Milik Sendiri');
    });
  });

  it('every route is in the OpenAPI document', async () => {
    const doc = (await t.client().get('/api/v1/openapi.json')).body;
    for (const path of [
      '/api/v1/opd',
      '/api/v1/opd/{ref}',
      '/api/v1/opd/{ref}/archive',
      '/api/v1/opd/{ref}/history',
      '/api/v1/opd/{ref}/struktur',
      '/api/v1/opd/{ref}/unit',
      '/api/v1/opd/{ref}/reorganisasi',
      '/api/v1/unit/{id}',
      '/api/v1/unit/{id}/close',
      '/api/v1/unit/{id}/archive',
      '/api/v1/unit/{id}/jabatan',
      '/api/v1/unit/{id}/history',
      '/api/v1/jabatan/{id}',
      '/api/v1/jabatan/{id}/archive',
      '/api/v1/jabatan/{id}/history',
    ]) {
      assert.ok(doc.paths[path], `missing ${path}`);
    }
    assert.ok(doc.paths['/api/v1/opd/{ref}'].patch.parameters.some((p: any) => p.in === 'header' && p.name === 'if-match'));
    assert.ok(doc.paths['/api/v1/jabatan/{id}'].patch.parameters.some((p: any) => p.in === 'header' && p.name === 'if-match'));
    assert.ok(doc.paths['/api/v1/unit/{id}/jabatan'].get, 'a unit’s positions are listed');
    assert.ok(doc.paths['/api/v1/unit/{id}'].patch.requestBody.content['application/json'].schema.properties.latitude, 'a unit’s office location is editable');
  });
});

function kodesOf(page: { items: { kode: string }[] }): string[] {
  return page.items.map((o) => o.kode);
}
