import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../core/audit/trail.js';
import type { Kernel } from '../../core/kernel.js';
import type { DemoContext } from '../../registry/demo/context.js';
import { findOpd } from '../../registry/organisasi/index.js';
import type { JenisAplikasi, StatusAplikasi } from './aplikasi.js';

/** SIPD-style OPD codes of the demo registry (src/registry/demo/opd-padang.ts). */
const opd = (bidang: string, n = 1) => `${bidang}.0.00.0.00.${String(n).padStart(2, '0')}.0000`;
const SETDA = opd('4.01');
const INSPEKTORAT = opd('6.01');
const BAPPEDA = opd('5.01');
const BKD = opd('5.02');
const BAPENDA = opd('5.02', 2);
const BKPSDM = opd('5.03');
const BPBD = opd('1.05', 2);
const DISDIK = opd('1.01');
const DINKES = opd('1.02');
const RSUD = opd('1.02', 2);
const PUPR = opd('1.03');
const DINSOS = opd('1.06');
const DISPANGAN = opd('2.09');
const DUKCAPIL = opd('2.12');
const DISHUB = opd('2.15');
const KOMINFO = opd('2.16');
const DPMPTSP = opd('2.18');
const DISPUSSIP = opd('2.23');

/**
 * What a demo app does, so the catalogue shows every level: `klien` (has credentials), metered
 * API use per scope (`baca`: scopes read, `tulis`: scopes written with POST/PATCH, `umpan`: pulls
 * the change feed). Apps with none of these are islands on the map.
 */
interface DemoApp {
  kode: string;
  nama: string;
  opd: string;
  jenis: JenisAplikasi;
  url: string | null;
  status?: StatusAplikasi;
  kontak: [string, string] | null;
  deskripsi: string;
  produksi?: string[];
  konsumsi?: string[];
  klien?: boolean;
  baca?: string[];
  tulis?: string[];
  umpan?: boolean;
}

