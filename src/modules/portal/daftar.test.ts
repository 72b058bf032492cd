import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestServer, type ApiResponse, type TestServer } from '../../../test/helpers/server.js';
import { DAFTAR_LIMITS } from './daftar.js';

const PROBLEM = /^application\/problem\+json/;
const NO_KK = '1371010101250001';
const RAHMAT = { nik: '1371011203900001', nama: 'Rahmat Hidayat', jenisKelamin: 'L', tanggalLahir: '1990-03-12' };
const ANDI = { nik: '1371011203900002', nama: 'Andi Saputra', jenisKelamin: 'L', tanggalLahir: '1990-03-12' };
const WAFAT = { nik: '1371011203900003', nama: 'Zulkifli Amir', jenisKelamin: 'L', tanggalLahir: '1990-03-12' };
const ARSIP = { nik: '1371011203900004', nama: 'Yusuf Hamdani', jenisKelamin: 'L', tanggalLahir: '1990-03-12' };
const SITI = { nik: '1371014507850001', nama: 'Siti Aminah', jenisKelamin: 'P', tanggalLahir: '1985-07-05' };
const DEWI = { nik: '1371014507850002', nama: 'Dewi Lestari', jenisKelamin: 'P', tanggalLahir: '1985-07-05' };
const UNKNOWN_NIK = '1371011203909999';
const PASSWORD = 'kata-sandi-rahmat-1';

async function seedResidents(t: TestServer): Promise<void> {
  const ok = (res: ApiResponse) => assert.equal(res.status, 201, JSON.stringify(res.body));
  ok(await t.admin.post('/api/v1/keluarga', { noKk: NO_KK, kodeKelurahan: '13.71.01.1001', alamat: 'Jl. Daftar No. 1', rt: '001', rw: '002' }));
  for (const r of [RAHMAT, ANDI, WAFAT, ARSIP, SITI, DEWI]) {
    ok(await t.admin.post('/api/v1/penduduk', {
      ...r, noKk: NO_KK, tempatLahir: 'Padang', agama: 1, pendidikan: 5, pekerjaan: 15, statusKawin: 2, shdk: 4,
      ...(r === WAFAT ? { status: 'mati' } : {}),
    }));
  }
  await sql`UPDATE penduduk.penduduk SET archived_at = now(), archive_reason = 'Data ganda' WHERE nik = ${ARSIP.nik}`.execute(t.kernel.db);
}

