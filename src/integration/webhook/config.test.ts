import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../core/config.js';
import { DEFAULT_BACKOFF, loadWebhookConfig, retryDelay } from './config.js';
import { filterMatches, typeMatches } from './filter.js';
import { newSecret, sign, signedHeaders, verifySignature } from './signature.js';

describe('webhook settings, filters and signatures', () => {
  it('reads the back-off schedule and limits from the environment, refusing bad values', () => {
    const defaults = loadWebhookConfig({});
    assert.deepEqual(defaults.backoffSeconds, DEFAULT_BACKOFF);
    assert.equal(defaults.backoffSeconds.length + 1, 12);
    assert.ok(DEFAULT_BACKOFF.reduce((a, b) => a + b, 0) > 20 * 3600);
    assert.equal(defaults.leaseSeconds, 30);
    const custom = loadWebhookConfig({ PADU_WEBHOOK_BACKOFF: '1, 2,3', PADU_WEBHOOK_TIMEOUT_MS: '2000' });
    assert.deepEqual(custom.backoffSeconds, [1, 2, 3]);
    assert.equal(custom.leaseSeconds, 22);
    assert.throws(() => loadWebhookConfig({ PADU_WEBHOOK_BACKOFF: '5,x' }), ConfigError);
    assert.throws(() => loadWebhookConfig({ PADU_WEBHOOK_CONCURRENCY: '0' }), ConfigError);
  });

  it('waits longer after each failure (±10 %) and gives up after the last attempt', () => {
    const config = loadWebhookConfig({ PADU_WEBHOOK_BACKOFF: '10,100' });
    const near = (value: number | null, expected: number) => assert.ok(value !== null && Math.abs(value - expected) < 1e-9, `${value} ≠ ${expected}`);
    near(retryDelay(config, 1, () => 0.5), 10);
    near(retryDelay(config, 2, () => 0), 90);
    near(retryDelay(config, 2, () => 1), 110);
    assert.equal(retryDelay(config, 3), null);
  });

  it('matches exact types and prefixes, and every filter condition', () => {
    assert.ok(typeMatches(['pegawai.*'], 'pegawai.updated'));
    assert.ok(!typeMatches(['pegawai.*'], 'pegawai_x.updated'));
    assert.ok(typeMatches(['opd.created'], 'opd.created'));
    assert.ok(!typeMatches(['opd.created'], 'opd.updated'));
    const event = {
      position: 1, id: 'e', type: 'pegawai.updated', entityType: 'pegawai', entityId: 'p1', payload: { jenis: 'pns', version: 3 }, actorType: null,
      occurredAt: new Date(), context: { opdKode: 'OPD-A', kodeKelurahan: null },
    };
    assert.ok(filterMatches({}, event));
    assert.ok(filterMatches({ opdKode: 'OPD-A', entityId: 'p1', payload: { jenis: 'pns', version: 3 } }, event));
    assert.ok(!filterMatches({ opdKode: 'OPD-B' }, event));
    assert.ok(!filterMatches({ kodeKelurahan: '13.71.01.1001' }, event));
    assert.ok(!filterMatches({ payload: { version: '3' } }, event));
  });

  it('signs per Standard Webhooks and verifies with either secret during a rotation', () => {
    const secret = newSecret();
    const old = newSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{32}$/);
    const headers = signedHeaders([secret, old], 'msg_1', 1_700_000_000, '{"a":1}');
    assert.equal(headers['webhook-id'], 'msg_1');
    assert.equal(headers['webhook-timestamp'], '1700000000');
    assert.equal(headers['webhook-signature']!.split(' ').length, 2);
    assert.ok(verifySignature(secret, 'msg_1', 1_700_000_000, '{"a":1}', headers['webhook-signature']!));
    assert.ok(verifySignature(old, 'msg_1', 1_700_000_000, '{"a":1}', headers['webhook-signature']!));
    assert.ok(!verifySignature(newSecret(), 'msg_1', 1_700_000_000, '{"a":1}', headers['webhook-signature']!));
    assert.ok(!verifySignature(secret, 'msg_1', 1_700_000_001, '{"a":1}', headers['webhook-signature']!));
    // The Standard Webhooks reference vector.
    assert.equal(
      sign('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'),
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });
});
