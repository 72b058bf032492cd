/**
 * E-kelurahan letters (issue 5): the PDF of an issued letter, with the city letterhead, the filled
 * template, the number, the date written in Indonesian, the signer and a QR code that leads to the
 * public verification page. Contract shared with the layanan backend (see the module's README in
 * the issue brief): the backend stores the bytes this returns and their SHA-256 and never renders
 * an issued letter again, so the same input must always give the same bytes.
 *
 * Only the standard PDF fonts that ship inside pdfkit (Times, Helvetica) are used: nothing is
 * downloaded or read from the system.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export interface SuratDocument {
  pemda: string; // 'PEMERINTAH KOTA PADANG'
  kecamatan: string; // 'KECAMATAN PADANG SELATAN'
  kelurahan: string; // 'KELURAHAN RANAH PARAK RUMBIO'
  alamatKantor?: string | null; // office address line under the letterhead
  judul: string; // 'SURAT KETERANGAN DOMISILI'
  nomor: string; // '470/001/13.71.01.1001/XI/2026'
  tanggal: string; // ISO date of issue, e.g. '2026-11-28' (printed as '28 November 2026')
  tempat: string; // place of signing, e.g. 'Padang'
  pembuka: string; // opening paragraph (already filled)
  rincian: Array<[label: string, value: string]>; // the holder's data table (name, NIK, TTL, ...)
  isi: string[]; // body paragraphs (already filled from the template)
  berlakuSampai?: string | null; // ISO date or null
  penandatangan: { jabatan: string; nama: string; nip: string | null };
  verifikasiUrl: string; // absolute URL /verifikasi/<token>, encoded in the QR code
}

const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const ROMAWI = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** Splits a calendar date 'YYYY-MM-DD' (a full ISO timestamp is refused: a letter's date has no time). */
function parseTanggal(iso: string): { y: number; m: number; d: number } {
  const match = typeof iso === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!match) throw new RangeError(`Tanggal harus berbentuk YYYY-MM-DD: ${String(iso)}`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new RangeError(`Tanggal tidak ada di kalender: ${iso}`);
  }
  return { y, m, d };
}

/** '2026-11-28' → '28 November 2026'; '2026-03-05' → '5 Maret 2026'. Throws RangeError on bad input. */
export function formatTanggal(iso: string): string {
  const { y, m, d } = parseTanggal(iso);
  return `${d} ${BULAN[m - 1]} ${y}`;
}

