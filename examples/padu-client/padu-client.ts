/**
 * A small Padu client for an app of the city: no dependencies beyond Node 20.
 *
 * - gets an access token with the OAuth 2.0 client credentials grant (and renews it),
 * - pulls the change feed from a cursor it keeps in a file, so a restart resumes where it left off,
 * - verifies Padu's webhook signatures (Standard Webhooks: webhook-id, webhook-timestamp,
 *   webhook-signature), refusing forged signatures and timestamps outside a tolerance.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';

export interface PaduClientOptions {
  /** e.g. https://padu.padang.go.id */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes to ask for; absent: all the app was granted. */
  scope?: string;
}

/** One change-feed event. `id` is the same as the webhook-id of its webhook delivery. */
export interface PaduEvent {
  id: string;
  cursor: string;
  type: string;
  entityType: string | null;
  entityId: string | null;
  occurredAt: string;
  data: Record<string, unknown>;
}

export class PaduError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export class PaduClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(private readonly options: PaduClientOptions) {}

  /** A valid access token, fetched again a minute before it expires. */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - 60_000 > Date.now()) return this.token.value;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (this.options.scope) form.set('scope', this.options.scope);
    const basic = Buffer.from(`${encodeURIComponent(this.options.clientId)}:${encodeURIComponent(this.options.clientSecret)}`).toString('base64');
    const response = await fetch(`${this.options.baseUrl}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: form.toString(),
    });
    const body = (await response.json()) as { access_token?: string; expires_in?: number; error?: string; code?: string; detail?: string };
    if (!response.ok || !body.access_token) throw new PaduError(response.status, body.code ?? body.error, body.detail ?? `token request failed (${response.status})`);
    this.token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 300) * 1000 };
    return this.token.value;
  }

  /** GET an API path as the app; a 401 (token expired or revoked) is retried once with a new token. */
  async get<T>(path: string): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${this.options.baseUrl}${path}`, { headers: { authorization: `Bearer ${await this.accessToken()}`, accept: 'application/json' } });
      if (response.status === 401 && attempt === 0) {
        this.token = null;
        continue;
      }
      const body = (await response.json()) as T & { code?: string; detail?: string };
      if (!response.ok) throw new PaduError(response.status, body.code, body.detail ?? `GET ${path} failed (${response.status})`);
      return body;
    }
  }

  /** One page of the change feed after `cursor` (absent: from the first event; 'latest': from now). */
  async events(cursor: string | null, options: { types?: string[]; limit?: number } = {}): Promise<{ items: PaduEvent[]; nextCursor: string; hasMore: boolean }> {
    const query = new URLSearchParams();
    if (cursor) query.set('after', cursor);
    if (options.types?.length) query.set('types', options.types.join(','));
    if (options.limit) query.set('limit', String(options.limit));
    return this.get(`/api/v1/events?${query}`);
  }

  /**
   * Reads the feed from the stored cursor to the end, handing each page to `handle`, and stores
   * the cursor after each page is handled: a crash in between means that page comes again
   * (at-least-once), so `handle` should be idempotent (dedupe by event id).
   */
  async pull(store: CursorStore, handle: (events: PaduEvent[]) => Promise<void>, options: { types?: string[]; limit?: number } = {}): Promise<number> {
    let cursor = await store.load();
    let count = 0;
    for (;;) {
      const page = await this.events(cursor, options);
      if (page.items.length > 0) await handle(page.items);
      count += page.items.length;
      if (page.nextCursor !== cursor) await store.save(page.nextCursor);
      cursor = page.nextCursor;
      if (!page.hasMore) return count;
    }
  }
}

export interface CursorStore {
  load(): Promise<string | null>;
  save(cursor: string): Promise<void>;
}

/** Keeps the cursor in a file, replaced atomically (write a temporary file, then rename). */
export class FileCursorStore implements CursorStore {
  constructor(private readonly file: string) {}

  async load(): Promise<string | null> {
    try {
      return (await readFile(this.file, 'utf8')).trim() || null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async save(cursor: string): Promise<void> {
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, cursor);
    await rename(temporary, this.file);
  }
}

// ------------------------------------------------------------------------------------------ webhooks

export class WebhookVerificationError extends Error {}

export interface VerifyOptions {
  /** Refuse deliveries whose timestamp is further than this from now (seconds; default 300). */
  toleranceSeconds?: number;
  /** Unix seconds; for tests. */
  now?: number;
}

/** The body of a webhook delivery. */
export interface WebhookEvent {
  id: string;
  type: string;
  timestamp: string;
  cursor: string;
  entityType: string | null;
  entityId: string | null;
  data: Record<string, unknown>;
}

const header = (headers: Record<string, string | string[] | undefined> | Headers, name: string): string | null => {
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
};

/**
 * Checks a delivery and returns its event. Throws WebhookVerificationError when a header is
 * missing, the timestamp is outside the tolerance (a replay), or no signature matches the secret
 * (forged or altered). Pass the raw body exactly as received: re-serialised JSON will not match.
 */
export function verifyWebhook(secret: string, headers: Record<string, string | string[] | undefined> | Headers, rawBody: string | Buffer, options: VerifyOptions = {}): WebhookEvent {
  const id = header(headers, 'webhook-id');
  const timestampRaw = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestampRaw || !signatures) throw new WebhookVerificationError('missing webhook headers');
  if (!/^\d{1,12}$/.test(timestampRaw)) throw new WebhookVerificationError('bad timestamp');
  const timestamp = Number(timestampRaw);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (Math.abs(now - timestamp) > tolerance) throw new WebhookVerificationError('timestamp outside the tolerance (replayed or clock skew)');
  const body = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  const ok = signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!ok) throw new WebhookVerificationError('no matching signature');
  const event = JSON.parse(body) as WebhookEvent;
  if (event.id !== id) throw new WebhookVerificationError('body and webhook-id disagree');
  return event;
}
