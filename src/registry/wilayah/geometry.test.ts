import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkGeometry } from './geometry.js';
import { normalizeKode, parseKode } from './kode.js';

type Pos = [number, number] | [number, number, number];
const square = (x: number, y: number, size: number): Pos[] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
const polygon = (...rings: Pos[][]) => ({ type: 'Polygon', coordinates: rings });
const rulesOf = (value: unknown) => {
  const result = checkGeometry(value);
  return result.ok ? [] : result.problems.map((p) => p.rule);
};
/** A wobbly ring around Padang with n points: never crosses itself. */
function wobbly(n: number, scale = 1): Pos[] {
  const ring: Pos[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = 0.02 * (1 + 0.3 * Math.sin(37 * a));
    ring.push([100.35 + r * Math.cos(a) * scale, -0.95 + r * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  return ring;
}

describe('boundary geometry checks', () => {
  it('accepts a square, a square with a hole (touching its shell at one point), and islands as a MultiPolygon; reports the bbox', () => {
    const shell = square(100.3, -1, 0.1);
    const plain = checkGeometry(polygon(shell));
    assert.ok(plain.ok);
    assert.deepEqual(plain.bbox, [100.3, -1, 100.3 + 0.1, -1 + 0.1]);
    assert.deepEqual(plain.geometry, { type: 'Polygon', coordinates: [shell] });
    assert.deepEqual(rulesOf(polygon(shell, square(100.32, -0.98, 0.02))), []);
    assert.deepEqual(rulesOf(polygon(shell, [[100.3, -0.95], [100.35, -0.97], [100.35, -0.93], [100.3, -0.95]])), []);
    const islands = { type: 'MultiPolygon', coordinates: [[shell], [square(100.1, -1.1, 0.05)], [square(100.5, -1, 0.01)]] };
    const multi = checkGeometry(islands);
    assert.ok(multi.ok);
    assert.deepEqual(multi.bbox, [100.1, -1.1, 100.5 + 0.01, -1 + 0.1]);
  });

  it('keeps extra members out of the stored geometry, accepts altitudes and repeated points', () => {
    const result = checkGeometry({ ...polygon(square(100, -1, 1)), bbox: [0, 0, 1, 1], crs: { type: 'name' } });
    assert.ok(result.ok);
    assert.deepEqual(Object.keys(result.geometry), ['type', 'coordinates']);
    assert.deepEqual(rulesOf(polygon([[100, -1, 5], [101, -1, 5], [101, 0, 7], [100, 0, 6], [100, -1, 5]])), []);
    assert.deepEqual(rulesOf(polygon([[100, -1], [100, -1], [101, -1], [101, 0], [101, 0], [100, 0], [100, -1]])), []);
  });

  it('stays fast and correct on large rings (no O(n²) scan)', () => {
    for (const n of [5_000, 100_000]) {
      assert.deepEqual(rulesOf(polygon(wobbly(n))), [], `round ${n}`);
      assert.deepEqual(rulesOf(polygon(wobbly(n, 0.01))), [], `thin ${n}`);
    }
    const crossed = wobbly(100_000);
    // Swap two far-apart points: the ring now crosses itself.
    [crossed[10], crossed[50_000]] = [crossed[50_000]!, crossed[10]!];
    assert.deepEqual(rulesOf(polygon(crossed)), ['geometry.self_intersection']);
  });

  const invalid: [string, unknown, string[]][] = [
    ['no geometry', undefined, ['required']],
    ['null geometry', null, ['required']],
    ['a point', { type: 'Point', coordinates: [100, -1] }, ['geometry.type']],
    ['a line', { type: 'LineString', coordinates: [[100, -1], [101, -1]] }, ['geometry.type']],
    ['a collection', { type: 'GeometryCollection', geometries: [] }, ['geometry.type']],
    ['a string', 'Polygon', ['geometry.type']],
    ['no coordinates', { type: 'Polygon' }, ['geometry.coordinates']],
    ['no rings', { type: 'Polygon', coordinates: [] }, ['geometry.coordinates']],
    ['text in a position', polygon([[100, -1], [101, '-1' as never], [101, 0], [100, -1]]), ['geometry.coordinates']],
    ['a position with one number', polygon([[100, -1], [101] as never, [101, 0], [100, -1]]), ['geometry.coordinates']],
    ['an empty MultiPolygon', { type: 'MultiPolygon', coordinates: [] }, ['geometry.coordinates']],
    ['a MultiPolygon given Polygon coordinates', { type: 'MultiPolygon', coordinates: [square(100, -1, 1)] }, ['geometry.coordinates']],
    ['a longitude beyond 180', polygon([[179, 0], [181, 0], [180, 1], [179, 0]]), ['geometry.out_of_range']],
    ['a latitude beyond 90', polygon([[0, 89], [1, 91], [1, 89.5], [0, 89]]), ['geometry.out_of_range']],
    ['projected metres (UTM)', polygon([[650000, 9890000], [651000, 9890000], [651000, 9891000], [650000, 9890000]]), ['geometry.out_of_range']],
    ['a ring of three positions', polygon([[100, -1], [101, -1], [100, -1]]), ['geometry.ring_too_short']],
    ['a ring of one point repeated', polygon([[100, -1], [100, -1], [100, -1], [100, -1]]), ['geometry.ring_too_short']],
    ['an open ring', polygon([[100, -1], [101, -1], [101, 0], [100, 0]]), ['geometry.ring_not_closed']],
    ['a bow tie', polygon([[100, -1], [101, 0], [101, -1], [100, 0], [100, -1]]), ['geometry.self_intersection']],
    ['a figure eight touching itself', polygon([[0, 0], [2, 0], [2, 2], [1, 0], [0, 2], [0, 0]]), ['geometry.self_intersection']],
    ['a spike back along an edge', polygon([[0, 0], [2, 0], [1, 0], [1, 1], [0, 0]]), ['geometry.self_intersection']],
    ['a flat ring', polygon([[0, 0], [1, 0], [2, 0], [0, 0]]), ['geometry.self_intersection']],
    ['a hole crossing its shell', polygon(square(100, -1, 1), square(100.5, -0.5, 1)), ['geometry.self_intersection']],
    ['a hole outside its shell', polygon(square(100, -1, 1), square(102, -1, 0.5)), ['geometry.hole_outside']],
    ['islands overlapping', { type: 'MultiPolygon', coordinates: [[square(100, -1, 1)], [square(100.5, -0.5, 1)]] }, ['geometry.self_intersection']],
    ['islands sharing an edge', { type: 'MultiPolygon', coordinates: [[square(100, -1, 1)], [square(101, -1, 1)]] }, ['geometry.self_intersection']],
  ];
  for (const [name, value, rules] of invalid) {
    it(`rejects ${name}`, () => assert.deepEqual(rulesOf(value), rules));
  }

  it('says where: the crossing point of a bow tie, the open ring start, the first position out of range', () => {
    const bowTie = checkGeometry(polygon([[100, -1], [101, 0], [101, -1], [100, 0], [100, -1]]));
    assert.ok(!bowTie.ok);
    assert.deepEqual(bowTie.problems[0]!.params, { lon: 100.5, lat: -0.5 });
    const open = checkGeometry(polygon([[100, -1], [101, -1], [101, 0], [100, 0]]));
    assert.ok(!open.ok);
    assert.deepEqual(open.problems[0]!.params, { lon: 100, lat: -1 });
    const far = checkGeometry(polygon([[100, -1], [200, -1], [200, 95], [100, -1]]));
    assert.ok(!far.ok);
    assert.deepEqual(far.problems, [{ rule: 'geometry.out_of_range', params: { lon: 200, lat: -1 } }]);
  });

  it('reports every kind of ring problem once, together', () => {
    const rules = rulesOf({ type: 'MultiPolygon', coordinates: [[[[100, -1], [101, -1], [100, -1]]], [[[100, -1], [101, -1], [101, 0], [100, 0]]], [[[100, -1], [101, -1], [101, 0], [100, 0]]]] });
    assert.deepEqual(rules, ['geometry.ring_too_short', 'geometry.ring_not_closed']);
  });
});

describe('kode wilayah structure', () => {
  it('dots undotted codes and derives level and parent', () => {
    assert.deepEqual(parseKode('13'), { ok: true, kode: '13', level: 'provinsi', parent: null });
    assert.deepEqual(parseKode('1371'), { ok: true, kode: '13.71', level: 'kabkota', parent: '13' });
    assert.deepEqual(parseKode(' 137101 '), { ok: true, kode: '13.71.01', level: 'kecamatan', parent: '13.71' });
    assert.deepEqual(parseKode('1371011001'), { ok: true, kode: '13.71.01.1001', level: 'kelurahan', parent: '13.71.01' });
    assert.deepEqual(parseKode('11.01.01.2001'), { ok: true, kode: '11.01.01.2001', level: 'desa', parent: '11.01.01' });
    assert.deepEqual(parseKode('91.03.01.3007'), { ok: true, kode: '91.03.01.3007', level: 'desa', parent: '91.03.01' });
  });

  it('refuses what is not a kode', () => {
    for (const input of ['', '1', '137', '13710', '13.7', '13.71.1', '13..71', '13.71.01.1001.1', 'x13', '13,71', '13.00', '13.71.00', '13.71.01.5001', '13.71.01.1000']) {
      assert.equal(normalizeKode(input), null, input);
      assert.equal(parseKode(input).ok, false, input);
    }
  });
});
