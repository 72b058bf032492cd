import { Type, type TSchema } from 'typebox';
import { NextCursor, Timestamp, Total, listItemSchema, orNull } from '../kernel/http-schemas.js';
import { Text, Uuid } from '../../core/http/schemas.js';
import { MAX_PAGU, PROGRAM_LEVELS } from './model.js';

const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);

const KODE_PATTERN = '^[0-9Xx]+(\\.[0-9Xx]+)*$';
/** A kode program in any zero-padding variant; normalised by the service. */
export const KodeProgram = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: KODE_PATTERN,
  description: 'Kode `U.BB.PP.K.KK.SSSS` or a prefix of it; zero-padding variants are accepted (`1.2.2.2.2.8` = `1.02.02.2.02.0008`)',
  examples: ['1.02.02.2.02.0008'],
});
export const LevelSchema = Type.Enum([...PROGRAM_LEVELS]);
export const Tahun = Type.Integer({ minimum: 2000, maximum: 2100, description: 'Fiscal year', examples: [2026] });
export const Pagu = Type.Integer({ minimum: 0, maximum: MAX_PAGU, description: 'Budget ceiling in whole Rupiah', examples: [1_250_000_000] });

export const NomenklaturSchema = Type.Object({
  kode: Type.String({ examples: ['1.02.02.2.02.0008'] }),
  level: LevelSchema,
  parentKode: orNull<string>({}, 'string'),
  nama: Type.String(),
});
const CursorSchema = optional(Type.String({ minLength: 1, maxLength: 1000, pattern: '^[A-Za-z0-9_-]+$' }));

export const NomenklaturQuery = Type.Object(
  {
    level: optional(LevelSchema),
    parent: optional(KodeProgram),
    kode: optional(
      Type.String({ minLength: 1, maxLength: 40, pattern: KODE_PATTERN, description: 'The entry with this code and every entry under it (any zero-padding variant)', examples: ['1.02'] }),
    ),
    q: optional(Text(0, 100)),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    cursor: CursorSchema,
  },
  { additionalProperties: false },
);
export const NomenklaturPageSchema = Type.Object({ items: Type.Array(NomenklaturSchema), nextCursor: NextCursor });
export const KodeParams = Type.Object({ kode: KodeProgram });
export const JalurSchema = Type.Object({
  items: Type.Array(NomenklaturSchema, { description: 'From the urusan down to the entry itself' }),
});

export const IndikatorSchema = Type.Object({
  nama: Type.String(),
  satuan: orNull<string>({}, 'string'),
  target: orNull<number>({}, 'number'),
});
export const IndikatorInputSchema = Type.Object(
  {
    nama: Text(1, 500),
    satuan: optional(orNull<string>({ maxLength: 100, pattern: '^[^\\u0000-\\u001f\\u007f]*$' }, 'string')),
    target: optional(orNull<number>({ minimum: -1e15, maximum: 1e15 }, 'number')),
  },
  { additionalProperties: false },
);

const anggaranProperties = {
  tahun: Type.Integer(),
  opdId: Uuid,
  kode: Type.String({ description: 'Normalised sub-kegiatan code' }),
  nama: Type.String({ description: 'Name of the sub-kegiatan' }),
  pagu: Type.Integer({ description: 'Whole Rupiah' }),
  indikator: Type.Array(IndikatorSchema),
  version: Type.Integer({ minimum: 1 }),
  archivedAt: orNull<string>({ format: 'date-time' }, 'string'),
  archiveReason: orNull<string>({}, 'string'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};
export const AnggaranSchema = Type.Object({ id: Uuid, ...anggaranProperties });
export const AnggaranListItemSchema = listItemSchema(anggaranProperties);
export const AnggaranPageSchema = Type.Object({
  items: Type.Array(AnggaranListItemSchema),
  nextCursor: NextCursor,
  total: Total,
  totalPagu: Type.Optional(Type.Integer({ description: 'Sum of pagu (whole Rupiah) over the rows matching the filters, with `total=true`' })),
});

export const ANGGARAN_SORTS = ['kode', '-kode', 'pagu', '-pagu'] as const;
export const AnggaranQuery = Type.Object(
  {
    tahun: optional(Tahun),
    opd: optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z][0-9A-Za-z.-]*$', description: 'OPD id or kode' })),
    kode: optional(KodeProgram),
    q: optional(Type.String({ minLength: 0, maxLength: 100, pattern: '^[^\\u0000-\\u001f\\u007f]*$', description: 'Text in the sub-kegiatan name or code (case-insensitive)' })),
    includeArchived: Type.Boolean({ default: false }),
    sort: Type.Enum([...ANGGARAN_SORTS], { default: 'kode' }),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: CursorSchema,
    fields: optional(Type.String({ minLength: 1, maxLength: 300, pattern: '^[A-Za-z, ]+$', description: 'Comma-separated field names; id is always included' })),
    total: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Uuid });
