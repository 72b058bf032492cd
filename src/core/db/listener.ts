import pg from 'pg';

type Handler = (payload: string) => void;

/**
 * One LISTEN connection per process, shared by everything that waits on PostgreSQL
 * notifications. Reconnects on its own; while it is down, `connected` is false so caches that
 * rely on invalidation messages can stop trusting themselves.
 */
export class PgListener {
  private client: pg.Client | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly disconnectHandlers = new Set<() => void>();
  private stopped = true;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly log: (message: string) => void = () => {},
  ) {}

  get connected(): boolean {
    return this.client !== null;
  }

  on(channel: string, handler: Handler): void {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    const set = this.handlers.get(channel) ?? new Set();
    set.add(handler);
    this.handlers.set(channel, set);
    if (this.client) this.client.query(`LISTEN ${channel}`).catch(() => {});
  }

  /** Called whenever the connection is lost: notifications may have been missed. */
  onDisconnect(handler: () => void): void {
    this.disconnectHandlers.add(handler);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'padu-listener' });
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    client.on('error', (error) => {
      this.log(`notification listener lost its connection: ${error.message}`);
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
      this.client = client;
    } catch (error) {
      this.log(`notification listener could not connect: ${(error as Error).message}`);
      await client.end().catch(() => {});
      this.scheduleReconnect();
    }
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    for (const handler of this.disconnectHandlers) handler();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped) void this.connect();
    }, 1000);
    this.retry.unref();
  }
}
