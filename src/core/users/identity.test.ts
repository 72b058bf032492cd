import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type ApiClient, type TestServer } from '../../../test/helpers/server.js';

/**
 * Accounts linked to the people they belong to: an admin links a NIK and/or NIP; the `warga`
 * role then reads its own resident record and who saw it, the `pegawai` role its own employee
 * record — and nobody else's.
 */
describe('accounts linked to a resident or an employee', () => {
  let t: TestServer;
  const NIK = '1371011203900001';
  const OTHER_NIK = '1371011203900002';
  const NIP = '196608011988031001';
  let wargaId: string;
  let pegawaiId: string;
  let warga: ApiClient;
  let pegawai: ApiClient;
  let petugas: ApiClient;

  const account = async (username: string, roles: unknown[]) => {
    const created = await t.admin.post('/api/v1/users', { username, displayName: username, password: `kata-sandi-${username}`, roles });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const client = t.client();
    assert.equal((await client.login(username, `kata-sandi-${username}`)).status, 200);
    return { id: created.body.id as string, client };
  };

  before(async () => {
    t = await startTestServer();
    const ok = (res: { status: number; body: unknown }, status = 201) => assert.equal(res.status, status, JSON.stringify(res.body));
    ok(await t.admin.post('/api/v1/keluarga', { noKk: '1371010101250001', kodeKelurahan: '13.71.01.1001', alamat: 'Jl. Tautan No. 1', rt: '001', rw: '002' }));
    const resident = (nik: string, nama: string) => ({
      nik, noKk: '1371010101250001', nama, jenisKelamin: 'L', tempatLahir: 'Padang', tanggalLahir: '1990-03-12',
      agama: 1, pendidikan: 5, pekerjaan: 15, statusKawin: 2, shdk: 4,
    });
    ok(await t.admin.post('/api/v1/penduduk', resident(NIK, 'Rahmat Hidayat')));
    ok(await t.admin.post('/api/v1/penduduk', resident(OTHER_NIK, 'Andi Saputra')));
    ok(await t.admin.post('/api/v1/opd', { kode: '1.01.0.00.0.00.01.0000', nama: 'Dinas Pendidikan', jenis: 'dinas' }));
    const unit = await t.admin.post('/api/v1/opd/1.01.0.00.0.00.01.0000/unit', { nama: 'Bidang Pembinaan SD', jenis: 'bidang', berlakuMulai: '2000-01-01' });
    ok(unit);
    ok(await t.admin.post('/api/v1/pegawai', {
      nip: NIP, nama: 'Budi Saputra', jenisKelamin: 'L', tanggalLahir: '1966-08-01', jenis: 'pns', golongan: 'III/a',
      opdRef: '1.01.0.00.0.00.01.0000', unitId: unit.body.id, namaJabatan: 'Pengadministrasi Umum', tmtJabatan: '2020-01-01',
    }));
    ({ id: wargaId, client: warga } = await account('warga-rahmat', [{ role: 'warga' }]));
    ({ id: pegawaiId, client: pegawai } = await account('pegawai-budi', [{ role: 'pegawai' }]));
    ({ client: petugas } = await account('petugas-1001', [{ role: 'petugas_kelurahan', scopeCode: '13.71.01.1001' }]));
  });
  after(() => t.close());

  it('before linking, the self paths answer 404 *.self_unlinked', async () => {
    const res = await warga.get('/api/v1/saya/penduduk');
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'penduduk.self_unlinked');
    assert.equal((await pegawai.get('/api/v1/saya/pegawai')).body.code, 'pegawai.self_unlinked');
  });

  it('links only numbers of the right shape that exist in the registry (422 per field), nothing stored on refusal', async () => {
    const bad = await t.admin.put(`/api/v1/users/${wargaId}/identitas`, { nik: '1371011203909999', nip: '12345' });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.code, 'user.identity_invalid');
    assert.deepEqual(bad.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`), ['nik:identity.nik_unknown', 'nip:identity.nip_format']);
    assert.equal((await t.admin.get(`/api/v1/users/${wargaId}`)).body.nik, null);
    const wrongType = await t.admin.put(`/api/v1/users/${wargaId}/identitas`, { nik: 1371011203900001 });
    assert.equal(wrongType.status, 400);
    const notMine = await warga.put(`/api/v1/users/${wargaId}/identitas`, { nik: NIK });
    assert.equal(notMine.status, 403);
  });

  it('links a NIK (shown masked, audited masked) and the live session sees it at once', async () => {
    const linked = await t.admin.put(`/api/v1/users/${wargaId}/identitas`, { nik: '1371-0112-0390-0001' });
    assert.equal(linked.status, 200, JSON.stringify(linked.body));
    assert.equal(linked.body.nik, '137101******0001');
    assert.ok(!linked.text.includes(NIK));
    const audit = await t.kernel.db.selectFrom('core.audit_log').select(['action', 'after']).where('action', '=', 'user.identity_linked').execute();
    assert.equal(audit.length, 1);
    assert.ok(!JSON.stringify(audit[0]!.after).includes(NIK));

    const me = await warga.get('/api/v1/saya/penduduk');
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.nik, NIK);
    assert.equal(me.body.nama, 'Rahmat Hidayat');
  });

  it('the same NIK cannot be linked to a second account (409)', async () => {
    const other = await account('warga-kedua', [{ role: 'warga' }]);
    const taken = await t.admin.put(`/api/v1/users/${other.id}/identitas`, { nik: NIK });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.code, 'user.identity_taken');
  });

  it('who saw my data: a full view by an officer appears in the resident\'s own log, with the reason', async () => {
    assert.deepEqual((await warga.get('/api/v1/saya/akses-log')).body.items, []);
    const seen = await petugas.post(`/api/v1/penduduk/${NIK}/lengkap`, { alasan: 'Verifikasi permohonan surat domisili' });
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    const log = await warga.get('/api/v1/saya/akses-log');
    assert.equal(log.status, 200);
    assert.deepEqual(log.body.items.map((e: { action: string; actorName: string; reason: string }) => [e.action, e.actorName, e.reason]), [
      ['view_full', 'petugas-1001', 'Verifikasi permohonan surat domisili'],
    ]);
    // Another resident's log is not reachable through the self path, and staff paths stay closed.
    assert.equal((await warga.get(`/api/v1/penduduk/${OTHER_NIK}/akses-log`)).status, 403);
    assert.equal((await warga.get(`/api/v1/penduduk/${OTHER_NIK}`)).status, 403);
  });

  it('links a NIP: the employee reads their own record and positions; unlinking closes it again', async () => {
    assert.equal((await t.admin.put(`/api/v1/users/${pegawaiId}/identitas`, { nip: NIP })).status, 200);
    const me = await pegawai.get('/api/v1/saya/pegawai');
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.pegawai.nip, NIP);
    assert.deepEqual(me.body.riwayatJabatan.map((r: { namaJabatan: string }) => r.namaJabatan), ['Pengadministrasi Umum']);
    assert.equal((await pegawai.get(`/api/v1/pegawai/${NIP}`)).status, 403);
    assert.equal((await t.admin.put(`/api/v1/users/${pegawaiId}/identitas`, { nip: null })).status, 200);
    assert.equal((await pegawai.get('/api/v1/saya/pegawai')).body.code, 'pegawai.self_unlinked');
  });
});
