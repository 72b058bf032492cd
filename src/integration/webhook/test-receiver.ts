import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST a test receiver got. */
export interface Received {
  id: string;
  timestamp: number;
  signature: string;
  body: string;
  receivedAt: number;
}

/**
 * A local webhook receiver for tests and the benchmark: records every POST (headers, raw body,
 * receive time) and answers what `respond` says (200 unless told otherwise).
 */
export class TestReceiver {
  readonly received: Received[] = [];
  /** Every POST, answered 2xx or not. */
  readonly attempts: Received[] = [];
  respond: (delivery: Received) => number = () => 200;
  private server: http.Server | null = null;
  url = '';

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const delivery: Received = {
          id: String(req.headers['webhook-id'] ?? ''),
          timestamp: Number(req.headers['webhook-timestamp'] ?? 0),
          signature: String(req.headers['webhook-signature'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
        };
        const status = this.respond(delivery);
        this.attempts.push(delivery);
        if (status >= 200 && status < 300) this.received.push(delivery);
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status >= 200 && status < 300 ? 'ok' : 'tidak siap');
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    const { port: bound } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${bound}/hook`;
    return this;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  /** Ids received, each once. */
  uniqueIds(): Set<string> {
    return new Set(this.received.map((r) => r.id));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
