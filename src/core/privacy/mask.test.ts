import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskEmail, maskPersonal, maskValue } from './mask.js';

describe('personal data masking', () => {
  it('keeps the region prefix and serial of a NIK only', () => {
    assert.equal(maskValue('1371051203900003'), '137105******0003');
  });

  it('masks e-mail addresses but keeps the domain', () => {
    assert.equal(maskEmail('budi.santoso@padang.go.id'), 'bu**********@padang.go.id');
  });

  it('masks personal keys at any depth and whatever their spelling, and redacts secrets', () => {
    const masked = maskPersonal({
      name: 'Budi',
      nik: '1371051203900003',
      family: [{ tanggal_lahir: '1990-03-12', birthDate: '1990-03-12' }],
      contact: { email: 'budi@padang.go.id', alamat: 'Jl. Sudirman No. 5' },
      password: 'rahasia',
    }) as Record<string, any>;
    assert.equal(masked.name, 'Budi');
    assert.equal(masked.nik, '137105******0003');
    assert.notEqual(masked.family[0].tanggal_lahir, '1990-03-12');
    assert.notEqual(masked.family[0].birthDate, '1990-03-12');
    assert.equal(masked.contact.email, 'bu**@padang.go.id');
    assert.doesNotMatch(masked.contact.alamat, /Sudirman/);
    assert.equal(masked.password, '[redacted]');
  });

  it('leaves null personal values as null', () => {
    assert.deepEqual(maskPersonal({ email: null }), { email: null });
  });
});
