import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type ApiClient, type ApiResponse, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { getJabatan, listJabatan } from './index.js';

type Errors = { field: string; rule: string; message: string }[];
const violations = (res: ApiResponse) => (res.body.errors as Errors).map(({ field, rule }) => ({ field, rule }));

describe('organisasi: jabatan (positions) read, corrected and archived', () => {
  let t: TestServer;
  let opdA: Record<string, any>;
  let opdB: Record<string, any>;
  let unitA: Record<string, any>;
  let unitB: Record<string, any>;
  let operatorA: ApiClient;

  const scalar = async (query: ReturnType<typeof sql<{ n: string }>>) => (await query.execute(t.kernel.db)).rows[0]!.n;
  /** Everything a write could touch; a refused request must leave it exactly as it was. */
  const footprint = async () => ({
    jabatan: await scalar(sql`SELECT coalesce(string_agg(id || ':' || version || ':' || nama || ':' || jenis || ':' || coalesce(eselon, '-') || ':' || coalesce(archive_reason, '-'), ',' ORDER BY id), '') AS n FROM organisasi.jabatan`),
    history: await scalar(sql`SELECT count(*)::text AS n FROM organisasi.history`),
    audit: await scalar(sql`SELECT count(*)::text AS n FROM core.audit_log`),
    outbox: await scalar(sql`SELECT count(*)::text AS n FROM core.outbox`),
  });
  const eventsOfRequest = (requestId: string) => t.kernel.db.selectFrom('core.outbox').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
  const auditOfRequest = (requestId: string) => t.kernel.db.selectFrom('core.audit_log').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
  const ifMatch = (etag: string) => ({ headers: { 'if-match': etag } });

  const addJabatan = async (unit: Record<string, any>, body: Record<string, unknown>) => {
    const res = await t.admin.post(`/api/v1/unit/${unit.id}/jabatan`, body);
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
    opdA = (await t.admin.post('/api/v1/opd', { kode: '2.16.0.00.0.00.01.0000', nama: 'Dinas Komunikasi dan Informatika', jenis: 'dinas' })).body;
    opdB = (await t.admin.post('/api/v1/opd', { kode: '1.02.0.00.0.00.01.0000', nama: 'Dinas Kesehatan', jenis: 'dinas' })).body;
    unitA = (await t.admin.post(`/api/v1/opd/${opdA.kode}/unit`, { nama: 'Bidang Aplikasi Informatika', jenis: 'bidang', berlakuMulai: '2024-01-01' })).body;
    unitB = (await t.admin.post(`/api/v1/opd/${opdB.kode}/unit`, { nama: 'Bidang Pelayanan Kesehatan', jenis: 'bidang', berlakuMulai: '2024-01-01' })).body;
    operatorA = await signInAs('operator-kominfo', [{ role: 'opd_operator', scopeCode: opdA.kode }]);
  });
  after(() => t.close());

  it('GET one with its ETag; GET a unit’s list in org-chart order, archived ones only on request', async () => {
    const unit = (await t.admin.post(`/api/v1/opd/${opdA.kode}/unit`, { nama: 'Bidang Daftar', jenis: 'bidang', berlakuMulai: '2024-01-01' })).body;
    const staff = await addJabatan(unit, { nama: 'Pengelola Data', jenis: 'pelaksana' });
    const head = await addJabatan(unit, { nama: 'Kepala Bidang Daftar', jenis: 'struktural', eselon: 'III.b' });
    const old = await addJabatan(unit, { nama: 'Analis Lama', jenis: 'fungsional' });
    assert.equal((await t.admin.post(`/api/v1/jabatan/${old.id}/archive`, { reason: 'Tidak dipakai lagi' }, ifMatch('"v1"'))).status, 200);

    const one = await t.admin.get(`/api/v1/jabatan/${head.id}`);
    assert.equal(one.status, 200);
    assert.equal(one.headers.get('etag'), '"v1"');
    assert.deepEqual(one.body, { ...head, archiveReason: null });
    const list = await t.admin.get(`/api/v1/unit/${unit.id}/jabatan`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((j: any) => j.nama), ['Kepala Bidang Daftar', 'Pengelola Data']);
    const all = await t.admin.get(`/api/v1/unit/${unit.id}/jabatan?includeArchived=true`);
    assert.deepEqual(all.body.items.map((j: any) => [j.nama, j.archiveReason]), [['Kepala Bidang Daftar', null], ['Pengelola Data', null], ['Analis Lama', 'Tidak dipakai lagi']]);
    // Anyone signed in reads, as for units.
    const warga = await signInAs('warga-jabatan', [{ role: 'warga' }]);
    assert.equal((await warga.get(`/api/v1/jabatan/${staff.id}`)).status, 200);
    // Registry functions for other modules read the same.
    assert.equal((await getJabatan(t.kernel.db, head.id)).eselon, 'III.b');
    assert.equal((await listJabatan(t.kernel.db, unit.id, true)).length, 3);

    for (const [path, status, code] of [
      ['/api/v1/jabatan/0190c6f4-7c4e-7000-8000-000000000000', 404, 'jabatan.not_found'],
      ['/api/v1/jabatan/bukan-uuid', 400, 'request.invalid'],
      ['/api/v1/jabatan/0190c6f4-7c4e-7000-8000-000000000000/history', 404, 'jabatan.not_found'],
      ['/api/v1/unit/0190c6f4-7c4e-7000-8000-000000000000/jabatan', 404, 'unit.not_found'],
      [`/api/v1/unit/${unit.id}/jabatan?includeArchived=kadang`, 400, 'request.invalid'],
    ] as const) {
      const res = await t.admin.get(path);
      assert.equal(res.status, status, path);
      assert.equal(res.body.code, code, path);
    }
  });

  it('PATCH needs If-Match (428), refuses a stale one (412); then changes with history, audit and one jabatan.updated event', async () => {
    const jabatan = await addJabatan(unitA, { nama: 'Kepala Seksi Aplikasi', jenis: 'struktural', eselon: 'IV.a' });
    const before = await footprint();
    const missing = await t.admin.patch(`/api/v1/jabatan/${jabatan.id}`, { nama: 'Kepala Seksi Layanan Aplikasi' });
    assert.equal(missing.status, 428);
    assert.equal(missing.body.code, 'precondition.required');
    const stale = await t.admin.patch(`/api/v1/jabatan/${jabatan.id}`, { nama: 'Kepala Seksi Layanan Aplikasi' }, ifMatch('"v9"'));
    assert.equal(stale.status, 412);
    assert.equal(stale.body.code, 'precondition.failed');
    assert.deepEqual(await footprint(), before);

    const res = await t.admin.patch(`/api/v1/jabatan/${jabatan.id}`, { nama: ' Kepala Seksi Layanan Aplikasi ', eselon: 'III.b' }, ifMatch('"v1"'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.headers.get('etag'), '"v2"');
    assert.deepEqual([res.body.nama, res.body.jenis, res.body.eselon, res.body.version], ['Kepala Seksi Layanan Aplikasi', 'struktural', 'III.b', 2]);
    const requestId = res.headers.get('x-request-id')!;
    const events = await eventsOfRequest(requestId);
    assert.deepEqual(events.map((e) => e.type), ['jabatan.updated']);
    assert.deepEqual(events[0]!.payload, {
      id: jabatan.id, unitId: unitA.id, opdId: opdA.id, opdKode: opdA.kode, version: 2, changed: ['nama', 'eselon'], values: { nama: 'Kepala Seksi Layanan Aplikasi', eselon: 'III.b' },
    });
    const audit = await auditOfRequest(requestId);
    assert.deepEqual(audit.map((a) => [a.action, a.entity_id]), [['jabatan.updated', jabatan.id]]);
    assert.equal((audit[0]!.before as any).nama, 'Kepala Seksi Aplikasi');

    // The old ETag is now stale.
    assert.equal((await t.admin.patch(`/api/v1/jabatan/${jabatan.id}`, { nama: 'Lagi' }, ifMatch('"v1"'))).status, 412);
    // Leaving the structural kind drops the eselon.
    const functional = await t.admin.patch(`/api/v1/jabatan/${jabatan.id}`, { jenis: 'fungsional' }, ifMatch('"v2"'));
    assert.equal(functional.status, 200, JSON.stringify(functional.body));
    assert.deepEqual([functional.body.jenis, functional.body.eselon], ['fungsional', null]);
    // Nothing changed: same version, nothing written.
    const same = await footprint();
    const noop = await t.admin.patch(`/api/v1/jabatan/${jabatan.id}`, { nama: 'Kepala Seksi Layanan Aplikasi' }, ifMatch('"v3"'));
    assert.equal(noop.status, 200);
    assert.equal(noop.headers.get('etag'), '"v3"');
    assert.deepEqual(await footprint(), same);

    const history = (await t.admin.get(`/api/v1/jabatan/${jabatan.id}/history`)).body.items;
    assert.deepEqual(history.map((h: any) => [h.version, h.action, h.changed]), [
      [3, 'updated', ['jenis', 'eselon']],
      [2, 'updated', ['nama', 'eselon']],
      [1, 'created', []],
    ]);
    assert.equal(history[1].snapshot.eselon, 'III.b');
    assert.equal(history[0].actorName, 'admin');
  });

  it('bad input → 400 with the field and rule named in Indonesian, nothing written', async () => {
    const jabatan = await addJabatan(unitA, { nama: 'Pranata Komputer Ahli Muda', jenis: 'fungsional' });
    const before = await footprint();
    const cases: [Record<string, unknown>, { field: string; rule: string }[]][] = [
      [{ nama: '' }, [{ field: 'nama', rule: 'minLength' }]],
      [{ nama: '   ' }, [{ field: 'nama', rule: 'minLength' }]],
      [{ jenis: 'honorer' }, [{ field: 'jenis', rule: 'enum' }]],
      [{ eselon: 'VI.a' }, [{ field: 'eselon', rule: 'enum' }]],
      [{ eselon: 'IV.a' }, [{ field: 'eselon', rule: 'jabatan.eselon_struktural' }]],
      [{ jenis: 'struktural' }, [{ field: 'eselon', rule: 'jabatan.eselon_struktural' }]],
      [{ unitId: unitB.id }, [{ field: 'unitId', rule: 'additionalProperties' }]],
    ];
    for (const [body, expected] of cases) {
      const res = await t.admin.patch(`/api/v1/jabatan/${jabatan.id}`, body, ifMatch('"v1"'));
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.deepEqual(violations(res), expected, JSON.stringify(body));
    }
    const eselon = await t.admin.patch(`/api/v1/jabatan/${jabatan.id}`, { eselon: 'IV.a' }, ifMatch('"v1"'));
    assert.equal(eselon.body.errors[0].message, 'Eselon wajib untuk jabatan struktural dan tidak diisi untuk jabatan lain.');
    const shortReason = await t.admin.post(`/api/v1/jabatan/${jabatan.id}/archive`, { reason: 'x' }, ifMatch('"v1"'));
    assert.equal(shortReason.status, 400);
    assert.deepEqual(violations(shortReason), [{ field: 'reason', rule: 'minLength' }]);
    assert.equal((await t.admin.post(`/api/v1/jabatan/${jabatan.id}/archive`, {}, ifMatch('"v1"'))).status, 400);
    assert.equal((await t.admin.patch('/api/v1/jabatan/bukan-uuid', { nama: 'X' }, ifMatch('"v1"'))).status, 400);
    const unknown = await t.admin.patch('/api/v1/jabatan/0190c6f4-7c4e-7000-8000-000000000000', { nama: 'X' }, ifMatch('"v1"'));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'jabatan.not_found');
    assert.equal((await t.admin.patch(`/api/v1/jabatan/${jabatan.id}`, { nama: 'X' }, ifMatch('versi-1'))).status, 412);
    assert.deepEqual(await footprint(), before);
  });

  it('archive with a reason: gone from the unit and the chart, history and jabatan.archived event; then frozen (409)', async () => {
    const jabatan = await addJabatan(unitA, { nama: 'Kepala Seksi Persandian', jenis: 'struktural', eselon: 'IV.a' });
    assert.equal((await t.admin.post(`/api/v1/jabatan/${jabatan.id}/archive`, { reason: 'Dihapus' })).status, 428);
    assert.equal((await t.admin.post(`/api/v1/jabatan/${jabatan.id}/archive`, { reason: 'Dihapus' }, ifMatch('"v2"'))).status, 412);

    const res = await t.admin.post(`/api/v1/jabatan/${jabatan.id}/archive`, { reason: '  Dilebur ke Seksi Keamanan Informasi ' }, ifMatch('"v1"'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.headers.get('etag'), '"v2"');
    assert.equal(res.body.archiveReason, 'Dilebur ke Seksi Keamanan Informasi');
    assert.ok(res.body.archivedAt);
    const events = await eventsOfRequest(res.headers.get('x-request-id')!);
    assert.deepEqual(events.map((e) => [e.type, e.payload]), [
      ['jabatan.archived', { id: jabatan.id, unitId: unitA.id, opdId: opdA.id, opdKode: opdA.kode, version: 2, reason: 'Dilebur ke Seksi Keamanan Informasi' }],
    ]);
    assert.deepEqual((await auditOfRequest(res.headers.get('x-request-id')!)).map((a) => a.action), ['jabatan.archived']);
    const unit = (await t.admin.get(`/api/v1/unit/${unitA.id}`)).body;
    assert.ok(!unit.jabatan.some((j: any) => j.id === jabatan.id));
    const chart = (await t.admin.get(`/api/v1/opd/${opdA.kode}/struktur?tanggal=2024-06-01`)).body;
    assert.ok(!chart.units.flatMap((u: any) => u.jabatan).some((j: any) => j.id === jabatan.id));
    // Still stored and readable: master data is never deleted.
    assert.equal((await t.admin.get(`/api/v1/jabatan/${jabatan.id}`)).body.archiveReason, 'Dilebur ke Seksi Keamanan Informasi');
    const history = (await t.admin.get(`/api/v1/jabatan/${jabatan.id}/history`)).body.items;
    assert.deepEqual(history.map((h: any) => [h.version, h.action, h.changed]), [[2, 'archived', ['archivedAt', 'archiveReason']], [1, 'created', []]]);

    const before = await footprint();
    for (const res of [
      await t.admin.patch(`/api/v1/jabatan/${jabatan.id}`, { nama: 'Lagi' }, ifMatch('"v2"')),
      await t.admin.post(`/api/v1/jabatan/${jabatan.id}/archive`, { reason: 'Sekali lagi' }, ifMatch('"v2"')),
    ]) {
      assert.equal(res.status, 409);
      assert.equal(res.body.code, 'record.archived');
    }
    assert.deepEqual(await footprint(), before);
  });

  it('an operator of OPD A changing OPD B’s jabatan → 403 and nothing written; A’s own → success with the operator in the history', async () => {
    const foreign = await addJabatan(unitB, { nama: 'Kepala Bidang Pelayanan Kesehatan', jenis: 'struktural', eselon: 'III.b' });
    const own = await addJabatan(unitA, { nama: 'Pengelola Layanan Operasional', jenis: 'pelaksana' });
    const warga = await signInAs('warga-ubah', [{ role: 'warga' }]);
    const before = await footprint();
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/jabatan/${foreign.id}`, { nama: 'Diambil Alih' }],
      ['POST', `/api/v1/jabatan/${foreign.id}/archive`, { reason: 'Bukan milik' }],
    ] as const) {
      const res = await operatorA.request(method, path, { body, headers: { 'if-match': '"v1"' } });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.body.code, 'auth.forbidden');
    }
    assert.equal((await warga.patch(`/api/v1/jabatan/${own.id}`, { nama: 'X' }, ifMatch('"v1"'))).status, 403);
    assert.deepEqual(await footprint(), before);

    const res = await operatorA.patch(`/api/v1/jabatan/${own.id}`, { nama: 'Pengelola Layanan Operasional TIK' }, ifMatch('"v1"'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const archived = await operatorA.post(`/api/v1/jabatan/${own.id}/archive`, { reason: 'Formasi dihapus' }, ifMatch('"v2"'));
    assert.equal(archived.status, 200, JSON.stringify(archived.body));
    const history = (await t.admin.get(`/api/v1/jabatan/${own.id}/history`)).body.items;
    assert.deepEqual(history.map((h: any) => [h.version, h.actorName]), [[3, 'operator-kominfo'], [2, 'operator-kominfo'], [1, 'admin']]);
  });

  it('a jabatan of an archived unit cannot be changed (409)', async () => {
    const unit = (await t.admin.post(`/api/v1/opd/${opdA.kode}/unit`, { nama: 'Bidang Salah Input', jenis: 'bidang', berlakuMulai: '2024-01-01' })).body;
    const jabatan = await addJabatan(unit, { nama: 'Kepala Bidang Salah Input', jenis: 'struktural', eselon: 'III.a' });
    assert.equal((await t.admin.post(`/api/v1/unit/${unit.id}/archive`, { reason: 'Salah input' }, ifMatch('"v1"'))).status, 200);
    const res = await t.admin.patch(`/api/v1/jabatan/${jabatan.id}`, { nama: 'Kepala' }, ifMatch('"v1"'));
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'record.archived');
  });
});
