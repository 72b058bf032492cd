import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../core/audit/trail.js';
import type { Kernel } from '../../core/kernel.js';
import type { DemoContext } from '../demo/context.js';
import { personName, type Sex } from '../demo/names.js';
import type { SeededRandom } from '../demo/random.js';
import { validateNik, validateNoKk } from '../identity/index.js';
import { isKnownKecamatan, listKelurahan } from '../wilayah/index.js';
import { copyRows } from './copy-rows.js';
import { pendudukDb } from './tables.js';

/** Ages are counted from this day, so the same seed gives the same city on any date. */
const REFERENCE_DAY = '2024-12-31';
const REFERENCE_YEAR = 2024;
const BATCH = 20_000;
const TARGET = { small: 2_000, city: 900_000 } as const;

const STREETS = [
  'Jl. Sudirman', 'Jl. Khatib Sulaiman', 'Jl. Veteran', 'Jl. Proklamasi', 'Jl. Ahmad Yani', 'Jl. Hamka', 'Jl. Adinegoro',
  'Jl. Bagindo Aziz Chan', 'Jl. Rasuna Said', 'Jl. Gajah Mada', 'Jl. Perintis Kemerdekaan', 'Jl. Diponegoro', 'Jl. Ujung Gurun',
  'Jl. Belanti Raya', 'Jl. Raya Siteba', 'Jl. Dr. Sutomo', 'Jl. Jati', 'Jl. Kampung Nias', 'Jl. Pasar Baru', 'Jl. Andalas',
  'Komplek Perumnas Belimbing', 'Komplek Filano', 'Jl. Parak Gadang', 'Jl. Lubuk Begalung', 'Jl. Raya Indarung',
];
const BIRTHPLACES = ['Bukittinggi', 'Pariaman', 'Solok', 'Payakumbuh', 'Padang Panjang', 'Sawahlunto', 'Painan', 'Pekanbaru', 'Medan', 'Jakarta'];
const WORK_MEN = [15, 15, 88, 88, 88, 8, 84, 5, 19, 19, 14, 81, 11, 13, 26, 18, 16, 9, 6, 7, 65, 35];
const WORK_WOMEN = [15, 88, 8, 84, 5, 18, 19, 16, 65, 30, 74, 73];