export const DEMO_APPS: DemoApp[] = [
  {
    kode: 'padang-go-id', nama: 'Website Resmi Pemerintah Kota Padang', opd: KOMINFO, jenis: 'website', url: 'https://padang.go.id',
    kontak: ['Tim Web Diskominfo', 'web@padang.go.id'], deskripsi: 'Portal berita, profil kota dan direktori OPD.', konsumsi: ['organisasi', 'wilayah'],
    klien: true, baca: ['organisasi:read', 'wilayah:read'],
  },
  {
    kode: 'ppid-padang', nama: 'PPID Kota Padang', opd: KOMINFO, jenis: 'website', url: 'https://ppid.padang.go.id',
    kontak: ['Sekretariat PPID', 'ppid@padang.go.id'], deskripsi: 'Layanan informasi publik dan daftar informasi publik per OPD.', konsumsi: ['organisasi'],
    klien: true,
  },
  {
    kode: 'lapor-padang', nama: 'Lapor Padang — Aspirasi dan Pengaduan', opd: KOMINFO, jenis: 'aplikasi_opd', url: 'https://lapor.padang.go.id',
    kontak: ['Admin Pengaduan', 'pengaduan@padang.go.id'], deskripsi: 'Pengaduan warga diteruskan ke OPD penanggung jawab.', konsumsi: ['organisasi', 'wilayah'],
    klien: true, baca: ['organisasi:read'], umpan: true,
  },
  {
    kode: 'command-center', nama: 'Padang Command Center', opd: KOMINFO, jenis: 'aplikasi_opd', url: 'https://pcc.padang.go.id',
    kontak: ['Operator PCC', 'pcc@padang.go.id'], deskripsi: 'Dasbor pimpinan: CCTV, kebencanaan, layanan publik.', konsumsi: ['wilayah', 'organisasi', 'penduduk'],
    klien: true, baca: ['wilayah:read', 'penduduk:read'],
  },
  {
    kode: 'simpeg', nama: 'SIMPEG Kota Padang', opd: BKPSDM, jenis: 'kepegawaian', url: 'https://simpeg.padang.go.id',
    kontak: ['Bidang Data dan Informasi BKPSDM', 'simpeg@padang.go.id'], deskripsi: 'Data induk ASN: riwayat jabatan, pangkat, pendidikan.',
    produksi: ['pegawai'], konsumsi: ['organisasi', 'wilayah'], klien: true, baca: ['organisasi:read', 'pegawai:read'], tulis: ['pegawai:write'],
  },
  {
    kode: 'e-absensi', nama: 'E-Absensi ASN', opd: BKPSDM, jenis: 'absensi', url: 'https://absensi.padang.go.id',
    kontak: ['Admin E-Absensi', 'absensi@padang.go.id'], deskripsi: 'Presensi ASN dengan lokasi kantor dan jadwal kerja.', konsumsi: ['pegawai', 'organisasi'],
    klien: true, baca: ['pegawai:read', 'organisasi:read'], umpan: true,
  },
  {
    kode: 'e-kinerja', nama: 'E-Kinerja ASN', opd: BKPSDM, jenis: 'kepegawaian', url: 'https://ekinerja.padang.go.id',
    kontak: ['Admin E-Kinerja', 'ekinerja@padang.go.id'], deskripsi: 'Sasaran kinerja pegawai dan tunjangan kinerja.', konsumsi: ['pegawai', 'organisasi'],
    klien: true, baca: ['pegawai:read'],
  },
  {
    kode: 'e-planning', nama: 'E-Planning Bappeda', opd: BAPPEDA, jenis: 'aplikasi_opd', url: 'https://eplanning.padang.go.id',
    kontak: ['Bidang Perencanaan', 'bappeda@padang.go.id'], deskripsi: 'Musrenbang dan usulan kegiatan; dikirim ke SIPD.', produksi: ['program'], konsumsi: ['organisasi', 'wilayah'],
    klien: true, baca: ['program:read', 'organisasi:read', 'wilayah:read'],
  },
  {
    kode: 'geoportal', nama: 'Geoportal Kota Padang', opd: BAPPEDA, jenis: 'geospasial', url: 'https://geoportal.padang.go.id',
    kontak: ['Simpul Jaringan IG', 'geoportal@padang.go.id'], deskripsi: 'Simpul jaringan informasi geospasial daerah.', konsumsi: ['wilayah'],
    klien: true, baca: ['wilayah:read'],
  },
  {
    kode: 'e-sakip', nama: 'E-SAKIP Kota Padang', opd: SETDA, jenis: 'aplikasi_opd', url: 'https://esakip.padang.go.id',
    kontak: ['Bagian Organisasi', 'organisasi@padang.go.id'], deskripsi: 'Akuntabilitas kinerja instansi pemerintah.', konsumsi: ['program', 'organisasi'],
  },
  {
    kode: 'simda-keuangan', nama: 'SIMDA Keuangan', opd: BKD, jenis: 'aplikasi_opd', url: null,
    kontak: ['Bidang Akuntansi BKD', 'bkd@padang.go.id'], deskripsi: 'Penatausahaan keuangan daerah (aplikasi desktop).', konsumsi: ['program', 'organisasi'],
  },
  {
    kode: 'e-pad', nama: 'E-PAD Pajak Daerah Online', opd: BAPENDA, jenis: 'aplikasi_opd', url: 'https://pajak.padang.go.id',
    kontak: ['Bidang Pendataan Bapenda', 'bapenda@padang.go.id'], deskripsi: 'Pendaftaran dan pembayaran pajak daerah.', konsumsi: ['penduduk', 'wilayah'],
    klien: true,
  },
  {
    kode: 'si-kelurahan-lama', nama: 'Sistem Informasi Kelurahan (lama)', opd: SETDA, jenis: 'e_kelurahan', url: 'https://sikel.padang.go.id',
    kontak: ['Bagian Pemerintahan', 'pemerintahan@padang.go.id'], deskripsi: 'Surat keterangan kelurahan; data penduduk disalin dari berkas Excel.',
    konsumsi: ['penduduk', 'wilayah'],
  },
  {
    kode: 'siak-konektor', nama: 'Konektor SIAK Disdukcapil', opd: DUKCAPIL, jenis: 'aplikasi_opd', url: null,
    kontak: ['Seksi Pemanfaatan Data', 'dukcapil@padang.go.id'], deskripsi: 'Verifikasi NIK untuk layanan OPD lain.', produksi: ['penduduk'],
    klien: true, baca: ['penduduk:verify'],
  },
  {
    kode: 'e-spm-kesehatan', nama: 'E-SPM Bidang Kesehatan', opd: DINKES, jenis: 'e_spm', url: 'https://espm-kes.padang.go.id',
    kontak: ['Seksi Data Dinkes', 'dinkes@padang.go.id'], deskripsi: 'Capaian 12 layanan dasar SPM kesehatan per puskesmas.', konsumsi: ['penduduk', 'wilayah'],
    klien: true, baca: ['penduduk:read', 'wilayah:read'],
  },
  {
    kode: 'simpus', nama: 'SIMPUS Puskesmas', opd: DINKES, jenis: 'aplikasi_opd', url: 'https://simpus.padang.go.id',
    kontak: ['Admin SIMPUS', 'simpus@padang.go.id'], deskripsi: 'Rekam medis dan pendaftaran pasien di 23 puskesmas.', konsumsi: ['penduduk'],
    klien: true,
  },
  {
    kode: 'simrs-rasidin', nama: 'SIMRS RSUD dr. Rasidin', opd: RSUD, jenis: 'aplikasi_opd', url: 'https://simrs.rsudrasidin.padang.go.id',
    kontak: ['Instalasi SIMRS', 'simrs@rsudrasidin.padang.go.id'], deskripsi: 'Pendaftaran, rekam medis dan billing rumah sakit.', konsumsi: ['penduduk'],
    klien: true, baca: ['penduduk:verify'],
  },
  {
    kode: 'e-spm-pendidikan', nama: 'E-SPM Bidang Pendidikan', opd: DISDIK, jenis: 'e_spm', url: 'https://espm-dik.padang.go.id',
    kontak: ['Subbag Program Disdik', 'disdik@padang.go.id'], deskripsi: 'Capaian SPM pendidikan dasar per sekolah.', konsumsi: ['penduduk', 'wilayah'],
  },
  {
    kode: 'data-sekolah', nama: 'Data Sekolah Kota Padang', opd: DISDIK, jenis: 'aplikasi_opd', url: 'https://datasekolah.padang.go.id',
    kontak: ['Operator Data Disdik', 'datasekolah@padang.go.id'], deskripsi: 'Rekap sekolah, guru dan siswa dari Dapodik.', konsumsi: ['wilayah', 'pegawai'],
  },
  {
    kode: 'e-audit', nama: 'E-Audit Tindak Lanjut', opd: INSPEKTORAT, jenis: 'e_audit', url: 'https://eaudit.padang.go.id',
    kontak: ['Sekretariat Inspektorat', 'inspektorat@padang.go.id'], deskripsi: 'Temuan pemeriksaan dan pemantauan tindak lanjut per OPD.', konsumsi: ['organisasi', 'program'],
    klien: true, baca: ['organisasi:read', 'program:read'], umpan: true,
  },
  {
    kode: 'simtaru', nama: 'SIMTARU Tata Ruang', opd: PUPR, jenis: 'pemetaan', url: 'https://simtaru.padang.go.id',
    kontak: ['Bidang Tata Ruang', 'pupr@padang.go.id'], deskripsi: 'Informasi rencana tata ruang dan KKPR.', konsumsi: ['wilayah'],
    klien: true,
  },
  {
    kode: 'peta-jalan', nama: 'Peta Jalan dan Drainase', opd: PUPR, jenis: 'pemetaan', url: 'https://petajalan.padang.go.id',
    kontak: ['Bidang Bina Marga', 'binamarga@padang.go.id'], deskripsi: 'Kondisi ruas jalan dan saluran drainase.', konsumsi: ['wilayah'],
  },
  {
    kode: 'inarisk-padang', nama: 'Sistem Peringatan Dini Bencana', opd: BPBD, jenis: 'geospasial', url: 'https://siaga.padang.go.id',
    kontak: ['Pusdalops BPBD', 'pusdalops@padang.go.id'], deskripsi: 'Peta rawan tsunami, jalur evakuasi, peringatan dini.', konsumsi: ['wilayah', 'penduduk'],
  },
  {
    kode: 'sicantik', nama: 'SiCantik Perizinan Online', opd: DPMPTSP, jenis: 'aplikasi_opd', url: 'https://perizinan.padang.go.id',
    kontak: ['Bidang Pelayanan DPMPTSP', 'dpmptsp@padang.go.id'], deskripsi: 'Perizinan berusaha dan non-berusaha.', konsumsi: ['penduduk', 'wilayah'],
    klien: true, baca: ['penduduk:verify', 'wilayah:read'],
  },
  {
    kode: 'dtks-dinsos', nama: 'DTKS Dinas Sosial', opd: DINSOS, jenis: 'aplikasi_opd', url: null,
    kontak: ['Bidang Pemberdayaan Sosial', 'dinsos@padang.go.id'], deskripsi: 'Data terpadu kesejahteraan sosial; salinan lokal dari SIKS-NG.', konsumsi: ['penduduk', 'wilayah'],
  },
  {
    kode: 'e-arsip', nama: 'E-Arsip Dinamis', opd: DISPUSSIP, jenis: 'aplikasi_opd', url: 'https://earsip.padang.go.id',
    kontak: ['Bidang Kearsipan', 'arsip@padang.go.id'], deskripsi: 'Tata naskah dinas dan arsip dinamis OPD.', konsumsi: ['pegawai', 'organisasi'],
    klien: true,
  },
  {
    kode: 'e-parkir', nama: 'E-Parkir Kota Padang', opd: DISHUB, jenis: 'lainnya', url: 'https://parkir.padang.go.id',
    kontak: ['UPT Perparkiran', 'dishub@padang.go.id'], deskripsi: 'Retribusi parkir tepi jalan non-tunai.',
  },
  {
    kode: 'jdih', nama: 'JDIH Kota Padang', opd: SETDA, jenis: 'website', url: 'https://jdih.padang.go.id',
    kontak: ['Bagian Hukum', 'hukum@padang.go.id'], deskripsi: 'Jaringan dokumentasi dan informasi hukum.',
  },
  {
    kode: 'info-harga-pangan', nama: 'Info Harga Pangan', opd: DISPANGAN, jenis: 'website', url: 'https://hargapangan.padang.go.id', status: 'nonaktif',
    kontak: ['Bidang Distribusi Pangan', 'dispangan@padang.go.id'], deskripsi: 'Harga harian bahan pokok di pasar kota (tidak diperbarui sejak 2024).',
  },
  {
    kode: 'web-kominfo-lama', nama: 'Website Diskominfo (lama)', opd: KOMINFO, jenis: 'website', url: 'http://kominfo.padang.go.id', status: 'pensiun',
    kontak: null, deskripsi: 'Digantikan oleh padang.go.id.',
  },
];

