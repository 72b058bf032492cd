import { Type, type TSchema } from 'typebox';
import { NextCursor, NullableTimestamp, Timestamp, Total, listItemSchema, orNull } from '../kernel/http-schemas.js';
import { Text, Uuid } from '../../core/http/schemas.js';
import { ESELON, JABATAN_JENIS, OPD_JENIS, UNIT_JENIS, type Eselon } from './model.js';

const nullableText = (min: number, max: number) => orNull<string>({ minLength: min, maxLength: max, pattern: '^[^\\u0000-\\u001f\\u007f]*$' }, 'string');
const nullableNumber = (minimum: number, maximum: number) => orNull<number>({ minimum, maximum }, 'number');
const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);

/** An OPD's natural code, e.g. `2.16.0.00.0.00.01.0000`; also accepted wherever an id is. */
export const Kode = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[0-9A-Za-z][0-9A-Za-z.-]*$',
  description: 'Kode OPD: digits, letters, dots and dashes',
  examples: ['2.16.0.00.0.00.01.0000'],
});
/** A calendar day; years 1900–2199 keep every value inside PostgreSQL's and the calendar's range. */
export const IsoDate = Type.String({ format: 'date', pattern: '^(19|2[01])\\d{2}-\\d{2}-\\d{2}$', examples: ['2025-01-01'] });
const NullableDate = orNull<string>({ format: 'date' }, 'string');
const NullableUuid = orNull<string>({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' }, 'string');

export const OpdJenisSchema = Type.Enum([...OPD_JENIS]);
export const UnitJenisSchema = Type.Enum([...UNIT_JENIS]);
export const JabatanJenisSchema = Type.Enum([...JABATAN_JENIS]);
export const EselonSchema = Type.Enum([...ESELON]);

const Latitude = nullableNumber(-11, 6);
const Longitude = nullableNumber(95, 141);

const opdProperties = {
  kode: Type.String(),
  nama: Type.String(),
  singkatan: orNull<string>({}, 'string'),
  jenis: OpdJenisSchema,
  kodeWilayah: orNull<string>({ description: 'Kode wilayah of a kecamatan or kelurahan office' }, 'string'),
  alamat: orNull<string>({}, 'string'),
  latitude: orNull<number>({}, 'number'),
  longitude: orNull<number>({}, 'number'),
  version: Type.Integer({ minimum: 1 }),
  archivedAt: NullableTimestamp,
  archiveReason: orNull<string>({}, 'string'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const OpdSchema = Type.Object({ id: Uuid, ...opdProperties });

/** With `fields=`, a list row holds the id and only the fields asked for. */
export const OpdListItemSchema = listItemSchema(opdProperties);

export const OpdPageSchema = Type.Object({
  items: Type.Array(OpdListItemSchema),
  nextCursor: NextCursor,
  total: Total,
});

export const OPD_SORTS = ['kode', '-kode', 'nama', '-nama'] as const;

export const OpdListQuery = Type.Object(
  {
    q: optional(Text(0, 100)),
    kode: optional(Kode),
    jenis: optional(OpdJenisSchema),
    kodeWilayah: optional(Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9.]+$' })),
    includeArchived: Type.Boolean({ default: false }),
    sort: Type.Enum([...OPD_SORTS], { default: 'kode' }),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: optional(Type.String({ minLength: 1, maxLength: 1000, pattern: '^[A-Za-z0-9_-]+$' })),
    fields: optional(Type.String({ minLength: 1, maxLength: 300, pattern: '^[A-Za-z, ]+$', description: 'Comma-separated field names; id is always included' })),
    total: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

export const RefParams = Type.Object({
  ref: Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z][0-9A-Za-z.-]*$', description: 'OPD id (uuid) or kode' }),
});

export const NewOpdSchema = Type.Object(
  {
    kode: Kode,
    nama: Text(1, 200),
    singkatan: optional(nullableText(0, 60)),
    jenis: OpdJenisSchema,
    kodeWilayah: optional(nullableText(0, 20)),
    alamat: optional(nullableText(0, 500)),
    latitude: optional(Latitude),
    longitude: optional(Longitude),
  },
  { additionalProperties: false },
);

export const OpdPatchSchema = Type.Object(
  {
    kode: optional(Kode),
    nama: optional(Text(1, 200)),
    singkatan: optional(nullableText(0, 60)),
    jenis: optional(OpdJenisSchema),
    kodeWilayah: optional(nullableText(0, 20)),
    alamat: optional(nullableText(0, 500)),
    latitude: optional(Latitude),
    longitude: optional(Longitude),
  },
  { additionalProperties: false },
);

export const ArchiveBodySchema = Type.Object({ reason: Text(3, 500) }, { additionalProperties: false });

export const HistoryEntrySchema = Type.Object({
  version: Type.Integer(),
  action: Type.String({ examples: ['created', 'updated', 'closed', 'archived'] }),
  changed: Type.Array(Type.String()),
  snapshot: Type.Object({}, { additionalProperties: true, description: 'The record as it was at this version' }),
  at: Timestamp,
  actorType: Type.String(),
  actorId: orNull<string>({}, 'string'),
  actorName: orNull<string>({}, 'string'),
  requestId: orNull<string>({}, 'string'),
});
export const HistorySchema = Type.Object({ items: Type.Array(HistoryEntrySchema, { description: 'Newest version first' }) });

export const JabatanSchema = Type.Object({
  id: Uuid,
  unitId: Uuid,
  nama: Type.String(),
  jenis: JabatanJenisSchema,
  eselon: orNull<string>({ enum: [...ESELON, null] }, 'string'),
  version: Type.Integer(),
  archivedAt: NullableTimestamp,
  archiveReason: orNull<string>({}, 'string'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const JabatanListSchema = Type.Object({ items: Type.Array(JabatanSchema, { description: 'Org-chart order (highest eselon first); archived positions last' }) });

export const JabatanParams = Type.Object({ id: Uuid });

export const JabatanListQuery = Type.Object(
  { includeArchived: Type.Boolean({ default: false, description: 'Also list archived positions' }) },
  { additionalProperties: false },
);

export const JabatanPatchSchema = Type.Object(
  {
    nama: optional(Text(1, 200)),
    jenis: optional(JabatanJenisSchema),
    eselon: optional(orNull<Eselon>({ enum: [...ESELON, null], description: 'Only for structural positions; leaving the structural kind drops it' }, 'string')),
  },
  { additionalProperties: false },
);

export const NewJabatanSchema = Type.Object(
  {
    nama: Text(1, 200),
    jenis: JabatanJenisSchema,
    eselon: optional(orNull<Eselon>({ enum: [...ESELON, null] }, 'string')),
  },
  { additionalProperties: false },
);

const unitProperties = {
  id: Uuid,
  opdId: Uuid,
  opdKode: Type.String(),
  parentId: NullableUuid,
  nama: Type.String(),
  jenis: UnitJenisSchema,
  berlakuMulai: Type.String({ format: 'date', description: 'First day in force' }),
  berlakuSampai: orNull<string>({ format: 'date', description: 'Last day in force (inclusive); null while open-ended' }, 'string'),
  alamat: orNull<string>({ description: 'Office address of a unit housed apart from its agency; null: at the agency’s office' }, 'string'),
  latitude: orNull<number>({}, 'number'),
  longitude: orNull<number>({}, 'number'),
  version: Type.Integer(),
  archivedAt: NullableTimestamp,
  archiveReason: orNull<string>({}, 'string'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};
export const UnitSchema = Type.Object(unitProperties);
export const UnitDetailSchema = Type.Object({ ...unitProperties, jabatan: Type.Array(JabatanSchema) });

export const UnitParams = Type.Object({ id: Uuid });

export const NewUnitSchema = Type.Object(
  {
    nama: Text(1, 200),
    jenis: UnitJenisSchema,
    parentId: optional(NullableUuid),
    berlakuMulai: optional(IsoDate),
    berlakuSampai: optional(orNull<string>({ format: 'date', pattern: '^(19|2[01])\\d{2}-\\d{2}-\\d{2}$' }, 'string')),
    alamat: optional(nullableText(0, 500)),
    latitude: optional(Latitude),
    longitude: optional(Longitude),
  },
  { additionalProperties: false },
);

export const UnitPatchSchema = Type.Object(
  {
    nama: optional(Text(1, 200)),
    jenis: optional(UnitJenisSchema),
    parentId: optional(NullableUuid),
    alamat: optional(nullableText(0, 500)),
    latitude: optional(Latitude),
    longitude: optional(Longitude),
  },
  { additionalProperties: false },
);

export const CloseUnitSchema = Type.Object(
  { berlakuSampai: IsoDate, reason: optional(Text(0, 500)) },
  { additionalProperties: false },
);

export const StrukturQuery = Type.Object(
  { tanggal: optional(IsoDate) },
  { additionalProperties: false },
);

export const StrukturUnitSchema = Type.Object({
  id: Uuid,
  parentId: NullableUuid,
  depth: Type.Integer({ minimum: 0, description: '0 for a unit directly under the OPD' }),
  nama: Type.String(),
  jenis: UnitJenisSchema,
  berlakuMulai: Type.String({ format: 'date' }),
  berlakuSampai: NullableDate,
  alamat: orNull<string>({}, 'string'),
  version: Type.Integer(),
  jabatan: Type.Array(Type.Object({ id: Uuid, nama: Type.String(), jenis: JabatanJenisSchema, eselon: orNull<string>({}, 'string') })),
});

export const StrukturSchema = Type.Object({
  opd: OpdSchema,
  tanggal: Type.String({ format: 'date' }),
  units: Type.Array(StrukturUnitSchema, {
    description: 'The tree in depth-first order: each unit comes right after its parent and before its next sibling',
  }),
});

const BukaSchema = Type.Object(
  {
    ref: optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9._-]+$', description: 'A name for this new unit that other entries use as parentRef' })),
    parentRef: optional(orNull<string>({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9._-]+$', description: 'Id of a unit in force, or the ref of another new unit; null or absent for a top unit' }, 'string')),
    nama: Text(1, 200),
    jenis: UnitJenisSchema,
    jabatan: optional(Type.Array(NewJabatanSchema, { maxItems: 100 })),
  },
  { additionalProperties: false },
);

export const ReorganisasiSchema = Type.Object(
  {
    tanggal: IsoDate,
    keterangan: optional(Text(0, 500)),
    tutup: Type.Array(Uuid, { maxItems: 500, uniqueItems: true, default: [], description: 'Units whose last day in force is the day before `tanggal`' }),
    buka: Type.Array(BukaSchema, { maxItems: 500, default: [], description: 'Units in force from `tanggal`' }),
  },
  { additionalProperties: false },
);

export const ReorganisasiResultSchema = Type.Object({
  opd: OpdSchema,
  tanggal: Type.String({ format: 'date' }),
  closed: Type.Array(UnitSchema),
  opened: Type.Array(UnitDetailSchema),
});
