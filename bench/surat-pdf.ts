/**
 * E-kelurahan: letters generated per second — a full letter through renderSurat (letterhead, data
 * table, justified body, signer block, QR code drawn as vectors, deterministic metadata) against a
 * blank one-page A4 PDF from the same library, both in this process, one after the other per round.
 * CPU-bound and single-threaded: the figure is per core. Each letter gets its own number and token.
 */
import PDFDocument from 'pdfkit';
import { contohSurat } from '../src/modules/layanan/dokumen/contoh.js';
import { renderSurat } from '../src/modules/layanan/dokumen/index.js';
import type { BenchSettings } from './authenticated-read.js';

interface Rate {
  perSecond: number;
  count: number;
  meanMs: number;
  meanBytes: number;
}

function blankPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

const base = contohSurat();
function letter(i: number): Promise<Buffer> {
  const nomor = `470/${String((i % 999) + 1).padStart(3, '0')}/13.71.01.1001/XI/2026`;
  const token = `${i.toString(36).padStart(8, '0')}Zq7hV3kP9xWm2RtB`;
  return renderSurat({ ...base, nomor, verifikasiUrl: `https://padu.padang.go.id/verifikasi/${token}` });
}

async function measure(make: (i: number) => Promise<Buffer>, seconds: number): Promise<Rate> {
  let count = 0;
  let bytes = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    bytes += (await make(count)).length;
    count++;
    now = process.hrtime.bigint();
  }
  const elapsed = Number(now - start) / 1e9;
  return { perSecond: count / elapsed, count, meanMs: (elapsed * 1000) / count, meanBytes: bytes / count };
}

export async function suratPdfBench(settings: Pick<BenchSettings, 'seconds' | 'rounds'>): Promise<{ blank: Rate[]; surat: Rate[] }> {
  // Warm-up: JIT, the standard fonts' metrics, the QR encoder.
  await measure(blankPdf, 1);
  await measure(letter, 1);
  const blank: Rate[] = [];
  const surat: Rate[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    blank.push(await measure(blankPdf, settings.seconds));
    surat.push(await measure(letter, settings.seconds));
  }
  const mean = (list: Rate[], key: keyof Rate) => list.reduce((sum, r) => sum + r[key], 0) / list.length;
  const row = (name: string, list: Rate[]) =>
    `${name.padEnd(44)} ${mean(list, 'perSecond').toFixed(0).padStart(7)} PDF/s   ${mean(list, 'meanMs').toFixed(2).padStart(6)} ms each   ${(mean(list, 'meanBytes') / 1024).toFixed(1).padStart(5)} KiB`;
  console.log('\nLetters generated per second (one process, one core)');
  console.log(row('baseline: blank one-page A4 PDF (pdfkit)', blank));
  console.log(row('Padu: full letter with QR code (renderSurat)', surat));
  surat.forEach((s, i) => console.log(`  round ${i + 1}: ratio ${(s.perSecond / blank[i]!.perSecond).toFixed(2)}`));
  console.log(`ratio Padu / baseline: ${(mean(surat, 'perSecond') / mean(blank, 'perSecond')).toFixed(2)}`);
  return { blank, surat };
}
