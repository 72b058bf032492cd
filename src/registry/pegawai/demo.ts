import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../core/audit/trail.js';
import type { Kernel } from '../../core/kernel.js';
import type { DemoContext } from '../demo/context.js';
import { personName } from '../demo/names.js';
import type { SeededRandom } from '../demo/random.js';
import { validateNip } from '../identity/index.js';
import { listOpd, strukturAsOf, todayWib, type Opd, type StrukturUnit } from '../organisasi/index.js';
import { GOLONGAN_PNS, pangkatOf, type JenisPegawai, type StatusPegawai } from './model.js';
import { peg } from './tables.js';

const COUNT = { small: 300, city: 12_000 } as const;
const CHUNK = 500;

/** How many staff an agency of each kind has, relative to a dinas. */
const WEIGHT: Record<string, number> = {
  sekretariat: 3, dinas: 3, badan: 2, inspektorat: 1.5, satpol_pp: 3, kantor: 1, kecamatan: 1, kelurahan: 0.3, rsud: 5, lainnya: 1,
};

const PELAKSANA = [
  'Pengadministrasi Umum', 'Pengelola Keuangan', 'Bendahara', 'Arsiparis', 'Pranata Komputer', 'Analis Kebijakan',
  'Perencana', 'Pengelola Data', 'Pengadministrasi Perkantoran', 'Penata Laporan Keuangan', 'Pengelola Barang Milik Daerah',
  'Pengemudi', 'Analis Sumber Daya Manusia Aparatur', 'Pengelola Layanan Operasional',
];
const GURU = ['Guru Ahli Pertama', 'Guru Ahli Muda', 'Guru Ahli Madya'];
const NAKES = ['Perawat Terampil', 'Perawat Ahli Pertama', 'Bidan Terampil', 'Dokter Ahli Pertama', 'Apoteker Ahli Pertama'];
const PPPK_GOLONGAN = ['V', 'VII', 'IX', 'IX', 'X'];

interface Place {
  opd: Pick<Opd, 'id' | 'kode' | 'jenis'>;
  units: StrukturUnit[];
  weight: number;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const ascii = (text: string) => text.toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '');

