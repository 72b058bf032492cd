import { sql, type Kysely } from 'kysely';
import { Agent, request } from 'undici';
import type { DB } from '../../core/db/schema.js';
import { encodeFeedCursor, readFeed, sequenceOutbox } from '../../core/events/feed.js';
import { appViewers, contextsOf, familyOf, FAMILIES, viewFor } from '../feed/visibility.js';
import { retryDelay, type WebhookConfig } from './config.js';
import { filterMatches, typeMatches, type WebhookFilter } from './filter.js';
import { signedHeaders } from './signature.js';

type Log = (level: 'info' | 'warn' | 'error', message: string, details?: object) => void;

/** How much of a receiver's answer the log keeps. */
export const EXCERPT_CHARS = 500;
const FANOUT_EVENTS = 2000;

interface Subscription {
  id: string;
  aplikasi_id: string;
  jenis_event: string[];
  filter: WebhookFilter;
  mulai_posisi: string;
}

interface Claimed {
  id: string;
  event_id: string;
  isi: string;
  percobaan: number;
  url: string;
  rahasia: string;
  rahasia_lama: string | null;
  rahasia_lama_sampai: Date | null;
}

interface Outcome {
  id: string;
  status: 'terkirim' | 'gagal' | 'mati';
  delaySeconds: number;
  code: number | null;
  latencyMs: number;
  error: string | null;
  excerpt: string | null;
}

/**
 * Fans the sequenced change feed out into per-subscription delivery rows and sends them.
 * Any number of processes may run one: fan-out is serialised by a row lock on the cursor (the
 * others skip it), deliveries are claimed with FOR UPDATE SKIP LOCKED under a lease. A delivery
 * is claimable only when no earlier delivery of the same record to the same subscription is
 * still pending, so each record's events arrive in order. All database work is per batch: one
 * INSERT for a fan-out, one UPDATE to claim, one UPDATE for the results.
 */