/** 11 → 'XI' (the month in letter numbers). Throws RangeError outside 1–12. */
export function bulanRomawi(month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Bulan harus bilangan bulat 1–12: ${String(month)}`);
  return ROMAWI[month - 1]!;
}

// ---- Layout (points; A4 is 595.28 × 841.89) ----
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 42, bottom: 56, left: 70, right: 56 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const BODY = { font: 'Times-Roman', bold: 'Times-Bold', size: 12, lineGap: 2 } as const;
const PARAGRAPH_GAP = 8;
const TABLE_INDENT = 28;
const TABLE_LABEL_MAX = 170;
const TABLE_COLON = 14;
const SIGNER_WIDTH = 230;
const SIGNATURE_SPACE = 62;
const QR_SIZE = 84;
const QR_CAPTION_WIDTH = 150;
export const QR_CAPTION = 'Pindai untuk memeriksa keaslian surat';

/** Text in the standard fonts is WinAnsi: replace what it cannot show instead of printing garbage. */
function clean(text: string): string {
  return String(text ?? '')
    .normalize('NFC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/[^\x20-\x7E\u00A0-\u00FF]/gu, (c) => {
      // Letters outside Latin-1 (e.g. 'ễ', 'ă') lose their accents; anything else becomes '?'.
      const base = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      return /^[\x20-\x7E\u00A0-\u00FF]+$/.test(base) ? base : '?';
    });
}

/** The document's dates: the day of issue at 00:00 WIB (UTC+7), so they follow from the input alone. */
function issueInstant(iso: string): Date {
  const { y, m, d } = parseTanggal(iso);
  return new Date(Date.UTC(y, m - 1, d) - 7 * 3600 * 1000);
}

type Doc = InstanceType<typeof PDFDocument>;

function ensureSpace(doc: Doc, y: number, height: number): number {
  if (y + height <= BOTTOM) return y;
  doc.addPage();
  return MARGIN.top;
}

function paragraph(doc: Doc, text: string, y: number, options: { align?: 'justify' | 'left' | 'center'; indent?: number } = {}): number {
  doc.font(BODY.font).fontSize(BODY.size);
  const opts = { width: CONTENT_WIDTH, align: options.align ?? 'justify', lineGap: BODY.lineGap, indent: options.indent ?? 0 };
  // Start on a new page when fewer than two lines fit; otherwise pdfkit flows the paragraph on to
  // the next page at the bottom margin by itself.
  const twoLines = Math.min(doc.heightOfString(text, opts), 2 * (doc.currentLineHeight(true) + BODY.lineGap));
  y = ensureSpace(doc, y, twoLines);
  doc.text(text, MARGIN.left, y, opts);
  return doc.y + PARAGRAPH_GAP;
}

function letterhead(doc: Doc, surat: SuratDocument): number {
  let y = MARGIN.top;
  const line = (text: string, font: string, size: number, gap = 1) => {
    doc.font(font).fontSize(size);
    doc.text(text, MARGIN.left, y, { width: CONTENT_WIDTH, align: 'center' });
    y = doc.y + gap;
  };
  line(clean(surat.pemda).toUpperCase(), 'Times-Bold', 14);
  line(clean(surat.kecamatan).toUpperCase(), 'Times-Bold', 14);
  line(clean(surat.kelurahan).toUpperCase(), 'Times-Bold', 17, 2);
  if (surat.alamatKantor) line(clean(surat.alamatKantor), 'Times-Roman', 10, 2);
  // The double rule under a kop surat: a thick line and a thin one.
  y += 3;
  doc.save().lineWidth(2.25).moveTo(MARGIN.left, y).lineTo(PAGE.width - MARGIN.right, y).stroke();
  doc.lineWidth(0.75).moveTo(MARGIN.left, y + 3.5).lineTo(PAGE.width - MARGIN.right, y + 3.5).stroke().restore();
  return y + 20;
}

function title(doc: Doc, surat: SuratDocument, y: number): number {
  doc.font('Times-Bold').fontSize(13.5);
  doc.text(clean(surat.judul).toUpperCase(), MARGIN.left, y, { width: CONTENT_WIDTH, align: 'center', underline: true });
  y = doc.y + 1;
  doc.font(BODY.font).fontSize(BODY.size);
  doc.text(`Nomor: ${clean(surat.nomor)}`, MARGIN.left, y, { width: CONTENT_WIDTH, align: 'center' });
  return doc.y + 16;
}

function rincianTable(doc: Doc, rows: SuratDocument['rincian'], y: number): number {
  if (rows.length === 0) return y;
  doc.font(BODY.font).fontSize(BODY.size);
  const labels = rows.map(([label]) => clean(label));
  const values = rows.map(([, value]) => clean(value));
  const labelWidth = Math.min(TABLE_LABEL_MAX, Math.max(...labels.map((l) => doc.widthOfString(l))) + 6);
  const x = MARGIN.left + TABLE_INDENT;
  const valueX = x + labelWidth + TABLE_COLON;
  const valueWidth = PAGE.width - MARGIN.right - valueX;
  for (let i = 0; i < rows.length; i++) {
    const label = labels[i]!;
    const value = values[i]!;
    const opts = { lineGap: BODY.lineGap };
    const height = Math.max(
      doc.heightOfString(label, { ...opts, width: labelWidth }),
      doc.heightOfString(value || ' ', { ...opts, width: valueWidth }),
    );
    y = ensureSpace(doc, y, height);
    doc.text(label, x, y, { ...opts, width: labelWidth });
    doc.text(':', x + labelWidth, y, { ...opts, width: TABLE_COLON });
    doc.text(value, valueX, y, { ...opts, width: valueWidth });
    y += height + 1;
  }
  return y + PARAGRAPH_GAP;
}

/** Draws the QR code as vector squares (one rectangle per horizontal run of dark modules). */
function qrCode(doc: Doc, url: string, x: number, y: number): void {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = QR_SIZE / size;
  doc.save();
  doc.translate(x, y).scale(scale);
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && qr.modules.get(row, col)) col++;
      doc.rect(start, row, col - start, 1);
    }
  }
  doc.fillColor('black').fill();
  doc.restore();
}

const SIGNER_TOP_GAP = 10;

/** Lays out the signer block and the QR code beside it; `height` is what they need together. */
function signerBlock(doc: Doc, surat: SuratDocument): { height: number; draw: (top: number) => void } {
  const signer = surat.penandatangan;
  const x = PAGE.width - MARGIN.right - SIGNER_WIDTH;
  const opts = { width: SIGNER_WIDTH, align: 'center' as const, lineGap: BODY.lineGap };
  const captionOpts = { width: QR_CAPTION_WIDTH, align: 'center' as const };
  const place = `${clean(surat.tempat)}, ${formatTanggal(surat.tanggal)}`;
  const jabatan = clean(signer.jabatan);
  const nama = clean(signer.nama);
  const nip = signer.nip ? `NIP. ${clean(signer.nip)}` : null;
  const url = clean(surat.verifikasiUrl);

  doc.font(BODY.font).fontSize(BODY.size);
  const hPlace = doc.heightOfString(place, opts);
  const hJabatan = doc.heightOfString(jabatan, opts);
  const hNip = nip ? doc.heightOfString(nip, opts) : 0;
  const hNama = doc.font(BODY.bold).heightOfString(nama, opts);
  const hCaption = doc.font('Helvetica').fontSize(7).heightOfString(QR_CAPTION, captionOpts) + doc.fontSize(6).heightOfString(url, captionOpts);
  const signerHeight = hPlace + hJabatan + SIGNATURE_SPACE + hNama + hNip;
  const qrHeight = 8 + QR_SIZE + 4 + hCaption;
  const height = SIGNER_TOP_GAP + Math.max(signerHeight, qrHeight);

  const draw = (top: number) => {
    // The block (signer and QR) stays together: it moves to a new page whole, never overlaps.
    const y = ensureSpace(doc, top, height) + SIGNER_TOP_GAP;
    let sy = y;
    doc.font(BODY.font).fontSize(BODY.size).text(place, x, sy, opts);
    sy += hPlace;
    doc.text(jabatan, x, sy, opts);
    sy += hJabatan + SIGNATURE_SPACE;
    doc.font(BODY.bold).text(nama, x, sy, { ...opts, underline: true });
    sy += hNama;
    if (nip) doc.font(BODY.font).text(nip, x, sy, opts);

    // QR code on the left, level with the signer, with its caption and the address under it.
    const qrX = MARGIN.left + (QR_CAPTION_WIDTH - QR_SIZE) / 2;
    const qrY = y + 8;
    qrCode(doc, surat.verifikasiUrl, qrX, qrY);
    doc.font('Helvetica').fontSize(7).text(QR_CAPTION, MARGIN.left, qrY + QR_SIZE + 4, captionOpts);
    doc.fontSize(6).fillColor('#444444').text(url, MARGIN.left, doc.y, captionOpts).fillColor('black');
  };
  return { height, draw };
}

function pageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  if (range.count < 2) return;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the bottom margin must not start a new page
    doc.font('Helvetica').fontSize(8).fillColor('#444444');
    doc.text(`Halaman ${i + 1} dari ${range.count}`, MARGIN.left, PAGE.height - MARGIN.bottom + 22, {
      width: CONTENT_WIDTH,
      align: 'center',
      lineBreak: false,
    });
    doc.fillColor('black');
    doc.page.margins.bottom = savedBottom;
  }
}

function validate(surat: SuratDocument): void {
  const required: Array<keyof SuratDocument> = ['pemda', 'kecamatan', 'kelurahan', 'judul', 'nomor', 'tempat', 'verifikasiUrl'];
  for (const key of required) {
    if (typeof surat[key] !== 'string' || (surat[key] as string).trim() === '') throw new TypeError(`Surat: ${key} wajib diisi`);
  }
  if (!surat.penandatangan || !surat.penandatangan.nama?.trim() || !surat.penandatangan.jabatan?.trim()) {
    throw new TypeError('Surat: penandatangan (nama, jabatan) wajib diisi');
  }
  if (!Array.isArray(surat.rincian) || !Array.isArray(surat.isi)) throw new TypeError('Surat: rincian dan isi harus berupa daftar');
  parseTanggal(surat.tanggal);
  if (surat.berlakuSampai) parseTanggal(surat.berlakuSampai);
}

/**
 * Renders the letter as an A4 PDF (one page for an ordinary letter; a long body flows on, and the
 * signature block with the QR code is never split or overlapped). Deterministic: the document's
 * dates and file ID come from the input, so the same input gives the same bytes.
 */
export async function renderSurat(surat: SuratDocument): Promise<Buffer> {
  validate(surat);
  const instant = issueInstant(surat.tanggal);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    compress: true,
    lang: 'id-ID',
    displayTitle: true,
    info: {
      Title: `${clean(surat.judul)} ${clean(surat.nomor)}`,
      Subject: clean(surat.judul),
      Author: clean(surat.kelurahan),
      Keywords: clean(surat.nomor),
      Creator: 'Padu',
      Producer: 'Padu (PDFKit)',
      CreationDate: instant,
      ModDate: instant,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  let y = letterhead(doc, surat);
  y = title(doc, surat, y);
  y = paragraph(doc, clean(surat.pembuka), y);
  y = rincianTable(doc, surat.rincian, y);
  const body = surat.isi.filter((text) => text.trim()).map((text) => ({ text: clean(text), indent: 28 }));
  if (surat.berlakuSampai) body.push({ text: `Surat ini berlaku sampai dengan tanggal ${formatTanggal(surat.berlakuSampai)}.`, indent: 0 });
  const signer = signerBlock(doc, surat);
  body.forEach((part, i) => {
    if (i === body.length - 1) {
      // The last paragraph goes with the signature: a page holding only a signature is never printed.
      doc.font(BODY.font).fontSize(BODY.size);
      const last = doc.heightOfString(part.text, { width: CONTENT_WIDTH, align: 'justify', lineGap: BODY.lineGap, indent: part.indent });
      const together = last + PARAGRAPH_GAP + signer.height;
      if (together <= BOTTOM - MARGIN.top) y = ensureSpace(doc, y, together);
    }
    y = paragraph(doc, part.text, y, { indent: part.indent });
  });
  signer.draw(y);
  pageNumbers(doc);
  doc.end();
  return done;
}
