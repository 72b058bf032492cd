import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../core/audit/trail.js';
import type { Kernel } from '../../core/kernel.js';
import type { DemoContext } from '../demo/context.js';
import { padangOpd } from '../demo/opd-padang.js';
import type { SeededRandom } from '../demo/random.js';
import { getWilayah, listKelurahan } from '../wilayah/index.js';
import type { Eselon, JabatanJenis, OpdJenis, UnitJenis } from './model.js';
import { HISTORY_SCHEMA, org } from './tables.js';

/** The day the demo structure took effect (a Perwali on SOTK after the 2021 simplification). */
const BERLAKU_MULAI = '2022-01-01';
const CHUNK = 500;

interface UnitTemplate {
  nama: string;
  jenis: UnitJenis;
  /** Eselon of the unit's head; its title is "Kepala <nama>" unless `kepala` says otherwise. */
  eselon: Eselon;
  kepala?: string;
  fungsional?: string;
  children?: UnitTemplate[];
}

const bidang = (nama: string, fungsional = 'Analis Kebijakan Ahli Muda'): UnitTemplate => ({ nama, jenis: 'bidang', eselon: 'III.b', fungsional });
const sekretariatDinas = (): UnitTemplate => ({
  nama: 'Sekretariat',
  jenis: 'sekretariat',
  eselon: 'III.a',
  kepala: 'Sekretaris',
  fungsional: 'Perencana Ahli Muda',
  children: [
    { nama: 'Sub Bagian Umum dan Kepegawaian', jenis: 'sub_bagian', eselon: 'IV.a' },
    { nama: 'Sub Bagian Keuangan dan Aset', jenis: 'sub_bagian', eselon: 'IV.a' },
  ],
});

/** Bidang of the larger agencies by bidang urusan (the `U.BB` that starts the kode). */
const BIDANG: Record<string, string[]> = {
  '1.01': ['Bidang Pembinaan Sekolah Dasar', 'Bidang Pembinaan Sekolah Menengah Pertama', 'Bidang Pendidikan Anak Usia Dini dan Nonformal', 'Bidang Guru dan Tenaga Kependidikan'],
  '1.02': ['Bidang Kesehatan Masyarakat', 'Bidang Pencegahan dan Pengendalian Penyakit', 'Bidang Pelayanan dan Sumber Daya Kesehatan'],
  '1.03': ['Bidang Bina Marga', 'Bidang Sumber Daya Air', 'Bidang Cipta Karya', 'Bidang Penataan Ruang'],
  '1.06': ['Bidang Rehabilitasi Sosial', 'Bidang Perlindungan dan Jaminan Sosial', 'Bidang Pemberdayaan Sosial'],
  '2.12': ['Bidang Pelayanan Pendaftaran Penduduk', 'Bidang Pelayanan Pencatatan Sipil', 'Bidang Pengelolaan Informasi Administrasi Kependudukan'],
  '2.15': ['Bidang Lalu Lintas', 'Bidang Angkutan', 'Bidang Prasarana dan Keselamatan'],
  '2.16': ['Bidang Informasi dan Komunikasi Publik', 'Bidang Aplikasi Informatika', 'Bidang Persandian dan Statistik'],
  '5.01': ['Bidang Pemerintahan dan Pembangunan Manusia', 'Bidang Perekonomian dan Sumber Daya Alam', 'Bidang Infrastruktur dan Kewilayahan'],
  '5.02': ['Bidang Anggaran', 'Bidang Perbendaharaan', 'Bidang Akuntansi', 'Bidang Aset'],
  '5.03': ['Bidang Pengadaan, Pemberhentian dan Informasi', 'Bidang Mutasi dan Promosi', 'Bidang Pengembangan Kompetensi'],
};
/** Health centres of the health office, one per kecamatan in a real city; a few here. */
const PUSKESMAS = ['Andalas', 'Lubuk Buaya', 'Pauh', 'Seberang Padang', 'Air Dingin'];

