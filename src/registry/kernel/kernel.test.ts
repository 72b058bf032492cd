import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../core/http/errors.js';
import { decodeCursor, encodeCursor, parseSort } from './cursor.js';
import { assertCurrent, etagFor, expectedVersion } from './etag.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as AppError).code;
  }
  return null;
};

describe('registry kernel', () => {
  it('ETags name the version and If-Match is required, compared, and * matches any', () => {
    assert.equal(etagFor(3), '"v3"');
    assert.equal(expectedVersion('"v3"'), 3);
    assert.equal(expectedVersion('W/"v3"'), 3);
    assert.equal(code(() => expectedVersion(undefined)), 'precondition.required');
    assert.equal(code(() => expectedVersion('"abc"')), 'precondition.failed');
    assert.equal(code(() => assertCurrent(4, 3)), 'precondition.failed');
    assert.equal(code(() => assertCurrent(4, expectedVersion('*'))), null);
  });

  it('cursors round-trip and forged ones are a 400, never a value of the wrong type', () => {
    const position = { sort: 'nama', value: 'Budi', id: '01a220cf-5b56-7a9a-99a9-f181b3afe839' };
    assert.deepEqual(decodeCursor(encodeCursor(position), 'nama'), position);
    assert.equal(code(() => decodeCursor(encodeCursor(position), '-nama')), 'request.invalid_cursor');
    assert.equal(code(() => decodeCursor(encodeCursor({ ...position, id: "x' OR 1=1" }), 'nama')), 'request.invalid_cursor');
    assert.equal(code(() => decodeCursor(encodeCursor({ ...position, value: { $gt: 1 } as never }), 'nama')), 'request.invalid_cursor');
    assert.equal(code(() => decodeCursor('not base64 json', 'nama')), 'request.invalid_cursor');
  });

  it('sorting is limited to the listed fields', () => {
    assert.deepEqual(parseSort('-nama', ['nama', 'kode'] as const, 'kode'), { field: 'nama', direction: 'desc', key: '-nama' });
    assert.equal(code(() => parseSort('password', ['nama'] as const, 'nama')), 'request.invalid');
  });
});
