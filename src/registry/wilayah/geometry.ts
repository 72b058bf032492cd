import { booleanValid } from '@turf/boolean-valid';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { findCrossing, isOutsideRing, type Ring } from './rings.js';

export type GeometryRule =
  | 'required'
  | 'geometry.type'
  | 'geometry.coordinates'
  | 'geometry.out_of_range'
  | 'geometry.ring_too_short'
  | 'geometry.ring_not_closed'
  | 'geometry.self_intersection'
  | 'geometry.hole_outside'
  | 'geometry.invalid';

export interface GeometryProblem {
  rule: GeometryRule;
  params?: Record<string, string | number>;
}

export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

export type CheckedGeometry =
  | { ok: true; geometry: Polygon | MultiPolygon; bbox: BBox }
  | { ok: false; problems: GeometryProblem[] };

/**
 * Above this many positions the O(n²) checks of @turf/boolean-valid take seconds per feature;
 * its findings are all covered by the sweep in rings.ts, which stays fast on real boundaries.
 */
const TURF_MAX_POSITIONS = 1_000;

const isPosition = (value: unknown): value is Position =>
  Array.isArray(value) && (value.length === 2 || value.length === 3) && value.every((n) => typeof n === 'number' && Number.isFinite(n));
const isRing = (value: unknown): value is Position[] => Array.isArray(value) && value.every(isPosition);
const isPolygonCoordinates = (value: unknown): value is Position[][] => Array.isArray(value) && value.length > 0 && value.every(isRing);

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const at = (p: { x: number; y: number } | Position) => (Array.isArray(p) ? { lon: round(p[0]!), lat: round(p[1]!) } : { lon: round(p.x), lat: round(p.y) });

/** Drops consecutive repeats (allowed in GeoJSON, but they make zero-length edges). */
function distinctRing(ring: Position[]): Ring {
  const points: Ring = [];
  for (const [x, y] of ring as [number, number][]) {
    const last = points[points.length - 1];
    if (!last || last.x !== x || last.y !== y) points.push({ x, y });
  }
  return points;
}

/**
 * Checks a GeoJSON geometry for a region boundary: a Polygon or MultiPolygon in lon/lat whose rings
 * are closed, have at least four positions, and neither cross nor touch themselves or each other
 * (rings of different polygons or holes may meet at single points), with every hole inside its shell.
 */
export function checkGeometry(value: unknown): CheckedGeometry {
  if (value === undefined || value === null) return { ok: false, problems: [{ rule: 'required' }] };
  const type = typeof value === 'object' && !Array.isArray(value) ? (value as { type?: unknown }).type : undefined;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return { ok: false, problems: [{ rule: 'geometry.type', params: { type: typeof type === 'string' ? type.slice(0, 40) : typeof value } }] };
  }
  const coordinates = (value as { coordinates?: unknown }).coordinates;
  const polygons = type === 'Polygon' ? [coordinates] : coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0 || !polygons.every(isPolygonCoordinates)) {
    return { ok: false, problems: [{ rule: 'geometry.coordinates' }] };
  }

  const problems: GeometryProblem[] = [];
  const bbox: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  let positions = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      positions += ring.length;
      for (const position of ring) {
        const [lon, lat] = position as [number, number];
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
          if (!problems.some((p) => p.rule === 'geometry.out_of_range')) problems.push({ rule: 'geometry.out_of_range', params: at(position) });
        }
        bbox[0] = Math.min(bbox[0], lon);
        bbox[1] = Math.min(bbox[1], lat);
        bbox[2] = Math.max(bbox[2], lon);
        bbox[3] = Math.max(bbox[3], lat);
      }
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (ring.length < 4 || distinctRing(ring).length < 4) {
        if (!problems.some((p) => p.rule === 'geometry.ring_too_short')) problems.push({ rule: 'geometry.ring_too_short', params: { count: ring.length } });
      } else if (first![0] !== last![0] || first![1] !== last![1]) {
        if (!problems.some((p) => p.rule === 'geometry.ring_not_closed')) problems.push({ rule: 'geometry.ring_not_closed', params: at(first!) });
      }
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const rings = polygons.map((polygon) => polygon.map(distinctRing));
  const crossing = findCrossing(rings.flat());
  if (crossing) return { ok: false, problems: [{ rule: 'geometry.self_intersection', params: at(crossing) }] };
  for (const [shell, ...holes] of rings) {
    const outside = holes.find((hole) => isOutsideRing(hole, shell!));
    if (outside) return { ok: false, problems: [{ rule: 'geometry.hole_outside', params: at(outside[0]!) }] };
  }

  if (positions <= TURF_MAX_POSITIONS && !turfAgrees(rings)) return { ok: false, problems: [{ rule: 'geometry.invalid' }] };
  const geometry = (type === 'Polygon' ? { type, coordinates: polygons[0] } : { type, coordinates: polygons }) as Polygon | MultiPolygon;
  return { ok: true, geometry, bbox };
}

/** A second opinion on small geometries, given without repeated points (turf reads those as spikes). */
function turfAgrees(rings: Ring[][]): boolean {
  const coordinates = rings.map((polygon) => polygon.map((ring) => ring.map(({ x, y }) => [x, y])));
  try {
    return booleanValid({ type: 'MultiPolygon', coordinates });
  } catch {
    return false;
  }
}
