#!/usr/bin/env node
// Runs the compiled CLI; `npm start` builds it first. During development use `npm run dev`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  console.error('Padu is not built yet: run `npm run build` (or `npm start`) first.');
  process.exit(1);
}
await import(compiled.href);