export const NewAnggaranSchema = Type.Object(
  {
    tahun: Tahun,
    opd: Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z][0-9A-Za-z.-]*$', description: 'OPD id or kode' }),
    kode: KodeProgram,
    pagu: Pagu,
    indikator: optional(Type.Array(IndikatorInputSchema, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export const AnggaranPatchSchema = Type.Object(
  { pagu: optional(Pagu), indikator: optional(Type.Array(IndikatorInputSchema, { maxItems: 50, description: 'Replaces the whole list' })) },
  { additionalProperties: false },
);
export const ArsipBodySchema = Type.Object({ alasan: Text(3, 500) }, { additionalProperties: false });

export const HistorySchema = Type.Object({
  items: Type.Array(
    Type.Object({
      version: Type.Integer(),
      action: Type.String({ examples: ['created', 'updated', 'archived'] }),
      changed: Type.Array(Type.String()),
      snapshot: Type.Object({}, { additionalProperties: true, description: 'The record as it was at this version' }),
      at: Timestamp,
      actorType: Type.String(),
      actorId: orNull<string>({}, 'string'),
      actorName: orNull<string>({}, 'string'),
      requestId: orNull<string>({}, 'string'),
    }),
    { description: 'Newest version first' },
  ),
});

export const ImportBodySchema = Type.Object(
  { csv: Type.String({ minLength: 1, maxLength: 10 * 1024 * 1024, description: 'The CSV text (SIPD export shape; see the route description)' }) },
  { additionalProperties: false },
);
export const ImportResultSchema = Type.Object({
  rows: Type.Integer(),
  nomenklatur: Type.Object({ created: Type.Integer(), updated: Type.Integer() }),
  anggaran: Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() }),
  tahun: Type.Array(Type.Integer()),
});
const ProblemItem = Type.Object({ field: Type.String(), rule: Type.String(), message: Type.String() });
/** The 422 of an import: a problem document with every failing row. */
export const ImportProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(ProblemItem)),
    rows: Type.Optional(
      Type.Array(
        Type.Object({
          line: Type.Integer({ description: 'Line in the file; the header is line 1' }),
          problems: Type.Array(Type.Object({ column: Type.String(), rule: Type.String(), message: Type.String() })),
        }),
      ),
    ),
  },
  { description: 'application/problem+json with `rows`: each failing row and its problems' },
);

export const OpdRefSchema = Type.Object({
  id: Uuid,
  kode: Type.String(),
  nama: Type.String(),
  singkatan: orNull<string>({}, 'string'),
});
export const KewenanganSchema = Type.Object({
  cityWide: Type.Boolean({ description: 'program.manage for the whole city: every OPD, and the SIPD import' }),
  opd: Type.Array(OpdRefSchema, { description: 'Active OPDs whose budget lines the caller may add and change, in kode order; empty without program.manage' }),
});

export const RingkasanQuery = Type.Object(
  {
    tahun: optional(Tahun),
    includeArchived: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
export const RingkasanSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      opd: OpdRefSchema,
      total: Type.Integer({ description: 'Budget lines of this OPD' }),
      totalPagu: Type.Integer({ description: 'Sum of their pagu, whole Rupiah' }),
    }),
    { description: 'One row per OPD with budget lines, in OPD kode order' },
  ),
  total: Type.Integer(),
  totalPagu: Type.Integer(),
});