function templateFor(jenis: OpdJenis, kode: string): UnitTemplate[] {
  const urusan = kode.split('.').slice(0, 2).join('.');
  switch (jenis) {
    case 'sekretariat':
      return urusan === '4.01'
        ? ['Bagian Tata Pemerintahan', 'Bagian Hukum', 'Bagian Organisasi', 'Bagian Perekonomian', 'Bagian Pengadaan Barang dan Jasa', 'Bagian Umum'].map(
            (nama) => ({ nama, jenis: 'bagian', eselon: 'III.a', fungsional: 'Analis Hukum Ahli Muda' }),
          )
        : ['Bagian Umum dan Keuangan', 'Bagian Persidangan dan Perundang-undangan', 'Bagian Fasilitasi Penganggaran dan Pengawasan'].map((nama) => ({
            nama,
            jenis: 'bagian',
            eselon: 'III.a',
          }));
    case 'inspektorat':
      return [
        sekretariatDinas(),
        ...['I', 'II', 'III', 'IV'].map((n): UnitTemplate => ({ nama: `Inspektur Pembantu Wilayah ${n}`, jenis: 'lainnya', eselon: 'III.b', kepala: `Inspektur Pembantu Wilayah ${n}`, fungsional: 'Auditor Ahli Muda' })),
      ];
    case 'rsud':
      return [
        { nama: 'Bagian Umum dan Keuangan', jenis: 'bagian', eselon: 'III.b' },
        bidang('Bidang Pelayanan Medik', 'Dokter Ahli Muda'),
        bidang('Bidang Keperawatan', 'Perawat Ahli Muda'),
        bidang('Bidang Penunjang Medik', 'Apoteker Ahli Muda'),
      ];
    case 'satpol_pp':
      return [sekretariatDinas(), bidang('Bidang Penegakan Peraturan Daerah'), bidang('Bidang Ketertiban Umum dan Ketenteraman Masyarakat'), bidang('Bidang Perlindungan Masyarakat')];
    case 'kecamatan':
      return [
        {
          nama: 'Sekretariat Kecamatan',
          jenis: 'sekretariat',
          eselon: 'III.b',
          kepala: 'Sekretaris Kecamatan',
          children: [
            { nama: 'Sub Bagian Umum dan Kepegawaian', jenis: 'sub_bagian', eselon: 'IV.b' },
            { nama: 'Sub Bagian Perencanaan dan Keuangan', jenis: 'sub_bagian', eselon: 'IV.b' },
          ],
        },
        ...['Seksi Pemerintahan', 'Seksi Ketenteraman dan Ketertiban Umum', 'Seksi Pemberdayaan Masyarakat', 'Seksi Pelayanan Umum'].map(
          (nama): UnitTemplate => ({ nama, jenis: 'seksi', eselon: 'IV.a' }),
        ),
      ];
    case 'kelurahan':
      return [
        { nama: 'Sekretariat Kelurahan', jenis: 'sekretariat', eselon: 'IV.b', kepala: 'Sekretaris Kelurahan' },
        { nama: 'Seksi Pemerintahan dan Ketenteraman', jenis: 'seksi', eselon: 'IV.b' },
        { nama: 'Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial', jenis: 'seksi', eselon: 'IV.b' },
      ];
    default: {
      const names = BIDANG[urusan] ?? (jenis === 'badan' ? ['Bidang Program dan Evaluasi', 'Bidang Operasional'] : ['Bidang Pelayanan', 'Bidang Pembinaan dan Pengawasan', 'Bidang Pengembangan']);
      const units = [sekretariatDinas(), ...names.map((nama) => bidang(nama))];
      if (urusan === '1.02' && kode.endsWith('.01.0000')) {
        units.push(...PUSKESMAS.map((nama): UnitTemplate => ({ nama: `UPT Puskesmas ${nama}`, jenis: 'upt', eselon: 'IV.a', fungsional: 'Dokter Ahli Pertama' })));
      }
      return units;
    }
  }
}

const STREETS = [
  'Jl. Bagindo Aziz Chan', 'Jl. Jenderal Sudirman', 'Jl. Khatib Sulaiman', 'Jl. H. Rasuna Said', 'Jl. Prof. M. Yamin SH', 'Jl. Veteran',
  'Jl. Samudera', 'Jl. Pemuda', 'Jl. Hayam Wuruk', 'Jl. Raden Saleh', 'Jl. Adinegoro', 'Jl. Gajah Mada', 'Jl. Perintis Kemerdekaan',
];

const location = (random: SeededRandom) => ({
  alamat: `${random.pick(STREETS)} No. ${random.int(1, 120)}, Padang`,
  // Around the city centre; numeric(9,6) keeps six decimals.
  latitude: Math.round((-0.95 + (random.next() - 0.5) * 0.12) * 1e6) / 1e6,
  longitude: Math.round((100.37 + (random.next() - 0.5) * 0.1) * 1e6) / 1e6,
});

interface OpdSeed {
  kode: string;
  nama: string;
  singkatan: string | null;
  jenis: OpdJenis;
  kodeWilayah: string | null;
}

/** Kecamatan and kelurahan offices of the pemda, from the wilayah registry (empty when it has none). */
async function wilayahOffices(kernel: Kernel): Promise<OpdSeed[]> {
  const kelurahan = await listKelurahan(kernel.db);
  const kecamatanCodes = [...new Set(kelurahan.map((k) => k.parentKode).filter((k): k is string => k !== null))].sort();
  const offices: OpdSeed[] = [];
  for (const [index, kode] of kecamatanCodes.entries()) {
    const kecamatan = await getWilayah(kernel.db, kode);
    if (!kecamatan) continue;
    const base = `7.01.0.00.0.00.${String(index + 1).padStart(2, '0')}`;
    offices.push({ kode: `${base}.0000`, nama: `Kecamatan ${kecamatan.nama}`, singkatan: null, jenis: 'kecamatan', kodeWilayah: kecamatan.kode });
    kelurahan
      .filter((k) => k.parentKode === kode && k.level === 'kelurahan')
      .forEach((k, n) => offices.push({ kode: `${base}.${String(n + 1).padStart(4, '0')}`, nama: `Kelurahan ${k.nama}`, singkatan: null, jenis: 'kelurahan', kodeWilayah: k.kode }));
  }
  return offices;
}