/**
 * ~30 apps of the demo city with their owners, declared datasets, credentials for the integrated
 * ones and a week of metered API use, so the catalogue shows levels 1–5 and the map has flows and
 * islands. Set-based, one audit entry for the batch; nothing when any app exists.
 */
export async function seedKatalogDemo(kernel: Kernel, context: DemoContext): Promise<void> {
  const db = kernel.db;
  const any = await sql`SELECT 1 FROM integrasi.aplikasi LIMIT 1`.execute(db);
  if (any.rows.length > 0) return;
  const { random, actor } = context;
  // Only apps whose owner OPD is in the registry (the demo registry has every one of them).
  const apps: DemoApp[] = [];
  for (const app of DEMO_APPS) if (await findOpd(db, app.opd)) apps.push(app);
  const now = new Date();
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);

  await db.transaction().execute(async (trx) => {
    for (const app of apps) {
      const id = uuidv7();
      const produksi = app.produksi ?? [];
      const konsumsi = app.konsumsi ?? [];
      const row = await sql<{ created_at: Date }>`
        INSERT INTO integrasi.aplikasi (id, kode, nama, opd_kode, jenis, url, status, kontak_nama, kontak_email, deskripsi, dataset_produksi, dataset_konsumsi)
        VALUES (${id}, ${app.kode}, ${app.nama}, ${app.opd}, ${app.jenis}, ${app.url}, ${app.status ?? 'aktif'}, ${app.kontak?.[0] ?? null}, ${app.kontak?.[1] ?? null},
          ${app.deskripsi}, ${produksi}::text[], ${konsumsi}::text[])
        RETURNING created_at`.execute(trx);
      const at = row.rows[0]!.created_at.toISOString();
      const snapshot = {
        id, kode: app.kode, nama: app.nama, opdKode: app.opd, jenis: app.jenis, url: app.url, status: app.status ?? 'aktif', kontakNama: app.kontak?.[0] ?? null,
        kontakEmail: app.kontak?.[1] ?? null, kontakTelepon: null, deskripsi: app.deskripsi, datasetProduksi: produksi, datasetKonsumsi: konsumsi,
        batasPerMenit: null, version: 1, createdAt: at, updatedAt: at,
      };
      await sql`
        INSERT INTO integrasi.history (entity_type, entity_id, version, action, changed, snapshot, actor_type, actor_id, actor_name, request_id)
        VALUES ('aplikasi', ${id}, 1, 'created', '{}', ${JSON.stringify(snapshot)}::jsonb, ${actor.type}, ${actor.id}, ${actor.name}, ${actor.requestId})`.execute(trx);

      if (!app.klien) continue;
      // A production client whose secret nobody knows (only a hash of random bytes is stored): rotate it to use it.
      const klienId = uuidv7();
      const secret = createHash('sha256').update(`padu-demo-secret:${app.kode}:${random.next()}`).digest();
      await sql`INSERT INTO integrasi.klien (id, aplikasi_id, client_id, nama, last_token_at) VALUES (${klienId}, ${id}, ${`${app.kode}.demo`}, 'Produksi', ${app.baca || app.tulis || app.umpan ? hour : null})`.execute(trx);
      await sql`INSERT INTO integrasi.klien_rahasia (id, klien_id, secret_hash, petunjuk) VALUES (${uuidv7()}, ${klienId}, ${createHash('sha256').update(secret).digest()}, ${`…${secret.toString('hex').slice(-4)}`})`.execute(trx);
      const scopes = [...new Set([...(app.baca ?? []), ...(app.tulis ?? []), ...(app.umpan ? ['events:read'] : [])])];
      for (const scope of scopes) await sql`INSERT INTO integrasi.izin (aplikasi_id, scope) VALUES (${id}, ${scope})`.execute(trx);

      // A week of metered use: a few hours a day, deterministic counts.
      const uses: [string, string, string][] = [
        ...(app.baca ?? []).map((scope): [string, string, string] => ['GET', `/api/v1/${scope.split(':')[0]}`, scope]),
        ...(app.tulis ?? []).map((scope): [string, string, string] => ['PATCH', `/api/v1/${scope.split(':')[0]}/:ref`, scope]),
        ...(app.umpan ? [['GET', '/api/v1/events', 'events:read'] as [string, string, string]] : []),
      ];
      for (const [metode, rute, scope] of uses) {
        for (let day = 0; day < 7; day++) {
          const jam = new Date(hour.getTime() - (day * 24 + random.int(1, 10)) * 3_600_000);
          const jumlah = random.int(5, 400);
          const gagal = random.chance(0.2) ? random.int(1, 3) : 0;
          await sql`
            INSERT INTO integrasi.pemakaian (aplikasi_id, jam, metode, rute, scope, jumlah, gagal, ditolak, total_ms, terakhir)
            VALUES (${id}, ${jam}, ${metode}, ${rute}, ${scope}, ${jumlah}, ${gagal}, 0, ${jumlah * random.int(8, 60)}, ${new Date(jam.getTime() + random.int(1, 59) * 60_000)})
            ON CONFLICT DO NOTHING`.execute(trx);
        }
      }
    }
    await recordAudit(trx, actor, { action: 'integrasi.demo_seeded', entityType: 'aplikasi', entityId: null, after: { scale: context.scale, aplikasi: apps.length } });
  });
}
