import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalisePhone } from './phone.js';

describe('normalisePhone', () => {
  it('reads every usual spelling of one mobile number as the same +62 number', () => {
    for (const input of ['081234567890', '6281234567890', '+6281234567890', '0062 812 3456 7890', ' 0812-3456-7890 ', '+62 (812) 3456.7890']) {
      assert.equal(normalisePhone(input), '+6281234567890', input);
    }
    assert.equal(normalisePhone('0811660001'), '+62811660001', 'ten digits');
    assert.equal(normalisePhone('0812345678901'), '+62812345678901', 'thirteen digits');
  });

  it('refuses what is not an Indonesian mobile number', () => {
    for (const input of ['', '12345', '0751 123456', '+1 650 253 0000', '08123', '08123456789012', '62 0812 3456 7890', '0812abc34567', '1371011203900001']) {
      assert.equal(normalisePhone(input), null, input);
    }
  });
});