interface Family {
  id: string;
  noKk: string;
  kelurahan: string;
  alamat: string;
  rt: string;
  rw: string;
}
interface Person {
  nik: string;
  noKk: string;
  nama: string;
  sex: Sex;
  tempatLahir: string;
  tanggalLahir: string;
  agama: number;
  pendidikan: number;
  pekerjaan: number;
  statusKawin: number;
  shdk: number;
  status: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** NIKs and KK numbers: kecamatan digits + date + a serial counted per (prefix, date), from 0001. */
class Numbers {
  private readonly serials = new Map<string, number>();
  next(prefix: string): string {
    const serial = (this.serials.get(prefix) ?? 0) + 1;
    this.serials.set(prefix, serial);
    return prefix + pad(serial, 4);
  }
}

function birthDate(random: SeededRandom, age: number): string {
  const year = REFERENCE_YEAR - age;
  return random.date(`${year}-01-01`, `${year}-12-31`);
}

function nikFor(numbers: Numbers, kecamatanDigits: string, sex: Sex, tanggal: string): string {
  const [year, month, day] = tanggal.split('-');
  const dd = Number(day) + (sex === 'P' ? 40 : 0);
  return numbers.next(`${kecamatanDigits}${pad(dd, 2)}${month}${year!.slice(2)}`);
}

function pendidikanFor(random: SeededRandom, age: number): number {
  if (age < 6) return 1;
  if (age < 13) return 2;
  if (age < 16) return 3;
  if (age < 19) return 4;
  return random.pick([3, 4, 5, 5, 5, 5, 6, 7, 8, 8, 8, 9]);
}

function pekerjaanFor(random: SeededRandom, age: number, sex: Sex): number {
  if (age < 6) return 1;
  if (age < 23) return random.chance(0.9) ? 3 : 1;
  if (age >= 60 && random.chance(0.4)) return 4;
  if (sex === 'P' && random.chance(0.4)) return 2;
  return random.pick(sex === 'L' ? WORK_MEN : WORK_WOMEN);
}

function agamaFor(random: SeededRandom): number {
  const r = random.next();
  return r < 0.97 ? 1 : r < 0.99 ? 2 : 3;
}

function statusFor(random: SeededRandom, age: number): string {
  const r = random.next();
  if (age > 60 && r < 0.04) return 'mati';
  if (r > 0.985) return 'pindah';
  return 'hidup';
}

/** One family: a head, often a spouse, children, now and then a grandparent. */
function makeFamily(random: SeededRandom, numbers: Numbers, kk: Numbers, kelurahan: { kode: string; kecamatanDigits: string }): { family: Family; people: Person[] } {
  const issued = random.date('2005-01-01', REFERENCE_DAY);
  const [iy, im, id] = issued.split('-');
  const noKk = kk.next(`${kelurahan.kecamatanDigits}${id}${im}${iy!.slice(2)}`);
  const family: Family = {
    id: uuidv7(),
    noKk,
    kelurahan: kelurahan.kode,
    alamat: `${random.pick(STREETS)} No. ${random.int(1, 150)}`,
    rt: pad(random.int(1, 12), 3),
    rw: pad(random.int(1, 8), 3),
  };
  const people: Person[] = [];
  const add = (sex: Sex, age: number, shdk: number, statusKawin: number, nama = personName(random, sex)) => {
    const tanggalLahir = birthDate(random, age);
    people.push({
      nik: nikFor(numbers, kelurahan.kecamatanDigits, sex, tanggalLahir),
      noKk,
      nama,
      sex,
      tempatLahir: random.chance(0.8) ? 'Padang' : random.pick(BIRTHPLACES),
      tanggalLahir,
      agama: agamaFor(random),
      pendidikan: pendidikanFor(random, age),
      pekerjaan: pekerjaanFor(random, age, sex),
      statusKawin,
      shdk,
      status: shdk === 1 ? 'hidup' : statusFor(random, age),
    });
  };
  const single = random.chance(0.12);
  const headSex: Sex = single && random.chance(0.5) ? 'P' : 'L';
  const headAge = random.int(24, 75);
  add(headSex, headAge, 1, single ? random.pick([1, 3, 4]) : 2);
  if (!single) {
    const spouseAge = Math.max(19, headAge - random.int(-2, 7));
    add('P', spouseAge, 3, 2);
    const youngest = Math.min(headAge, spouseAge) - 19;
    const children = youngest > 0 ? random.int(0, 4) : 0;
    for (let i = 0; i < children; i += 1) {
      const age = random.int(0, Math.min(youngest, 30));
      add(random.chance(0.5) ? 'L' : 'P', age, 4, age > 24 && random.chance(0.3) ? 2 : 1);
    }
    if (headAge < 55 && random.chance(0.08)) add(random.chance(0.7) ? 'P' : 'L', Math.min(95, headAge + random.int(22, 30)), 7, 4);
  }
  return { family, people };
}

/** Every generated number goes through the same rules as an entered one; a failure is a generator bug. */
function validate(families: Family[], people: Person[]): void {
  for (const family of families) {
    const checked = validateNoKk(family.noKk, { isKnownKecamatan });
    if (!checked.ok) throw new Error(`demo No. KK ${family.noKk} breaks ${checked.violations.map((v) => v.rule).join(', ')}`);
  }
  for (const person of people) {
    const checked = validateNik(person.nik, { isKnownKecamatan, birthDate: person.tanggalLahir, sex: person.sex });
    if (!checked.ok) throw new Error(`demo NIK ${person.nik} breaks ${checked.violations.map((v) => v.rule).join(', ')}`);
  }
}

/**
 * One batch in one transaction: its muatan (bulk-load) row, then families and residents by COPY.
 * No history rows: version 1 of a loaded record is the record itself (registry kernel, history.ts).
 */
async function flush(kernel: Kernel, families: Family[], people: Person[], actor: DemoContext['actor']): Promise<void> {
  if (families.length === 0 && people.length === 0) return;
  validate(families, people);
  const kelurahanByKk = new Map(families.map((f) => [f.noKk, f.kelurahan]));
  const muatan = uuidv7();
  const client = await kernel.database.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO penduduk.muatan (id, source, actor_type, actor_id, actor_name, request_id, penduduk, keluarga) VALUES ($1, 'demo', $2, $3, $4, $5, $6, $7)`,
      [muatan, actor.type, actor.id, actor.name, actor.requestId, people.length, families.length],
    );
    await copyRows(client, 'penduduk.keluarga', ['id', 'no_kk', 'kode_kelurahan', 'alamat', 'rt', 'rw', 'muatan_id'],
      families.map((f) => [f.id, f.noKk, f.kelurahan, f.alamat, f.rt, f.rw, muatan]));
    await copyRows(client, 'penduduk.penduduk',
      ['id', 'nik', 'no_kk', 'nama', 'jenis_kelamin', 'tempat_lahir', 'tanggal_lahir', 'agama', 'pendidikan', 'pekerjaan', 'status_kawin', 'shdk', 'status', 'kode_kelurahan', 'muatan_id'],
      people.map((p) => [uuidv7(), p.nik, p.noKk, p.nama, p.sex, p.tempatLahir, p.tanggalLahir, p.agama, p.pendidikan, p.pekerjaan, p.statusKawin, p.shdk, p.status, kelurahanByKk.get(p.noKk)!, muatan]));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Lets the COPY of the batch in flight move on while the next one is generated. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Families with valid NIKs and KK numbers in every kelurahan of the pemda: ~2,000 residents at
 * `small`, ~900,000 at `city`. Every number is validated like an entered one, then each batch of
 * 20,000 residents goes in by COPY in one transaction: no per-row statements. Generating a batch
 * (this process) overlaps with storing the previous one (the database), one batch in flight.
 * Does nothing when residents exist already.
 */
export async function seedPenduduk(kernel: Kernel, context: DemoContext): Promise<void> {
  const db = pendudukDb(kernel.db);
  if (await db.selectFrom('penduduk.penduduk').select('id').limit(1).executeTakeFirst()) return;
  const kelurahan = (await listKelurahan(kernel.db)).map((k) => ({ kode: k.kode, kecamatanDigits: k.kode.slice(0, 8).replaceAll('.', '') }));
  if (kelurahan.length === 0) return;
  const perKelurahan = Math.ceil(TARGET[context.scale] / kelurahan.length);
  const numbers = new Numbers();
  const kk = new Numbers();
  const { random } = context;
  let families: Family[] = [];
  let people: Person[] = [];
  let total = 0;
  let familyCount = 0;
  let inFlight: Promise<void> | null = null;
  const send = async () => {
    if (inFlight) await inFlight;
    inFlight = flush(kernel, families, people, context.actor);
    inFlight.catch(() => {}); // awaited before the next batch or at the end
    total += people.length;
    familyCount += families.length;
    families = [];
    people = [];
  };
  for (const k of kelurahan) {
    let here = 0;
    while (here < perKelurahan) {
      const made = makeFamily(random, numbers, kk, k);
      families.push(made.family);
      people.push(...made.people);
      here += made.people.length;
      if (families.length % 256 === 0) await yieldToIo();
      if (people.length >= BATCH) await send();
    }
  }
  await send();
  await inFlight;
  // Fresh statistics, or the planner meets a city of residents it believes is empty.
  await sql`ANALYZE penduduk.keluarga, penduduk.penduduk`.execute(kernel.db);
  await kernel.db.transaction().execute((trx) =>
    recordAudit(trx, context.actor, { action: 'penduduk.demo_seeded', entityType: 'penduduk', entityId: null, after: { scale: context.scale, penduduk: total, keluarga: familyCount } }),
  );
}
