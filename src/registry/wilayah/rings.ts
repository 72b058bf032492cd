/** A closed ring (first point equals last) without consecutive repeats. */
export type Ring = { x: number; y: number }[];

interface Segment {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  /** Bounds along the sweep axis (lo, hi) and across it (crossLo, crossHi). */
  lo: number;
  hi: number;
  crossLo: number;
  crossHi: number;
  ring: number;
  index: number;
  /** Number of segments of its ring: the first and last are neighbours. */
  count: number;
}

type Point = { x: number; y: number };
type Relation = { kind: 'none' } | { kind: 'touch' | 'cross' | 'overlap'; at: Point };

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
const within = (s: Segment, x: number, y: number) => Math.min(s.ax, s.bx) <= x && x <= Math.max(s.ax, s.bx) && Math.min(s.ay, s.by) <= y && y <= Math.max(s.ay, s.by);

function relate(a: Segment, b: Segment): Relation {
  const d1 = orient(a.ax, a.ay, a.bx, a.by, b.ax, b.ay);
  const d2 = orient(a.ax, a.ay, a.bx, a.by, b.bx, b.by);
  const d3 = orient(b.ax, b.ay, b.bx, b.by, a.ax, a.ay);
  const d4 = orient(b.ax, b.ay, b.bx, b.by, a.bx, a.by);
  if (d1 * d2 < 0 && d3 * d4 < 0) {
    const rx = a.bx - a.ax;
    const ry = a.by - a.ay;
    const t = ((b.ax - a.ax) * (b.by - b.ay) - (b.ay - a.ay) * (b.bx - b.ax)) / (rx * (b.by - b.ay) - ry * (b.bx - b.ax));
    return { kind: 'cross', at: { x: a.ax + t * rx, y: a.ay + t * ry } };
  }
  if (d1 === 0 && d2 === 0) {
    // Collinear: compare the two extents along the segment's main direction.
    const alongX = Math.abs(a.bx - a.ax) >= Math.abs(a.by - a.ay);
    const key = (p: Point) => (alongX ? p.x : p.y);
    const [a0, a1] = [{ x: a.ax, y: a.ay }, { x: a.bx, y: a.by }].sort((p, q) => key(p) - key(q)) as [Point, Point];
    const [b0, b1] = [{ x: b.ax, y: b.ay }, { x: b.bx, y: b.by }].sort((p, q) => key(p) - key(q)) as [Point, Point];
    const start = key(a0) >= key(b0) ? a0 : b0;
    const end = key(a1) <= key(b1) ? a1 : b1;
    if (key(end) > key(start)) return { kind: 'overlap', at: start };
    if (key(end) === key(start)) return { kind: 'touch', at: start };
    return { kind: 'none' };
  }
  if (d1 === 0 && within(a, b.ax, b.ay)) return { kind: 'touch', at: { x: b.ax, y: b.ay } };
  if (d2 === 0 && within(a, b.bx, b.by)) return { kind: 'touch', at: { x: b.bx, y: b.by } };
  if (d3 === 0 && within(b, a.ax, a.ay)) return { kind: 'touch', at: { x: a.ax, y: a.ay } };
  if (d4 === 0 && within(b, a.bx, a.by)) return { kind: 'touch', at: { x: a.bx, y: a.by } };
  return { kind: 'none' };
}

function segmentsOf(rings: Ring[], alongX: boolean): Segment[] {
  const segments: Segment[] = [];
  rings.forEach((ring, r) => {
    const count = ring.length - 1;
    for (let i = 0; i < count; i++) {
      const { x: ax, y: ay } = ring[i]!;
      const { x: bx, y: by } = ring[i + 1]!;
      const [u0, u1, v0, v1] = alongX ? [ax, bx, ay, by] : [ay, by, ax, bx];
      segments.push({ ax, ay, bx, by, lo: Math.min(u0, u1), hi: Math.max(u0, u1), crossLo: Math.min(v0, v1), crossHi: Math.max(v0, v1), ring: r, index: i, count });
    }
  });
  return segments;
}

/**
 * The first place where the rings cross, overlap, or (within one ring) touch themselves; null when
 * there is none. A sweep along the longer side of the extent tests only segments whose extents
 * overlap, so real boundaries with many thousands of points take milliseconds.
 * Edges of different rings may meet at single points (OGC simple features allow it).
 */
export function findCrossing(rings: Ring[]): Point | null {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const { x, y } of ring) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  const segments = segmentsOf(rings, maxX - minX >= maxY - minY).sort((a, b) => a.lo - b.lo);
  let active: Segment[] = [];
  for (const s of segments) {
    active = active.filter((a) => a.hi >= s.lo);
    for (const a of active) {
      if (a.crossHi < s.crossLo || a.crossLo > s.crossHi) continue;
      const relation = relate(a, s);
      if (relation.kind === 'none') continue;
      if (a.ring !== s.ring) {
        if (relation.kind !== 'touch') return relation.at;
        continue;
      }
      const gap = Math.abs(a.index - s.index);
      const neighbours = gap === 1 || gap === s.count - 1;
      // Neighbours share an end point; anything more (doubling back along the edge) is a spike.
      if (!neighbours || relation.kind === 'overlap') return relation.at;
    }
    active.push(s);
  }
  return null;
}

/** Even-odd test; null when the point lies on the ring itself. */
function insideRing(point: Point, ring: Ring): boolean | null {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (orient(a.x, a.y, b.x, b.y, point.x, point.y) === 0 && Math.min(a.x, b.x) <= point.x && point.x <= Math.max(a.x, b.x) && Math.min(a.y, b.y) <= point.y && point.y <= Math.max(a.y, b.y)) {
      return null;
    }
    if (a.y > point.y !== b.y > point.y && point.x < ((b.x - a.x) * (point.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/**
 * True when a hole lies outside its shell. Rings that neither cross nor overlap have each of
 * their points on the same side of the other, so the first point off the shell decides.
 */
export function isOutsideRing(hole: Ring, shell: Ring): boolean {
  for (const point of hole) {
    const inside = insideRing(point, shell);
    if (inside !== null) return !inside;
  }
  return false;
}
