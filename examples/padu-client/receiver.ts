/**
 * A webhook receiver built on the client: verifies each delivery, drops duplicates by event id
 * (Padu delivers at least once), and answers 2xx only once the event is handled.
 *
 *   PADU_WEBHOOK_SECRET=whsec_… npx tsx examples/padu-client/receiver.ts 8080
 */
import http from 'node:http';
import { verifyWebhook, WebhookVerificationError, type WebhookEvent } from './padu-client.js';

export interface ReceiverOptions {
  /** The whsec_… secret, or a function giving the current one (after a rotation). */
  secret: string | (() => string);
  handle: (event: WebhookEvent) => Promise<void>;
  /** Event ids already handled; keep them as long as Padu may retry (about a day). */
  seen?: Set<string>;
  toleranceSeconds?: number;
}

export function createReceiver(options: ReceiverOptions): http.Server {
  const seen = options.seen ?? new Set<string>();
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        try {
          const secret = typeof options.secret === 'function' ? options.secret() : options.secret;
          const event = verifyWebhook(secret, req.headers, Buffer.concat(chunks), { toleranceSeconds: options.toleranceSeconds });
          if (!seen.has(event.id)) {
            await options.handle(event);
            seen.add(event.id);
          }
          res.writeHead(204).end();
        } catch (error) {
          // 4xx for a bad delivery; 5xx when handling failed, so Padu tries again later.
          res.writeHead(error instanceof WebhookVerificationError ? 401 : 500, { 'content-type': 'text/plain' }).end((error as Error).message);
        }
      })();
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const secret = process.env.PADU_WEBHOOK_SECRET;
  if (!secret) throw new Error('set PADU_WEBHOOK_SECRET to the whsec_… secret shown when the subscription was made');
  const port = Number(process.argv[2] ?? 8080);
  createReceiver({ secret, handle: async (event) => console.log(event.type, event.entityId, JSON.stringify(event.data)) }).listen(port, () => console.log(`listening on :${port}`));
}
