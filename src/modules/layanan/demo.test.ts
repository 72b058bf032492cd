import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type ApiClient, type TestServer } from '../../../test/helpers/server.js';
import { SeededRandom } from '../../registry/demo/random.js';
import { seedDemo } from '../../registry/demo/seed.js';
import { DEMO_KELURAHAN, DEMO_PASSWORD, DEMO_USERNAMES, demoAccountLines, planDemo, type PlanInput } from './demo.js';
import { STATUSES } from './permohonan.js';

/**
 * The e-kelurahan demo on top of the registry's small demo city: what `npm start` gives a new
 * user. Every status, the demo accounts with their links, letters that verify, and the journey
 * the README walks through still works on it.
 */
describe('layanan demo seed', () => {
  let t: TestServer;
  const db = () => t.kernel.db;
  const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db())).rows[0]!;

  const signIn = async (username: string): Promise<ApiClient> => {
    const client = t.client();
    const res = await client.login(username, DEMO_PASSWORD);
    assert.equal(res.status, 200, `${username}: ${JSON.stringify(res.body)}`);
    return client;
  };

  const fingerprint = () =>
    one(sql<{ f: string }>`SELECT concat_ws(' ',
        (SELECT count(*) FROM layanan.permohonan), (SELECT count(*) FROM layanan.permohonan_riwayat), (SELECT count(*) FROM layanan.lampiran),
        (SELECT count(*) FROM layanan.surat), (SELECT count(*) FROM core.app_user),
        (SELECT count(*) FROM core.audit_log WHERE entity_type IN ('permohonan', 'surat', 'user', 'layanan')),
        (SELECT string_agg(status || ':' || (jenis->>'kode') || ':' || nik, ',' ORDER BY diajukan_at, id) FROM layanan.permohonan)) AS f`);

  before(async () => {
    t = await startTestServer();
    await seedDemo(t.kernel, 'small');
  });
  after(() => t.close());

  it('makes requests in every status across several kelurahan and letter types, dated over the last months, some overdue', async () => {
    const statuses = (await sql<{ status: string; n: number }>`SELECT status, count(*)::int AS n FROM layanan.permohonan GROUP BY status`.execute(db())).rows;
    assert.deepEqual(statuses.map((s) => s.status).sort(), [...STATUSES].sort());
    const spread = await one(sql<{ kelurahan: number; jenis: number; bulan: number; kecamatan: number; k0: number; online: number; loket: number; future: number }>`
      SELECT count(DISTINCT kode_kelurahan)::int AS kelurahan, count(DISTINCT jenis->>'kode')::int AS jenis, count(DISTINCT kode_kecamatan)::int AS kecamatan,
        count(DISTINCT to_char(diajukan_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM'))::int AS bulan,
        count(*) FILTER (WHERE kode_kelurahan = ${DEMO_KELURAHAN})::int AS k0,
        count(*) FILTER (WHERE kanal = 'online')::int AS online, count(*) FILTER (WHERE kanal = 'loket')::int AS loket,
        count(*) FILTER (WHERE diajukan_at > now() OR updated_at > now())::int AS future
      FROM layanan.permohonan`);
    assert.ok(spread.kelurahan >= 5 && spread.kecamatan === 2, JSON.stringify(spread));
    assert.ok(spread.jenis >= 6, JSON.stringify(spread));
    assert.ok(spread.bulan >= 3, JSON.stringify(spread));
    assert.ok(spread.k0 >= 20 && spread.online > 0 && spread.loket > 0, JSON.stringify(spread));
    assert.equal(spread.future, 0);

    // Every request has a timeline that starts with its submission, in time order, and ends in its status.
    const timelines = (await sql<{ status: string; steps: string[]; ordered: boolean; first: string | null; petugas: string | null }>`
      SELECT p.status, array_agg(r.ke ORDER BY r.id) AS steps, bool_and(r.at >= p.created_at) AND
          array_agg(r.at ORDER BY r.id) = array_agg(r.at ORDER BY r.at, r.id) AS ordered,
        (array_agg(r.dari ORDER BY r.id))[1] AS first, p.petugas_nama AS petugas
      FROM layanan.permohonan p JOIN layanan.permohonan_riwayat r ON r.permohonan_id = p.id GROUP BY p.id`.execute(db())).rows;
    for (const row of timelines) {
      assert.equal(row.first, null);
      assert.equal(row.steps[0], 'baru');
      assert.equal(row.steps.at(-1), row.status === 'baru' ? 'baru' : row.status);
      assert.ok(row.ordered, JSON.stringify(row));
    }
    assert.ok(timelines.some((row) => row.steps.includes('perlu_perbaikan') && row.status === 'selesai'), 'a needs-changes loop that ended in a letter');

    // Required files are there (PDF or PNG by content); finished ones were verified.
    const files = await one(sql<{ n: number; types: string[]; missing: number; unverified: number }>`
      SELECT count(*)::int AS n, array_agg(DISTINCT media_type ORDER BY media_type) AS types,
        (SELECT count(*)::int FROM layanan.permohonan p, jsonb_array_elements(p.jenis->'syarat') s
          WHERE (s->>'required')::boolean AND NOT EXISTS (SELECT 1 FROM layanan.lampiran l WHERE l.permohonan_id = p.id AND l.syarat = s->>'name')) AS missing,
        count(*) FILTER (WHERE l.diverifikasi <> 'sah' AND p.status = 'selesai')::int AS unverified
      FROM layanan.lampiran l JOIN layanan.permohonan p ON p.id = l.permohonan_id`);
    assert.ok(files.n > 0);
    assert.deepEqual(files.types, ['application/pdf', 'image/png']);
    assert.equal(files.missing, 0);
    assert.equal(files.unverified, 0);
    const bytes = (await sql<{ isi: Buffer; media_type: string }>`SELECT DISTINCT ON (media_type) isi, media_type FROM layanan.lampiran ORDER BY media_type`.execute(db())).rows;
    for (const file of bytes) assert.equal(file.isi.subarray(0, 4).toString('latin1'), file.media_type === 'image/png' ? '\x89PNG' : '%PDF');

    // Overdue requests across the kecamatan of the demo kelurahan, as the camat's view shows them.
    const camat = await signIn(DEMO_USERNAMES.camat);
    const overdue = await camat.get('/api/v1/layanan/kecamatan/permohonan?terlambat=true&limit=100');
    assert.equal(overdue.status, 200);
    const places = new Set(overdue.body.items.map((p: { kodeKelurahan: string }) => p.kodeKelurahan));
    assert.ok(places.size >= 2 && places.has(DEMO_KELURAHAN), JSON.stringify([...places]));
    assert.ok(overdue.body.items.every((p: { terlambat: boolean; status: string }) => p.terlambat && !['selesai', 'ditolak', 'dibatalkan'].includes(p.status)));

    // The seed's audit entry counts what it made.
    const audit = await one(sql<{ after: { permohonan: number; status: Record<string, number> } }>`SELECT after FROM core.audit_log WHERE action = 'layanan.demo_seeded'`);
    assert.equal(audit.after.permohonan, statuses.reduce((sum, s) => sum + s.n, 0));
    for (const s of statuses) assert.equal(audit.after.status[s.status], s.n, s.status);
  });

  it('issues finished requests’ letters with gapless numbers rising with their dates, a stored hash, and a token that verifies', async () => {
    const letters = (await sql<{ nomor: string; urut: number; tanggal: string; jenis_id: string; kode_kelurahan: string; sha256: string; pdf: Buffer; token: string; selesai: string }>`
      SELECT s.nomor, s.urut, s.tanggal::text AS tanggal, s.jenis_id, s.kode_kelurahan, s.sha256, s.pdf, s.token, (p.selesai_at AT TIME ZONE 'Asia/Jakarta')::date::text AS selesai
      FROM layanan.surat s JOIN layanan.permohonan p ON p.id = s.permohonan_id ORDER BY s.kode_kelurahan, s.jenis_id, s.urut`.execute(db())).rows;
    const selesai = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM layanan.permohonan WHERE status = 'selesai'`);
    assert.equal(letters.length, selesai.n);
    const sequences = new Map<string, typeof letters>();
    for (const letter of letters) {
      assert.equal(createHash('sha256').update(letter.pdf).digest('hex'), letter.sha256);
      assert.equal(letter.pdf.subarray(0, 5).toString(), '%PDF-');
      assert.equal(letter.tanggal, letter.selesai);
      assert.match(letter.nomor, new RegExp(`/${String(letter.urut).padStart(3, '0')}/${letter.kode_kelurahan.replaceAll('.', '\\.')}/[IVX]+/${letter.tanggal.slice(0, 4)}$`));
      const key = `${letter.kode_kelurahan} ${letter.jenis_id} ${letter.tanggal.slice(0, 4)}`;
      sequences.set(key, [...(sequences.get(key) ?? []), letter]);
    }
    for (const sequence of sequences.values()) {
      sequence.forEach((letter, i) => {
        assert.equal(letter.urut, i + 1);
        if (i > 0) assert.ok(letter.tanggal >= sequence[i - 1]!.tanggal);
      });
    }

    // The demo kelurahan's letters carry the NIPs of lurah.demo and sekretaris.demo; no other kelurahan's do.
    const signers = await one(sql<{ own: number; foreign: number; sekretaris: number }>`
      SELECT count(*) FILTER (WHERE s.kode_kelurahan = ${DEMO_KELURAHAN} AND u.id IS NULL)::int AS own,
        count(*) FILTER (WHERE s.kode_kelurahan <> ${DEMO_KELURAHAN} AND u.id IS NOT NULL)::int AS foreign,
        count(*) FILTER (WHERE s.kode_kelurahan = ${DEMO_KELURAHAN} AND u.username = ${DEMO_USERNAMES.sekretaris} AND s.penandatangan->>'jabatan' LIKE 'a.n. Lurah %')::int AS sekretaris
      FROM layanan.surat s LEFT JOIN core.app_user u ON u.nip = s.penandatangan->>'nip'`);
    assert.deepEqual({ own: signers.own, foreign: signers.foreign }, { own: 0, foreign: 0 });
    assert.ok(signers.sekretaris >= 1, 'no letter signed by the sekretaris');

    const publik = t.client();
    const letter = letters.find((l) => l.kode_kelurahan === DEMO_KELURAHAN)!;
    const res = await publik.get(`/api/v1/verifikasi/${letter.token}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'valid');
    assert.equal(res.body.nomor, letter.nomor);
    assert.equal(res.body.tanggal.slice(0, 10), letter.tanggal);
    const cocok = await publik.request('POST', `/api/v1/verifikasi/${letter.token}/berkas`, { raw: letter.pdf, headers: { 'content-type': 'application/pdf' } });
    assert.equal(cocok.status, 200);
    assert.equal(cocok.body.cocok, true);
  });

  it('the demo accounts sign in with the shared password, with their roles, scopes and links', async () => {
    const me = async (client: ApiClient) => (await client.get('/api/v1/auth/me')).body as { roles: { role: string; scopeCode: string | null }[]; permissions: string[] };
    const users = new Map((await sql<{ username: string; nik: string | null; nip: string | null }>`SELECT username, nik, nip FROM core.app_user WHERE username LIKE '%.demo'`.execute(db())).rows.map((u) => [u.username, u]));
    assert.deepEqual([...users.keys()].sort(), Object.values(DEMO_USERNAMES).sort());

    // warga.demo: a living resident of the demo kelurahan.
    const warga = await signIn(DEMO_USERNAMES.warga);
    assert.deepEqual((await me(warga)).roles.map((g) => g.role), ['warga']);
    const self = await warga.get('/api/v1/saya/penduduk');
    assert.equal(self.status, 200);
    assert.equal(self.body.nik, users.get(DEMO_USERNAMES.warga)!.nik);
    assert.equal(self.body.kodeKelurahan, DEMO_KELURAHAN);
    assert.equal(self.body.status, 'hidup');
    const mine = await warga.get('/api/v1/layanan/saya/permohonan?limit=50');
    assert.equal(mine.status, 200);
    const own = mine.body.items as { status: string }[];
    assert.ok(['selesai', 'perlu_perbaikan', 'baru', 'dibatalkan'].every((s) => own.some((p) => p.status === s)), JSON.stringify(own.map((p) => p.status)));

    // lurah.demo and sekretaris.demo: employees of the kelurahan office, by NIP.
    for (const username of [DEMO_USERNAMES.lurah, DEMO_USERNAMES.sekretaris]) {
      const nip = users.get(username)!.nip;
      assert.match(nip ?? '', /^\d{18}$/, username);
      const office = await one(sql<{ kode_wilayah: string }>`SELECT o.kode_wilayah FROM pegawai.pegawai p JOIN organisasi.opd o ON o.id = p.opd_id WHERE p.nip = ${nip}`);
      assert.equal(office.kode_wilayah, DEMO_KELURAHAN, `${username}'s employee works elsewhere`);
    }
    assert.notEqual(users.get(DEMO_USERNAMES.lurah)!.nip, users.get(DEMO_USERNAMES.sekretaris)!.nip);
    const lurah = await signIn(DEMO_USERNAMES.lurah);
    assert.deepEqual((await me(lurah)).roles.map((g) => [g.role, g.scopeCode]), [['lurah', DEMO_KELURAHAN]]);
    const sekretaris = await signIn(DEMO_USERNAMES.sekretaris);
    assert.deepEqual((await me(sekretaris)).roles.map((g) => [g.role, g.scopeCode]), [['sekretaris_kelurahan', DEMO_KELURAHAN]]);
    const petugas = await signIn(DEMO_USERNAMES.petugas);
    assert.deepEqual((await me(petugas)).roles.map((g) => [g.role, g.scopeCode]), [['petugas_kelurahan', DEMO_KELURAHAN]]);
    const queue = await petugas.get('/api/v1/layanan/permohonan?limit=100');
    assert.equal(queue.status, 200);
    assert.ok(queue.body.items.length > 0 && queue.body.items.every((p: { kodeKelurahan: string }) => p.kodeKelurahan === DEMO_KELURAHAN));
    const saya = await petugas.get('/api/v1/layanan/permohonan?saya=true&limit=100');
    assert.ok(saya.body.items.length > 0, 'no request is assigned to petugas.demo');

    // camat.demo: the kecamatan office's OPD.
    const camat = await signIn(DEMO_USERNAMES.camat);
    const grant = (await me(camat)).roles[0]!;
    assert.equal(grant.role, 'camat');
    const kecamatan = await one(sql<{ jenis: string; kode_wilayah: string }>`SELECT jenis, kode_wilayah FROM organisasi.opd WHERE kode = ${grant.scopeCode}`);
    assert.deepEqual(kecamatan, { jenis: 'kecamatan', kode_wilayah: DEMO_KELURAHAN.slice(0, 8) });
    const figures = await camat.get(`/api/v1/layanan/statistik?tahun=${new Date().getFullYear()}`);
    assert.equal(figures.status, 200);

    // Created through the users service: audited, by the demo seeder.
    const created = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM core.audit_log WHERE action = 'user.created' AND actor_name = 'demo'`);
    assert.equal(created.n, 5);
    assert.deepEqual(await demoAccountLines(t.kernel).then((lines) => lines.length), 2);
  });

  it('the README’s walk works on it: the resident submits, the officer verifies and forwards, the lurah signs, the resident downloads, the QR page says valid', async () => {
    const warga = await signIn(DEMO_USERNAMES.warga);
    const petugas = await signIn(DEMO_USERNAMES.petugas);
    const lurah = await signIn(DEMO_USERNAMES.lurah);
    const created = await warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Mencoba Padu e-kelurahan' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    const png = (await sql<{ isi: Buffer }>`SELECT isi FROM layanan.lampiran WHERE media_type = 'image/png' LIMIT 1`.execute(db())).rows[0]!.isi;
    for (const syarat of ['pengantar_rt', 'ktp', 'kk']) {
      const res = await warga.request('POST', `/api/v1/layanan/saya/permohonan/${id}/lampiran?syarat=${syarat}&nama=${syarat}.png`, { raw: png, headers: { 'content-type': 'image/png' } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    assert.equal((await petugas.post(`/api/v1/layanan/permohonan/${id}/ambil`, {})).status, 200);
    const detail = await petugas.get(`/api/v1/layanan/permohonan/${id}`);
    for (const l of detail.body.lampiran) assert.equal((await petugas.post(`/api/v1/layanan/permohonan/${id}/lampiran/${l.id}/verifikasi`, { sah: true })).status, 200);
    assert.equal((await petugas.post(`/api/v1/layanan/permohonan/${id}/teruskan`, {})).status, 200);

    // The demo's own domisili letters of this year took the numbers before this one.
    const taken = await one(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM layanan.surat s JOIN layanan.jenis_surat j ON j.id = s.jenis_id
      WHERE j.kode = 'domisili' AND s.kode_kelurahan = ${DEMO_KELURAHAN} AND s.tahun = extract(year FROM now() AT TIME ZONE 'Asia/Jakarta')`);
    const signed = await lurah.post(`/api/v1/layanan/permohonan/${id}/setujui`, {});
    assert.equal(signed.status, 200, JSON.stringify(signed.body));
    assert.match(signed.body.surat.nomor, new RegExp(`^470/${String(taken.n + 1).padStart(3, '0')}/13\\.71\\.02\\.1010/[IVX]+/\\d{4}$`));

    const pdf = await warga.request('GET', `/api/v1/layanan/saya/permohonan/${id}/surat`);
    assert.equal(pdf.status, 200);
    const token = /\/verifikasi\/([A-Za-z0-9_-]+)$/.exec(signed.body.surat.verifikasiUrl)![1]!;
    const check = await t.client().get(`/api/v1/verifikasi/${token}`);
    assert.equal(check.status, 200);
    assert.equal(check.body.status, 'valid');

    // A letter the sekretaris signs ("a.n. Lurah"): one of the demo's waits for them.
    const waiting = await petugas.get('/api/v1/layanan/permohonan?status=menunggu_ttd&limit=100');
    const skck = waiting.body.items.find((p: { jenis: { kode: string } }) => p.jenis.kode === 'pengantar-skck');
    assert.ok(skck, 'no SKCK letter waits for the sekretaris');
    const sekretaris = await signIn(DEMO_USERNAMES.sekretaris);
    const bySekretaris = await sekretaris.post(`/api/v1/layanan/permohonan/${skck.id}/setujui`, {});
    assert.equal(bySekretaris.status, 200, JSON.stringify(bySekretaris.body));
    assert.match(bySekretaris.body.surat.penandatangan.jabatan, /^a\.n\. Lurah Ganting Parak Gadang/);
  });

  it('seeding again changes nothing', async () => {
    const before = await fingerprint();
    await seedDemo(t.kernel, 'small');
    assert.equal((await fingerprint()).f, before.f);
  });

  it('plans the same requests from the same seed', () => {
    const warga = (kk: string, n: number) =>
      Array.from({ length: 6 }, (_, i) => ({ id: `${kk}-${n}-${i}`, nama: `Warga ${kk}${i}`, jenisKelamin: i % 2 ? ('P' as const) : ('L' as const), tahunLahir: 1960 + i * 8, statusKawin: i < 3 ? 2 : 1, shdk: i === 0 ? 1 : i === 1 ? 3 : 4, keluargaId: `${kk}-${Math.floor(i / 3)}` }));
    const input: PlanInput = {
      today: '2026-11-27',
      holidays: new Set(['2026-08-17']),
      tempat: [
        { kode: DEMO_KELURAHAN, nama: 'Ganting Parak Gadang', kecamatan: 'Padang Timur', warga: warga('a', 0), meninggal: [], jumlah: 0 },
        { kode: '13.71.02.1001', nama: 'Sawahan', kecamatan: 'Padang Timur', warga: warga('b', 1), meninggal: [], jumlah: 4 },
      ],
      wargaDemoId: 'a-0-0',
      jenis: [
        { kode: 'domisili', slaHari: 1, penandatangan: 'lurah', fields: [{ name: 'keperluan', label: { id: 'Keperluan', en: 'Purpose' }, type: 'text', required: true }], syarat: [{ name: 'ktp', label: 'KTP-el', required: true }] },
        { kode: 'pengantar-skck', slaHari: 1, penandatangan: 'sekretaris', fields: [{ name: 'keperluan', label: { id: 'Keperluan', en: 'Purpose' }, type: 'text', required: true }], syarat: [] },
      ],
    };
    const first = planDemo(new SeededRandom(7), input);
    assert.deepEqual(planDemo(new SeededRandom(7), input), first);
    assert.notDeepEqual(planDemo(new SeededRandom(8), input), first);
    assert.deepEqual([...new Set(first.map((r) => r.akhir))].sort(), [...STATUSES].sort());
    for (const r of first) {
      const times = [r.diajukanAt, ...r.langkah.map((s) => s.at)];
      assert.deepEqual([...times].sort(), times, 'steps out of order');
      assert.ok(times.every((at) => Date.parse(at) < Date.parse('2026-11-27T00:00:00+07:00')), 'a step on or after today');
    }
  });
});
