/**
 * Pulls Padu's change feed from where it left off (cursor in a file) and prints each event.
 *
 *   PADU_URL=https://padu.example PADU_CLIENT_ID=… PADU_CLIENT_SECRET=… npx tsx examples/padu-client/pull.ts [cursor-file]
 */
import { FileCursorStore, PaduClient } from './padu-client.js';

const { PADU_URL, PADU_CLIENT_ID, PADU_CLIENT_SECRET, PADU_TYPES } = process.env;
if (!PADU_URL || !PADU_CLIENT_ID || !PADU_CLIENT_SECRET) throw new Error('set PADU_URL, PADU_CLIENT_ID and PADU_CLIENT_SECRET');
const client = new PaduClient({ baseUrl: PADU_URL, clientId: PADU_CLIENT_ID, clientSecret: PADU_CLIENT_SECRET });
const store = new FileCursorStore(process.argv[2] ?? 'padu-cursor.txt');
const count = await client.pull(store, async (events) => {
  for (const event of events) console.log(event.occurredAt, event.type, event.entityId, JSON.stringify(event.data));
}, { types: PADU_TYPES ? PADU_TYPES.split(',') : undefined });
console.log(`${count} event(s); cursor saved`);
