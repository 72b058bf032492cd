import type { MultiPolygon, Polygon } from 'geojson';
import type { FieldRule } from '../../core/http/field-rules.js';
import { checkGeometry, type BBox } from './geometry.js';
import { parseKode } from './kode.js';

/** One broken rule of one feature; `field` is relative to the feature, e.g. `properties/kode`. */
export interface FeatureProblem {
  field: string;
  rule: FieldRule;
  params?: Record<string, string | number>;
}

export interface FeatureReport {
  index: number;
  /** The kode as understood (dotted), as sent when it is malformed, or null when absent. */
  kode: string | null;
  problems: FeatureProblem[];
}

/** What one feature turned out to be; `geometry` is set when the geometry is valid. */
export interface FeatureResult extends FeatureReport {
  /** Set when the kode is well formed (dotted), with the path of the property that holds it. */
  wellFormed: { kode: string; field: string } | null;
  geometry: { value: Polygon | MultiPolygon; bbox: BBox } | null;
}

/** Where a feature may carry its kode, in order of preference (names compared without case). */
const KODE_KEYS = ['kode', 'kode_wilayah', 'code'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function kodeOf(properties: unknown): { key: string; value: string } | null {
  if (!isObject(properties)) return null;
  const keys = Object.keys(properties);
  for (const wanted of KODE_KEYS) {
    const key = keys.find((k) => k.toLowerCase() === wanted);
    const value = key === undefined ? undefined : properties[key];
    if (typeof value === 'string' && value.trim()) return { key: key!, value };
    if (typeof value === 'number' && Number.isSafeInteger(value)) return { key: key!, value: String(value) };
  }
  return null;
}

/**
 * Checks every feature on its own: a GeoJSON Feature, a well-formed kode in its properties, a kode
 * not given by an earlier feature, a valid boundary geometry. Whether the kode exists in the
 * registry is left to the caller (it needs the database).
 */
export function checkFeatures(features: readonly unknown[]): FeatureResult[] {
  const firstIndexOf = new Map<string, number>();
  return features.map((feature, index): FeatureResult => {
    if (!isObject(feature)) return { index, kode: null, problems: [{ field: '', rule: 'geojson.feature' }], wellFormed: null, geometry: null };
    const problems: FeatureProblem[] = [];
    if (feature.type !== 'Feature') problems.push({ field: 'type', rule: 'geojson.feature' });

    let kode: string | null = null;
    let wellFormed: FeatureResult['wellFormed'] = null;
    const found = kodeOf(feature.properties);
    if (!found) {
      problems.push({ field: 'properties/kode', rule: 'wilayah.kode_missing' });
    } else {
      const field = `properties/${found.key}`;
      const parsed = parseKode(found.value);
      kode = parsed.ok ? parsed.kode : found.value.trim().slice(0, 40);
      if (!parsed.ok) {
        for (const v of parsed.violations) problems.push({ field, ...v });
      } else if (firstIndexOf.has(parsed.kode)) {
        problems.push({ field, rule: 'wilayah.kode_duplicate', params: { kode: parsed.kode, first: firstIndexOf.get(parsed.kode)! } });
      } else {
        firstIndexOf.set(parsed.kode, index);
        wellFormed = { kode: parsed.kode, field };
      }
    }

    const checked = checkGeometry(feature.geometry);
    if (!checked.ok) for (const p of checked.problems) problems.push({ field: 'geometry', ...p });
    return { index, kode, problems, wellFormed, geometry: checked.ok ? { value: checked.geometry, bbox: checked.bbox } : null };
  });
}