export class WebhookWorker {
  private readonly agent: Agent;
  private stopped = true;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void; lane: 'feed' | 'send' }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly config: WebhookConfig,
    private readonly log: Log = () => {},
  ) {
    this.agent = new Agent({
      connections: config.concurrency,
      keepAliveTimeout: 30_000,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      connect: { timeout: config.timeoutMs },
    });
  }

  /**
   * One loop sequences and fans out; `lanes` loops claim and send, so database work and HTTP
   * overlap (the in-flight requests of all lanes together stay within `concurrency`).
   */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const perLane = Math.max(1, Math.ceil(this.config.concurrency / this.config.lanes));
    this.loops = [
      this.loop('feed', async () => {
        await sequenceOutbox(this.db);
        const fanned = await this.fanOut();
        if (fanned > 0) this.wake('send');
        return fanned > 0;
      }),
      ...Array.from({ length: this.config.lanes }, () => this.loop('send', async () => (await this.deliverBatch(perLane)) > 0)),
    ];
  }

  /** Finishes the requests in flight (bounded by the timeout) and records them, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake('feed');
    this.wake('send');
    await Promise.all(this.loops);
    await this.agent.close().catch(() => {});
  }

  /** Look for work now instead of at the next poll. */
  wake(lane: 'feed' | 'send'): void {
    for (const sleeper of [...this.sleepers]) {
      if (sleeper.lane !== lane) continue;
      clearTimeout(sleeper.timer);
      this.sleepers.delete(sleeper);
      sleeper.resolve();
    }
  }

  private sleep(lane: 'feed' | 'send', ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = { lane, resolve, timer: setTimeout(() => (this.sleepers.delete(sleeper), resolve()), ms) };
      this.sleepers.add(sleeper);
    });
  }

  /** Runs `step` until stopped; sleeps a poll interval whenever it says there is no more to do at once. */
  private async loop(lane: 'feed' | 'send', step: () => Promise<boolean>): Promise<void> {
    while (!this.stopped) {
      let more = false;
      try {
        more = await step();
      } catch (error) {
        this.log('error', `webhook ${lane === 'feed' ? 'fan-out' : 'delivery'} failed`, { error: (error as Error).message });
      }
      if (!more && !this.stopped) await this.sleep(lane, this.config.pollMs);
    }
  }

  /** Turns new feed events into delivery rows; returns how many events it read. */
  async fanOut(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const cursor = await sql<{ posisi: string }>`SELECT posisi FROM integrasi.webhook_kursor WHERE id = 1 FOR UPDATE SKIP LOCKED`.execute(trx);
      const row = cursor.rows[0];
      if (!row) return 0; // another process is fanning out
      const after = Number(row.posisi);
      // Every type, so the cursor can move past events no subscription may get (user.*, …).
      const events = await readFeed(trx, { after, limit: FANOUT_EVENTS });
      if (events.length === 0) return 0;
      const subs = (
        await sql<Subscription>`SELECT id, aplikasi_id, jenis_event, filter, mulai_posisi FROM integrasi.webhook_langganan WHERE status IN ('aktif', 'jeda')`.execute(trx)
      ).rows;
      if (subs.length > 0) {
        const datasetEvents = events.filter((event) => FAMILIES[familyOf(event.type)]);
        const [contexts, viewers] = await Promise.all([contextsOf(trx, datasetEvents), appViewers(trx, [...new Set(subs.map((s) => s.aplikasi_id))])]);
        const cols = { sub: [] as string[], app: [] as string[], event: [] as string[], pos: [] as number[], type: [] as string[], key: [] as string[], body: [] as string[] };
        for (const event of datasetEvents) {
          for (const sub of subs) {
            if (event.position <= Number(sub.mulai_posisi) || !typeMatches(sub.jenis_event, event.type)) continue;
            const viewer = viewers.get(sub.aplikasi_id);
            if (!viewer || !viewer.scopes.has('events:read')) continue;
            const view = viewFor(viewer, event, contexts.get(event.position)!);
            if (!view || !filterMatches(sub.filter, view)) continue;
            cols.sub.push(sub.id);
            cols.app.push(sub.aplikasi_id);
            cols.event.push(event.id);
            cols.pos.push(event.position);
            cols.type.push(event.type);
            cols.key.push(event.entityId ? `${event.entityType ?? ''}:${event.entityId}` : `event:${event.id}`);
            cols.body.push(
              JSON.stringify({
                id: event.id,
                type: event.type,
                timestamp: event.occurredAt.toISOString(),
                cursor: encodeFeedCursor(event.position),
                entityType: event.entityType,
                entityId: event.entityId,
                data: view.payload,
              }),
            );
          }
        }
        if (cols.sub.length > 0) {
          await sql`
            INSERT INTO integrasi.webhook_kiriman (langganan_id, aplikasi_id, event_id, posisi, jenis_event, kunci_rekaman, isi)
            SELECT * FROM unnest(${cols.sub}::uuid[], ${cols.app}::uuid[], ${cols.event}::uuid[], ${cols.pos}::bigint[], ${cols.type}::text[], ${cols.key}::text[], ${cols.body}::text[])
            ON CONFLICT (langganan_id, event_id) DO NOTHING`.execute(trx);
        }
      }
      await sql`UPDATE integrasi.webhook_kursor SET posisi = ${events.at(-1)!.position} WHERE id = 1`.execute(trx);
      return events.length;
    });
  }

  /** Claims due deliveries, sends them concurrently, records every outcome in one UPDATE. */
  async deliverBatch(concurrency: number): Promise<number> {
    const claimed = (
      await sql<Claimed>`
        WITH due AS (
          SELECT k.id FROM integrasi.webhook_kiriman k
          JOIN integrasi.webhook_langganan l ON l.id = k.langganan_id AND l.status = 'aktif'
          WHERE k.status IN ('menunggu', 'gagal') AND k.tersedia_pada <= now()
            AND NOT EXISTS (
              SELECT 1 FROM integrasi.webhook_kiriman e
              WHERE e.langganan_id = k.langganan_id AND e.kunci_rekaman = k.kunci_rekaman
                AND e.status IN ('menunggu', 'gagal') AND e.posisi < k.posisi)
          ORDER BY k.tersedia_pada, k.id
          LIMIT ${this.config.batchSize}
          FOR UPDATE OF k SKIP LOCKED)
        UPDATE integrasi.webhook_kiriman k
        SET tersedia_pada = now() + make_interval(secs => ${this.config.leaseSeconds}), percobaan = k.percobaan + 1, terakhir_dicoba = now()
        FROM due, integrasi.webhook_langganan l
        WHERE k.id = due.id AND l.id = k.langganan_id
        RETURNING k.id, k.event_id, k.isi, k.percobaan, l.url, l.rahasia, l.rahasia_lama, l.rahasia_lama_sampai`.execute(this.db)
    ).rows;
    if (claimed.length === 0) return 0;
    const outcomes: Outcome[] = new Array(claimed.length);
    let next = 0;
    const lane = async () => {
      while (next < claimed.length) {
        const index = next++;
        outcomes[index] = await this.send(claimed[index]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane));
    await sql`
      UPDATE integrasi.webhook_kiriman k
      SET status = r.status, tersedia_pada = now() + make_interval(secs => r.tunda), kode_respons = r.kode, latensi_ms = r.latensi,
          galat = r.galat, cuplikan_respons = r.cuplikan, terkirim_pada = CASE WHEN r.status = 'terkirim' THEN now() ELSE k.terkirim_pada END
      FROM unnest(${outcomes.map((o) => o.id)}::bigint[], ${outcomes.map((o) => o.status)}::text[], ${outcomes.map((o) => o.delaySeconds)}::float8[],
                  ${outcomes.map((o) => o.code)}::int[], ${outcomes.map((o) => o.latencyMs)}::int[], ${outcomes.map((o) => o.error)}::text[],
                  ${outcomes.map((o) => o.excerpt)}::text[]) AS r(id, status, tunda, kode, latensi, galat, cuplikan)
      WHERE k.id = r.id`.execute(this.db);
    return claimed.length;
  }

  private async send(row: Claimed): Promise<Outcome> {
    const secrets = [row.rahasia];
    if (row.rahasia_lama && row.rahasia_lama_sampai && row.rahasia_lama_sampai > new Date()) secrets.push(row.rahasia_lama);
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    let code: number | null = null;
    let error: string | null = null;
    let excerpt: string | null = null;
    try {
      const response = await request(row.url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { ...signedHeaders(secrets, row.event_id, timestamp, row.isi), 'user-agent': 'Padu-Webhook/1' },
        body: row.isi,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      code = response.statusCode;
      excerpt = await readExcerpt(response.body);
      if (code < 200 || code >= 300) error = `HTTP ${code}`;
    } catch (caught) {
      error = ((caught as Error)?.message ?? String(caught)).slice(0, 500);
    }
    const latencyMs = Math.round(performance.now() - started);
    if (error === null) return { id: row.id, status: 'terkirim', delaySeconds: 0, code, latencyMs, error: null, excerpt };
    const delay = retryDelay(this.config, row.percobaan);
    if (delay === null) this.log('warn', 'webhook delivery dead after its last attempt', { delivery: row.id, eventId: row.event_id, error });
    return { id: row.id, status: delay === null ? 'mati' : 'gagal', delaySeconds: delay ?? 0, code, latencyMs, error, excerpt };
  }
}

/** The first EXCERPT_CHARS of a response; the rest is drained (to keep the connection) up to a cap. */
async function readExcerpt(body: AsyncIterable<Buffer> & { dump?: (opts?: { limit: number }) => Promise<void> }): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < EXCERPT_CHARS * 4) chunks.push(chunk);
    size += chunk.length;
    if (size > 64 * 1024) break; // a chatty receiver: drop the connection rather than read it all
  }
  const text = Buffer.concat(chunks).toString('utf8').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  return text ? text.slice(0, EXCERPT_CHARS) : null;
}