/** Reads the demo OPDs and their units through organisasi's functions. */
async function places(kernel: Kernel): Promise<Place[]> {
  const found: Place[] = [];
  let cursor: string | undefined;
  do {
    const page = await listOpd(kernel.db, { limit: 200, cursor, fields: 'kode,jenis' });
    for (const item of page.items) {
      const struktur = await strukturAsOf(kernel.db, item.id!);
      if (struktur.units.length === 0) continue;
      const kode = item.kode ?? '';
      // Schools and health centres make education and health the largest employers.
      const factor = kode.startsWith('1.01.') ? 6 : kode.startsWith('1.02.') ? 3 : 1;
      found.push({ opd: { id: item.id!, kode, jenis: item.jenis! }, units: struktur.units, weight: (WEIGHT[item.jenis!] ?? 1) * factor });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}

function weightedPick(random: SeededRandom, list: Place[], total: number): Place {
  let left = random.next() * total;
  for (const place of list) {
    left -= place.weight;
    if (left < 0) return place;
  }
  return list[list.length - 1]!;
}

/**
 * The demo city's employees: `small` ≈ 300, `city` ≈ 12,000, spread over the OPDs organisasi
 * seeded (their units and jabatan), with NIPs consistent with birth date, sex and TMT CPNS, and
 * one to three positions each. Written with multi-row INSERTs, one audit entry for the batch.
 */
export async function seedPegawai(kernel: Kernel, context: DemoContext): Promise<void> {
  // Like the other modules' seeders: a registry that holds employees already is left alone.
  if (await peg(kernel.db).selectFrom('pegawai.pegawai').select('id').limit(1).executeTakeFirst()) return;
  const { random } = context;
  const list = await places(kernel);
  if (list.length === 0) return; // organisasi seeded no units: nowhere to place anyone
  const totalWeight = list.reduce((sum, p) => sum + p.weight, 0);
  const today = todayWib();
  const thisYear = Number(today.slice(0, 4));
  const now = new Date();
  const serials = new Map<string, number>();
  const emails = new Set<string>();

  const pegawaiRows: Record<string, unknown>[] = [];
  const riwayatRows: Record<string, unknown>[] = [];
  const historyRows: Record<string, unknown>[] = [];

  for (let i = 0; i < COUNT[context.scale]; i++) {
    const place = weightedPick(random, list, totalWeight);
    const sex = random.chance(0.52) ? 'P' : 'L';
    const roll = random.next();
    const jenis: JenisPegawai = roll < 0.68 ? 'pns' : roll < 0.85 ? 'pppk' : 'non_asn';
    const birth = random.date(jenis === 'pns' ? '1966-01-01' : '1975-01-01', jenis === 'non_asn' ? '2003-12-31' : '1999-12-31');
    const birthYear = Number(birth.slice(0, 4));
    const entryYear = Math.min(thisYear - 1, jenis === 'pppk' ? random.int(2019, thisYear - 1) : birthYear + random.int(22, 32));
    const entryMonth = random.int(1, 12);

    let nip: string | null = null;
    if (jenis !== 'non_asn') {
      const prefix = `${birth.replaceAll('-', '')}${pad(entryYear, 4)}${pad(entryMonth, 2)}${sex === 'L' ? 1 : 2}`;
      const serial = (serials.get(prefix) ?? 0) + 1;
      serials.set(prefix, serial);
      nip = `${prefix}${pad(serial, 3)}`;
      const check = validateNip(nip, { today: now, birthDate: birth, sex });
      if (!check.ok) continue; // cannot happen with the bounds above; never store a bad NIP
    }
    const years = thisYear - entryYear;
    const golongan =
      jenis === 'pns'
        ? GOLONGAN_PNS[Math.min((random.chance(0.35) ? 4 : 8) + Math.floor(years / 4), random.chance(0.03) ? 14 : 13)]!
        : jenis === 'pppk'
          ? random.pick(PPPK_GOLONGAN)
          : null;
    const age = thisYear - birthYear;
    const statusRoll = random.next();
    const status: StatusPegawai =
      jenis === 'pns' && age >= 58 && statusRoll < 0.5 ? 'pensiun' : statusRoll > 0.995 ? 'meninggal' : statusRoll > 0.99 ? 'mutasi_keluar' : statusRoll > 0.96 ? 'cuti' : 'aktif';

    const nama = personName(random, sex);
    let email: string | null = null;
    if (random.chance(0.8)) {
      const base = ascii(nama);
      let candidate = `${base}@padang.go.id`;
      for (let n = 2; emails.has(candidate); n++) candidate = `${base}${n}@padang.go.id`;
      emails.add(candidate);
      email = candidate;
    }
    const telepon = random.chance(0.85) ? `08${random.pick(['11', '12', '13', '21', '22', '52', '53', '77', '78'])}${pad(random.int(0, 99_999_999), 8)}` : null;
    const gelarDepan = jenis !== 'non_asn' && random.chance(0.05) ? random.pick(['dr.', 'Drs.', 'Ir.']) : null;
    const gelarBelakang = jenis !== 'non_asn' && random.chance(0.55) ? random.pick(['S.Pd', 'S.Kom', 'S.E', 'S.H', 'S.Sos', 'S.T', 'M.Si', 'M.M', 'A.Md', 'S.Kep']) : null;

    // One to three positions; earlier ones may have been in another OPD.
    const id = uuidv7();
    const first = jenis === 'non_asn' ? random.date(`${birthYear + 20}-01-01`, `${thisYear - 1}-06-30`) : `${pad(entryYear, 4)}-${pad(entryMonth, 2)}-01`;
    const count = Math.min(1 + random.int(0, 2), 1 + Math.floor(years / 3));
    const tmts = [first];
    for (let k = 1; k < count; k++) {
      const previous = tmts[k - 1]!;
      const from = `${Number(previous.slice(0, 4)) + 1}${previous.slice(4)}`;
      if (from >= today) break;
      tmts.push(random.date(from, `${Math.min(thisYear, Number(from.slice(0, 4)) + 6)}-01-01` < from ? from : `${Math.min(thisYear, Number(from.slice(0, 4)) + 6)}-01-01`));
    }
    const namaJabatanOf = (p: Place, unit: StrukturUnit): { jabatanId: string | null; namaJabatan: string } => {
      if (unit.jabatan.length > 0 && random.chance(0.25)) {
        const jabatan = random.pick(unit.jabatan);
        return { jabatanId: jabatan.id, namaJabatan: jabatan.nama };
      }
      const pool = p.opd.kode.startsWith('1.01.') && random.chance(0.7) ? GURU : p.opd.kode.startsWith('1.02.') && random.chance(0.6) ? NAKES : PELAKSANA;
      return { jabatanId: null, namaJabatan: random.pick(pool) };
    };
    let current = { place, unit: random.pick(place.units), ...{ jabatanId: null as string | null, namaJabatan: '' } };
    tmts.forEach((tmt, k) => {
      const last = k === tmts.length - 1;
      const p = last ? place : random.chance(0.3) ? weightedPick(random, list, totalWeight) : place;
      const unit = last ? current.unit : random.pick(p.units);
      const jab = namaJabatanOf(p, unit);
      if (last) current = { place: p, unit, ...jab };
      riwayatRows.push({
        id: uuidv7(),
        pegawai_id: id,
        opd_id: p.opd.id,
        unit_id: unit.id,
        jabatan_id: jab.jabatanId,
        nama_jabatan: jab.namaJabatan,
        tmt,
        selesai: last ? null : tmts[k + 1]!,
      });
    });

    const row = {
      id, nip, nama, gelar_depan: gelarDepan, gelar_belakang: gelarBelakang, jenis_kelamin: sex, tanggal_lahir: birth, jenis, golongan,
      opd_id: place.opd.id, unit_id: current.unit.id, status, email, telepon,
    };
    pegawaiRows.push(row);
    historyRows.push({
      entity_type: 'pegawai', entity_id: id, version: 1, action: 'created', changed: [], actor_type: context.actor.type, actor_id: context.actor.id,
      actor_name: context.actor.name, request_id: null,
      snapshot: JSON.stringify({
        id, nip, nama, gelarDepan, gelarBelakang, jenisKelamin: sex, tanggalLahir: birth, jenis, golongan, pangkat: pangkatOf(golongan),
        opdId: place.opd.id, unitId: current.unit.id, jabatanId: current.jabatanId, namaJabatan: current.namaJabatan, tmtJabatan: tmts.at(-1),
        status, email, telepon, version: 1, archivedAt: null, archiveReason: null, createdAt: now.toISOString(), updatedAt: now.toISOString(),
      }),
    });
  }

  await kernel.db.transaction().execute(async (outer) => {
    const trx = peg(outer);
    for (let i = 0; i < pegawaiRows.length; i += CHUNK) {
      await trx.insertInto('pegawai.pegawai').values(pegawaiRows.slice(i, i + CHUNK) as never).execute();
    }
    for (let i = 0; i < riwayatRows.length; i += CHUNK) {
      await trx.insertInto('pegawai.riwayat_jabatan').values(riwayatRows.slice(i, i + CHUNK) as never).execute();
    }
    for (let i = 0; i < historyRows.length; i += CHUNK) {
      await outer.withTables<{ 'pegawai.history': Record<string, unknown> }>().insertInto('pegawai.history').values(historyRows.slice(i, i + CHUNK) as never).execute();
    }
    await recordAudit(outer, context.actor, {
      action: 'pegawai.demo_seeded',
      entityType: 'pegawai',
      entityId: null,
      after: { count: pegawaiRows.length, scale: context.scale },
    });
  });
}