/**
 * The demo city's agencies: the usual dinas, badan and secretariats, a kecamatan and kelurahan
 * office for each region the wilayah registry holds, each with a unit tree and jabatan in force
 * since 2022. Set-based inserts, a history row per record, one audit entry for the batch.
 * Does nothing when any OPD exists already.
 */
export async function seedOrganisasi(kernel: Kernel, context: DemoContext): Promise<void> {
  const db = org(kernel.db);
  if (await db.selectFrom('organisasi.opd').select('id').limit(1).executeTakeFirst()) return;
  const { random, actor } = context;
  const seeds: OpdSeed[] = [...padangOpd.map((o) => ({ ...o, kodeWilayah: null })), ...(await wilayahOffices(kernel))];
  const now = new Date();

  const opdRows: Record<string, unknown>[] = [];
  const unitRows: Record<string, unknown>[] = [];
  const jabatanRows: Record<string, unknown>[] = [];
  const history: Record<string, unknown>[] = [];
  const stamp = { version: 1, created_at: now, updated_at: now };
  const historyRow = (entityType: string, entityId: string, snapshot: Record<string, unknown>) => ({
    entity_type: entityType,
    entity_id: entityId,
    version: 1,
    action: 'created',
    changed: sql`'{}'::text[]`,
    snapshot: JSON.stringify(snapshot),
    at: now,
    actor_type: actor.type,
    actor_id: actor.id,
    actor_name: actor.name,
    request_id: actor.requestId,
  });
  const iso = now.toISOString();

  for (const seed of seeds) {
    const id = uuidv7();
    const place = location(random);
    opdRows.push({ id, kode: seed.kode, nama: seed.nama, singkatan: seed.singkatan, jenis: seed.jenis, kode_wilayah: seed.kodeWilayah, ...place, ...stamp });
    history.push(
      historyRow('opd', id, {
        id, kode: seed.kode, nama: seed.nama, singkatan: seed.singkatan, jenis: seed.jenis, kodeWilayah: seed.kodeWilayah, ...place,
        version: 1, archivedAt: null, archiveReason: null, createdAt: iso, updatedAt: iso,
      }),
    );
    const addUnits = (templates: UnitTemplate[], parentId: string | null) => {
      for (const template of templates) {
        const unitId = uuidv7();
        unitRows.push({ id: unitId, opd_id: id, parent_id: parentId, nama: template.nama, jenis: template.jenis, berlaku_mulai: BERLAKU_MULAI, ...stamp });
        history.push(
          historyRow('unit', unitId, {
            id: unitId, opdId: id, opdKode: seed.kode, parentId, nama: template.nama, jenis: template.jenis, berlakuMulai: BERLAKU_MULAI, berlakuSampai: null,
            version: 1, archivedAt: null, archiveReason: null, createdAt: iso, updatedAt: iso,
          }),
        );
        const positions: [string, JabatanJenis, Eselon | null][] = [
          [template.kepala ?? `Kepala ${template.nama}`, 'struktural', template.eselon],
          ...(template.fungsional ? [[template.fungsional, 'fungsional', null] as [string, JabatanJenis, null]] : []),
          [random.pick(['Pengadministrasi Perkantoran', 'Penata Layanan Operasional', 'Pengelola Layanan Operasional']), 'pelaksana', null],
        ];
        for (const [nama, jenis, eselon] of positions) {
          const jabatanId = uuidv7();
          jabatanRows.push({ id: jabatanId, unit_id: unitId, nama, jenis, eselon, ...stamp });
          history.push(historyRow('jabatan', jabatanId, { id: jabatanId, unitId, nama, jenis, eselon, version: 1, archivedAt: null, createdAt: iso, updatedAt: iso }));
        }
        addUnits(template.children ?? [], unitId);
      }
    };
    addUnits(templateFor(seed.jenis, seed.kode), null);
  }

  await kernel.db.transaction().execute(async (outer) => {
    const trx = org(outer).withTables<{ 'organisasi.history': Record<string, unknown> }>();
    const insert = async (table: 'organisasi.opd' | 'organisasi.unit' | 'organisasi.jabatan' | 'organisasi.history', rows: Record<string, unknown>[]) => {
      for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
    };
    await insert('organisasi.opd', opdRows);
    // Parents were pushed before their children, so the foreign key holds chunk by chunk.
    await insert('organisasi.unit', unitRows);
    await insert('organisasi.jabatan', jabatanRows);
    await insert(`${HISTORY_SCHEMA}.history` as 'organisasi.history', history);
    await recordAudit(outer, actor, {
      action: 'organisasi.demo_seeded',
      entityType: 'organisasi',
      entityId: null,
      after: { scale: context.scale, opd: opdRows.length, unit: unitRows.length, jabatan: jabatanRows.length },
    });
  });
}