const sessionCookie = (res: ApiResponse) => res.headers.getSetCookie().find((c) => c.startsWith('padu_session='));
const userCount = async (t: TestServer) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM core.app_user`.execute(t.kernel.db)).rows[0]!.n);
const logRows = async (t: TestServer) =>
  (await sql<{ hasil: string; nik_samaran: string | null; user_id: string | null }>`SELECT hasil, nik_samaran, user_id FROM portal.daftar_log ORDER BY id`.execute(t.kernel.db)).rows;
/** Everything the attempts left behind where a full NIK must never be: the log, the throttle, the audit trail. */
const traces = async (t: TestServer) =>
  JSON.stringify([
    (await sql`SELECT * FROM portal.daftar_log`.execute(t.kernel.db)).rows,
    (await sql`SELECT * FROM core.login_throttle`.execute(t.kernel.db)).rows,
    (await sql`SELECT actor_name, before, after FROM core.audit_log`.execute(t.kernel.db)).rows,
  ]);
/** The parts of a refusal a caller could compare (requestId naturally differs). */
const answerOf = (res: ApiResponse) => ({ status: res.status, type: res.headers.get('content-type'), code: res.body.code, title: res.body.title, detail: res.body.detail, errors: res.body.errors });

describe('resident sign-up (POST /api/v1/portal/daftar) and sign-in by NIK, phone or e-mail', () => {
  let t: TestServer;
  let rahmatId: string;
  before(async () => {
    t = await startTestServer();
    await seedResidents(t);
  });
  after(() => t.close());

  it('a resident whose NIK, name and birth date match signs up: 201, signed in as warga, linked to the NIK, audited and logged masked', async () => {
    const client = t.client();
    const res = await client.post('/api/v1/portal/daftar', {
      nik: '1371 0112 0390 0001', nama: '  rahmat   HIDAYAT ', tanggalLahir: RAHMAT.tanggalLahir, password: PASSWORD,
      telepon: '0812-3456-7890', email: 'Rahmat@Contoh.id',
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.ok(sessionCookie(res), 'no session cookie');
    assert.match(res.body.user.username, /^warga-[a-z0-9]{8}$/);
    assert.equal(res.body.user.displayName, 'Rahmat Hidayat', 'the name as the registry writes it');
    assert.equal(res.body.user.email, 'Rahmat@Contoh.id');
    assert.deepEqual(res.body.roles, [{ role: 'warga', scopeType: 'self', scopeCode: null }]);
    assert.ok(res.body.permissions.includes('penduduk.self'));
    assert.ok(!res.text.includes(RAHMAT.nik), 'the answer carries the full NIK');
    rahmatId = res.body.user.id;

    // Signed in at once, and the account reads its own resident record.
    client.csrfToken = res.body.csrfToken;
    const me = await client.get('/api/v1/saya/penduduk');
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.nik, RAHMAT.nik);

    const row = await t.kernel.db.selectFrom('core.app_user').select(['nik', 'phone', 'email', 'active']).where('id', '=', rahmatId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { nik: RAHMAT.nik, phone: '+6281234567890', email: 'Rahmat@Contoh.id', active: true });
    const admin = await t.admin.get(`/api/v1/users/${rahmatId}`);
    assert.equal(admin.body.nik, '137101******0001');

    const audit = await t.kernel.db.selectFrom('core.audit_log').select(['action', 'actor_type', 'actor_id']).where('entity_id', '=', rahmatId).orderBy('seq').execute();
    assert.deepEqual(audit.map((a) => a.action), ['user.created', 'auth.login']);
    assert.deepEqual([audit[0]!.actor_type, audit[0]!.actor_id], ['user', rahmatId], 'the resident created their own account');
    assert.deepEqual(await logRows(t), [{ hasil: 'berhasil', nik_samaran: '137101******0001', user_id: rahmatId }]);
    assert.ok(!(await traces(t)).includes(RAHMAT.nik), 'a full NIK was stored in a log');
  });

  it('a wrong name, a wrong birth date, an unknown NIK, a dead or an archived resident: one and the same 422, nothing stored', async () => {
    const users = await userCount(t);
    const attempts = [
      { nik: ANDI.nik, nama: 'Andi Saputri', tanggalLahir: ANDI.tanggalLahir },
      { nik: ANDI.nik, nama: ANDI.nama, tanggalLahir: '1990-03-13' },
      { nik: UNKNOWN_NIK, nama: ANDI.nama, tanggalLahir: ANDI.tanggalLahir },
      { nik: WAFAT.nik, nama: WAFAT.nama, tanggalLahir: WAFAT.tanggalLahir },
      { nik: ARSIP.nik, nama: ARSIP.nama, tanggalLahir: ARSIP.tanggalLahir },
    ];
    const answers = [];
    for (const attempt of attempts) {
      const res = await t.client().post('/api/v1/portal/daftar', { ...attempt, password: 'kata-sandi-coba-coba' });
      assert.equal(sessionCookie(res), undefined);
      answers.push(answerOf(res));
    }
    assert.match(answers[0]!.type ?? '', PROBLEM);
    assert.equal(answers[0]!.status, 422);
    assert.equal(answers[0]!.code, 'portal.data_tidak_cocok');
    assert.equal(answers[0]!.errors, undefined, 'the refusal names a field');
    assert.match(answers[0]!.detail, /NIK, nama lengkap dan tanggal lahir tidak cocok/);
    for (const answer of answers.slice(1)) assert.deepEqual(answer, answers[0]);

    assert.equal(await userCount(t), users);
    assert.deepEqual((await logRows(t)).slice(1).map((r) => [r.hasil, r.nik_samaran, r.user_id]), [
      ['tidak_cocok', '137101******0002', null],
      ['tidak_cocok', '137101******0002', null],
      ['tidak_cocok', '137101******9999', null],
      ['tidak_cocok', '137101******0003', null],
      ['tidak_cocok', '137101******0004', null],
    ]);
    const traced = await traces(t);
    for (const nik of [ANDI.nik, UNKNOWN_NIK, WAFAT.nik, ARSIP.nik]) assert.ok(!traced.includes(nik), `${nik} stored in full`);
  });

  it('a NIK that already has an account: 409 without naming the account, but only once name and birth date match', async () => {
    const users = await userCount(t);
    const res = await t.client().post('/api/v1/portal/daftar', { nik: RAHMAT.nik, nama: RAHMAT.nama, tanggalLahir: RAHMAT.tanggalLahir, password: 'kata-sandi-lain-sekali' });
    assert.equal(res.status, 409, JSON.stringify(res.body));
    assert.equal(res.body.code, 'portal.nik_sudah_terdaftar');
    assert.equal(res.body.detail, 'NIK ini sudah memiliki akun; masuk dengan NIK Anda atau hubungi kelurahan.');
    assert.doesNotMatch(res.text, /warga-|Rahmat|Contoh|0812/i);
    // Without the right name the same NIK says nothing about an account.
    const guess = await t.client().post('/api/v1/portal/daftar', { nik: RAHMAT.nik, nama: 'Orang Lain', tanggalLahir: RAHMAT.tanggalLahir, password: 'kata-sandi-lain-sekali' });
    assert.equal(guess.status, 422);
    assert.equal(guess.body.code, 'portal.data_tidak_cocok');
    assert.equal(await userCount(t), users);
  });

  it('a weak password, a malformed NIK or phone number: 400 with the fields named, nothing stored', async () => {
    const users = await userCount(t);
    const base = { nik: SITI.nik, nama: SITI.nama, tanggalLahir: SITI.tanggalLahir };
    const fieldsOf = (res: ApiResponse) => res.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    let res = await t.client().post('/api/v1/portal/daftar', { ...base, password: 'pendek' });
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'request.invalid');
    assert.deepEqual(fieldsOf(res), ['password:password.too_weak']);
    res = await t.client().post('/api/v1/portal/daftar', { ...base, password: SITI.nik });
    assert.deepEqual(fieldsOf(res), ['password:password.too_weak'], 'the NIK as password');
    res = await t.client().post('/api/v1/portal/daftar', { ...base, nik: '1371-0145', telepon: '12345', password: 'kata-sandi-siti-aminah' });
    assert.equal(res.status, 400);
    assert.deepEqual(fieldsOf(res), ['nik:identity.nik_format', 'telepon:portal.telepon_format']);
    res = await t.client().post('/api/v1/portal/daftar', { ...base, tanggalLahir: '05-07-1985', password: 'kata-sandi-siti-aminah' });
    assert.equal(res.status, 400);
    assert.deepEqual(fieldsOf(res).map((f: string) => f.split(':')[0]), ['tanggalLahir']);
    assert.equal(await userCount(t), users);
  });

  it('a phone number or e-mail of another account is refused next to its field (409), in any spelling', async () => {
    const users = await userCount(t);
    const base = { nik: SITI.nik, nama: SITI.nama, tanggalLahir: SITI.tanggalLahir, password: 'kata-sandi-siti-aminah' };
    let res = await t.client().post('/api/v1/portal/daftar', { ...base, telepon: '+62 812 3456 7890' });
    assert.equal(res.status, 409, JSON.stringify(res.body));
    assert.equal(res.body.code, 'portal.kontak_dipakai');
    assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ['telepon']);
    res = await t.client().post('/api/v1/portal/daftar', { ...base, email: 'RAHMAT@contoh.ID' });
    assert.deepEqual(res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]), [['email', 'E-mail ini sudah dipakai akun lain.']]);
    assert.equal(await userCount(t), users);
    // With a number of her own she gets her account.
    res = await t.client().post('/api/v1/portal/daftar', { ...base, telepon: '6285274001122' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });

  it('signs in with the NIK, the phone number in three spellings, the e-mail or the username; failures look the same', async () => {
    const username = (await t.admin.get(`/api/v1/users/${rahmatId}`)).body.username as string;
    for (const identifier of [RAHMAT.nik, '1371.0112.0390.0001', '081234567890', '6281234567890', '+62 812-3456-7890', 'rahmat@contoh.id', username, username.toUpperCase()]) {
      const res = await t.client().login(identifier, PASSWORD);
      assert.equal(res.status, 200, `${identifier}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.user.id, rahmatId, identifier);
    }
    const wrongPassword = await t.client().login(RAHMAT.nik, 'bukan-kata-sandinya');
    const unknownNik = await t.client().login(UNKNOWN_NIK, PASSWORD);
    const unknownPhone = await t.client().login('081299990000', PASSWORD);
    assert.equal(wrongPassword.status, 401);
    assert.equal(wrongPassword.body.code, 'auth.invalid_credentials');
    assert.deepEqual(answerOf(unknownNik), answerOf(wrongPassword));
    assert.deepEqual(answerOf(unknownPhone), answerOf(wrongPassword));
    // The throttle counts them under hashed keys: no NIK or number in clear.
    const keys = (await t.kernel.db.selectFrom('core.login_throttle').select('key').execute()).map((r) => r.key);
    assert.ok(keys.some((k) => k.startsWith('account:nik#')), keys.join());
    assert.ok(!keys.some((k) => k.includes(RAHMAT.nik) || k.includes(UNKNOWN_NIK) || k.includes('81299990000')), keys.join());
  });

  it(`after ${DAFTAR_LIMITS.perNik} refusals for one NIK it is locked: 429 with Retry-After even with the right data; other NIKs go on`, async () => {
    for (let i = 1; i <= DAFTAR_LIMITS.perNik; i++) {
      const res = await t.client().post('/api/v1/portal/daftar', { nik: DEWI.nik, nama: `Dewi Tebakan ${i}`, tanggalLahir: DEWI.tanggalLahir, password: 'kata-sandi-dewi-1' });
      assert.equal(res.status, 422, `attempt ${i}`);
    }
    const locked = await t.client().post('/api/v1/portal/daftar', { nik: DEWI.nik, nama: DEWI.nama, tanggalLahir: DEWI.tanggalLahir, password: 'kata-sandi-dewi-1' });
    assert.equal(locked.status, 429, JSON.stringify(locked.body));
    assert.match(locked.headers.get('content-type') ?? '', PROBLEM);
    assert.equal(locked.body.code, 'portal.daftar_dibatasi');
    const retryAfter = Number(locked.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= DAFTAR_LIMITS.lockMinutes * 60, `Retry-After ${locked.headers.get('retry-after')}`);
    assert.match(locked.body.detail, /\d+ menit/);
    assert.equal(sessionCookie(locked), undefined);
    assert.equal((await t.kernel.db.selectFrom('core.app_user').select('id').where('nik', '=', DEWI.nik).execute()).length, 0);
    assert.equal((await logRows(t)).at(-1)!.hasil, 'dibatasi');

    // The address is not locked yet: another resident signs up.
    const other = await t.client().post('/api/v1/portal/daftar', { nik: ANDI.nik, nama: ANDI.nama, tanggalLahir: ANDI.tanggalLahir, password: 'kata-sandi-andi-1' });
    assert.equal(other.status, 201, JSON.stringify(other.body));
    assert.ok(!(await traces(t)).includes(DEWI.nik));
  });

  it('failed sign-ins through the NIK, the phone number and the e-mail count against one account', async () => {
    // Siti signed up above with 6285274001122; the default limit is 5 failures per account.
    const spellings = [SITI.nik, '085274001122', '+6285274001122', '1371 0145 0785 0001', '6285274001122'];
    for (const identifier of spellings) assert.equal((await t.client().login(identifier, 'salah-kata-sandi-siti')).status, 401, identifier);
    const res = await t.client().login('085274001122', 'kata-sandi-siti-aminah');
    assert.equal(res.status, 429, JSON.stringify(res.body));
    assert.equal(res.body.code, 'auth.throttled');
    assert.equal((await t.client().login(SITI.nik, 'kata-sandi-siti-aminah')).status, 429);
  });
});

describe('sign-up throttling per address', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
    await seedResidents(t);
  });
  after(() => t.close());

  it(`after ${DAFTAR_LIMITS.perAddress} refusals from one address, every sign-up from it gets 429`, async () => {
    for (let i = 0; i < DAFTAR_LIMITS.perAddress; i++) {
      const nik = `13710112039${String(10000 + i).slice(1)}`.padEnd(16, '7');
      const res = await t.client().post('/api/v1/portal/daftar', { nik, nama: 'Siapa Saja', tanggalLahir: '1990-03-12', password: 'kata-sandi-tebak-1' });
      assert.equal(res.status, 422, `attempt ${i + 1}: ${JSON.stringify(res.body)}`);
    }
    const res = await t.client().post('/api/v1/portal/daftar', { nik: RAHMAT.nik, nama: RAHMAT.nama, tanggalLahir: RAHMAT.tanggalLahir, password: PASSWORD });
    assert.equal(res.status, 429, JSON.stringify(res.body));
    assert.equal(res.body.code, 'portal.daftar_dibatasi');
    assert.ok(Number(res.headers.get('retry-after')) > 0);
    assert.equal(await userCount(t), 1, 'only the admin');
  });
});
