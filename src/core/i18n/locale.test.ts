import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format, pickLocale } from './locale.js';

describe('locale', () => {
  it('defaults to Bahasa Indonesia', () => {
    assert.equal(pickLocale(undefined), 'id');
    assert.equal(pickLocale('fr-FR,de;q=0.8'), 'id');
  });

  it('picks English only when preferred over Indonesian', () => {
    assert.equal(pickLocale('en-US,en;q=0.9'), 'en');
    assert.equal(pickLocale('id-ID,id;q=0.9,en;q=0.8'), 'id');
    assert.equal(pickLocale('id;q=0.5,en;q=0.9'), 'en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    assert.equal(format('Coba lagi dalam {minutes} menit {x}', { minutes: 15 }), 'Coba lagi dalam 15 menit {x}');
  });
});
