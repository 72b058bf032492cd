import { Type } from 'typebox';
import { ProblemSchema, Text } from '../../core/http/schemas.js';

export const LEVELS = ['provinsi', 'kabkota', 'kecamatan', 'kelurahan', 'desa'] as const;
export const LevelSchema = Type.Enum([...LEVELS], { description: 'provinsi, kabkota (kabupaten/kota), kecamatan, kelurahan or desa' });

const Kode = Type.String({ description: 'Kode wilayah (Kemendagri), dotted', examples: ['13.71.01.1001'] });
const KodeInput = Text(1, 20);

export const WilayahSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kode: Kode,
  nama: Type.String(),
  level: LevelSchema,
  parentKode: Type.Union([Kode, Type.Null()]),
  hasBoundary: Type.Boolean({ description: 'Whether a boundary (GeoJSON) is attached' }),
  source: Type.String({ description: 'Package and version the region was loaded from', examples: ['idn-area-data@3.1.2'] }),
  loadedAt: Type.String({ format: 'date-time' }),
});

export const WilayahListQuery = Type.Object(
  {
    level: Type.Optional(LevelSchema),
    parent: Type.Optional({ ...KodeInput, description: 'Only the direct children of this kode' }),
    within: Type.Optional({ ...KodeInput, description: 'Only regions below this kode, at any depth' }),
    q: Type.Optional({ ...Text(0, 100), description: 'Part of the name, or the start of a kode' }),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional({ ...Text(1, 500), description: 'nextCursor of the previous page' }),
  },
  { additionalProperties: false },
);

export const WilayahPageSchema = Type.Object({
  items: Type.Array(WilayahSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for the next page; null on the last page' }),
});

export const WilayahListSchema = Type.Object({ items: Type.Array(WilayahSchema) });

export const KodeParams = Type.Object({
  kode: Type.String({ minLength: 1, maxLength: 40, description: 'Kode wilayah, dotted (13.71.01.1001) or not (1371011001), or the region id' }),
});

export const PemdaTreeSchema = Type.Object({
  pemda: WilayahSchema,
  provinsi: Type.Union([WilayahSchema, Type.Null()]),
  kecamatan: Type.Array(Type.Object({ ...WilayahSchema.properties, kelurahan: Type.Array(WilayahSchema) })),
});

const BBoxSchema = Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description: '[west, south, east, north] in degrees' });
const GeometrySchema = Type.Object(
  {
    type: Type.Enum(['Polygon', 'MultiPolygon']),
    coordinates: Type.Array(Type.Unknown(), { description: 'GeoJSON coordinates, [longitude, latitude] in WGS 84' }),
  },
  { description: 'GeoJSON geometry (RFC 7946)' },
);

export const BoundaryFeatureSchema = Type.Object(
  {
    type: Type.Literal('Feature'),
    id: Kode,
    bbox: BBoxSchema,
    properties: Type.Object({
      kode: Kode,
      nama: Type.String(),
      level: LevelSchema,
      importId: Type.String({ format: 'uuid' }),
      importedAt: Type.String({ format: 'date-time' }),
    }),
    geometry: GeometrySchema,
  },
  { description: 'GeoJSON Feature (application/geo+json)' },
);

export const FeatureCollectionBody = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Unknown({
        description:
          'A GeoJSON Feature: properties.kode (or kode_wilayah, code) names the region; geometry is a Polygon or MultiPolygon in WGS 84. Checked one by one.',
      }),
      { minItems: 1, maxItems: 20_000 },
    ),
  },
  { description: 'GeoJSON FeatureCollection (RFC 7946); other members (name, crs, bbox) are ignored' },
);

export const ImportSummarySchema = Type.Object({
  importId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'Null when nothing changed' }),
  received: Type.Integer(),
  created: Type.Array(Kode),
  replaced: Type.Array(Kode),
  unchanged: Type.Array(Kode),
});

const FeatureProblemSchema = Type.Object({
  field: Type.String({ description: 'Path inside the feature, e.g. geometry or properties/kode' }),
  rule: Type.String(),
  message: Type.String(),
});

export const ImportRejectedSchema = Type.Object(
  {
    ...ProblemSchema.properties,
    features: Type.Array(
      Type.Object({
        index: Type.Integer({ description: 'Position of the feature in the collection, from 0' }),
        kode: Type.Union([Type.String(), Type.Null()]),
        problems: Type.Array(FeatureProblemSchema),
      }),
    ),
  },
  { description: 'problem+json (RFC 9457) with the features that broke a rule; nothing was stored' },
);
