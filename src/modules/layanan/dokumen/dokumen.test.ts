import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { boundingBox, decodeQr, drawnGrid } from '../../../../test/helpers/qr.js';
import { contohSurat } from './contoh.js';
import { QR_CAPTION, bulanRomawi, formatTanggal, renderSurat, type SuratDocument } from './index.js';
import { inspectPdf, type InspectedPage } from './inspect.js';


const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

describe('formatTanggal', () => {
  it('writes every month in Indonesian', () => {
    for (let m = 1; m <= 12; m++) {
      assert.equal(formatTanggal(`2026-${String(m).padStart(2, '0')}-15`), `15 ${BULAN[m - 1]} 2026`);
    }
  });

  it('drops the leading zero of the day and knows leap years', () => {
    assert.equal(formatTanggal('2026-11-28'), '28 November 2026');
    assert.equal(formatTanggal('2026-03-05'), '5 Maret 2026');
    assert.equal(formatTanggal('2028-02-29'), '29 Februari 2028');
    assert.equal(formatTanggal('2026-12-31'), '31 Desember 2026');
  });

  it('throws on bad input', () => {
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '28-11-2026', '2026-11-28T10:00:00Z', '2026-1-5', '', 'besok']) {
      assert.throws(() => formatTanggal(bad), RangeError, bad);
    }
    assert.throws(() => formatTanggal(undefined as unknown as string), RangeError);
    assert.throws(() => formatTanggal(20261128 as unknown as string), RangeError);
  });
});

describe('bulanRomawi', () => {
  it('gives the Roman numeral of all 12 months', () => {
    const expected = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
    assert.deepEqual(
      expected.map((_, i) => bulanRomawi(i + 1)),
      expected,
    );
  });

  it('throws outside 1–12', () => {
    for (const bad of [0, 13, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '11' as unknown as number]) {
      assert.throws(() => bulanRomawi(bad), RangeError, String(bad));
    }
  });
});

/** The text runs of the signer block: from the place-and-date line to the NIP (or the name). */
function signerRuns(page: InspectedPage, surat: SuratDocument) {
  const place = page.runs.findIndex((r) => r.text === `${surat.tempat}, ${formatTanggal(surat.tanggal)}`);
  assert.ok(place >= 0, 'place and date line on the page');
  return { place: page.runs[place]!, name: page.runs.find((r) => r.text === surat.penandatangan.nama)! };
}

const widthOf = (() => {
  const measure = new PDFDocument({ autoFirstPage: false });
  return (font: string, size: number, text: string) => measure.font(font).fontSize(size).widthOfString(text);
})();

describe('renderSurat', () => {
  it('writes a one-page PDF with the number, the Indonesian date, the signer and NIP', async () => {
    const surat = contohSurat();
    const pdf = await renderSurat(surat);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF\s*$/);

    const read = inspectPdf(pdf);
    assert.equal(read.pages.length, 1);
    const page = read.pages[0]!;
    assert.deepEqual([Math.round(page.width), Math.round(page.height)], [595, 842], 'A4');
    for (const line of ['PEMERINTAH KOTA PADANG', 'KECAMATAN PADANG SELATAN', 'KELURAHAN RANAH PARAK RUMBIO', surat.alamatKantor!]) {
      assert.ok(read.text.includes(line), line);
    }
    assert.ok(read.text.includes('SURAT KETERANGAN DOMISILI'));
    assert.ok(read.text.includes('Nomor: 470/001/13.71.01.1001/XI/2026'));
    assert.ok(read.text.includes('Padang, 28 November 2026'));
    assert.ok(read.text.includes('Surat ini berlaku sampai dengan tanggal 28 Februari 2027.'));
    assert.ok(read.text.includes('Drs. Syafrizal Mukhtar'));
    assert.ok(read.text.includes('NIP. 197003151995031002'));
    assert.ok(read.text.includes(QR_CAPTION));
    for (const [label, value] of surat.rincian) {
      const row = page.text.split('\n').find((l) => l.startsWith(`${label} : `));
      assert.ok(row, `row ${label}`);
      assert.ok(value.startsWith(row.slice(label.length + 3).trim()), `value of ${label}`);
    }
    // The body paragraphs are there, word for word (justified lines are read back with their spaces).
    const flat = read.text.replace(/\s+/g, ' ');
    for (const paragraph of surat.isi) assert.ok(flat.includes(paragraph), paragraph.slice(0, 30));

    // The title is bold; the signer's name is bold and underlined (a stroked line right under it).
    assert.equal(page.runs.find((r) => r.text === surat.judul)!.font, 'Times-Bold');
    assert.equal(page.runs.find((r) => r.text === surat.penandatangan.nama)!.font, 'Times-Bold');
    // Labels of the table line up: every value starts at the same x.
    const colons = page.runs.filter((r) => r.text === ':');
    assert.equal(colons.length, surat.rincian.length);
    assert.equal(new Set(colons.map((r) => r.x.toFixed(2))).size, 1);
    // Standard fonts only, nothing embedded.
    assert.doesNotMatch(pdf.toString('latin1'), /FontFile/);
    assert.ok(page.runs.every((r) => ['Times-Roman', 'Times-Bold', 'Helvetica'].includes(r.font)));
  });

  it('draws a QR code that decodes to the verification URL, with its caption under it', async () => {
    const surat = contohSurat();
    const page = inspectPdf(await renderSurat(surat)).pages[0]!;
    const expected = QRCode.create(surat.verifikasiUrl, { errorCorrectionLevel: 'M' }).modules;
    assert.ok(page.rects.length > 0, 'QR modules drawn');
    const grid = drawnGrid(page.rects, expected.size);
    for (let row = 0; row < expected.size; row++) {
      for (let col = 0; col < expected.size; col++) {
        assert.equal(grid[row]![col], Boolean(expected.get(row, col)), `module ${row},${col}`);
      }
    }
    assert.equal(decodeQr(grid), surat.verifikasiUrl);

    // Placed at the bottom left, level with the signer block, its caption just under it.
    const box = boundingBox(page.rects);
    const { place, name } = signerRuns(page, surat);
    assert.ok(box.right < place.x, 'QR left of the signer block');
    assert.ok(box.top > place.y - 20 && box.top < name.y, 'QR level with the signer block');
    const caption = page.runs.find((r) => r.text === QR_CAPTION)!;
    assert.ok(caption.y > box.bottom && caption.y < box.bottom + 20, 'caption under the QR code');
    assert.ok(box.right - box.left >= 70, 'large enough to scan when printed');
  });

  it('leaves out the NIP and validity lines when they are not set', async () => {
    const surat = contohSurat({ berlakuSampai: null, penandatangan: { jabatan: 'Lurah Ranah Parak Rumbio', nama: 'Yulia Sari', nip: null } });
    const read = inspectPdf(await renderSurat(surat));
    assert.ok(read.text.includes('Yulia Sari'));
    assert.ok(!read.text.includes('NIP.'));
    assert.ok(!read.text.includes('berlaku sampai'));
  });

  it('is deterministic: the same input gives the same bytes, whatever the clock says', async () => {
    const surat = contohSurat();
    mock.timers.enable({ apis: ['Date'], now: Date.UTC(2026, 10, 28, 9, 30) });
    let first: Buffer;
    let second: Buffer;
    try {
      first = await renderSurat(surat);
      mock.timers.setTime(Date.UTC(2031, 0, 2, 23, 59));
      second = await renderSurat(structuredClone(surat));
    } finally {
      mock.timers.reset();
    }
    assert.ok(first.equals(second));
    assert.ok(first.equals(await renderSurat(surat)));

    const read = inspectPdf(first);
    // The document's dates are the day of issue at 00:00 WIB.
    assert.equal(read.info.CreationDate, '(D:20261127170000Z)');
    assert.equal(read.info.ModDate, '(D:20261127170000Z)');
    assert.match(read.info.Keywords!, /470\/001\/13\.71\.01\.1001\/XI\/2026/);

    // Another number gives other bytes and another file ID.
    const other = await renderSurat(contohSurat({ nomor: '470/002/13.71.01.1001/XI/2026' }));
    assert.ok(!first.equals(other));
    assert.notEqual(inspectPdf(other).id, read.id);
  });

  it('wraps long names and addresses inside the value column', async () => {
    const name = 'PROF. DR. IR. H. MUHAMMAD RAHMATULLAH SYAHPUTRA BIN ABDUL HAMID SUTAN RAJO ALAM DATUK MANGKUTO';
    const address = 'Jl. Prof. Dr. Hamka Gang Kenanga Indah Blok C No. 123A, RT 004 RW 011, Kelurahan Air Tawar Barat, Kecamatan Padang Utara, Kota Padang, Sumatera Barat';
    const surat = contohSurat({ rincian: [['Nama', name], ['NIK', '1371011203900001'], ['Alamat', address]] });
    const page = inspectPdf(await renderSurat(surat)).pages[0]!;
    const nik = page.runs.find((r) => r.text === '1371011203900001')!;
    const valueRuns = page.runs.filter((r) => Math.abs(r.x - nik.x) < 0.01 && r.font === 'Times-Roman');
    const nameLines = valueRuns.filter((r) => r.y < nik.y);
    assert.ok(nameLines.length >= 2, 'the name wraps');
    assert.equal(nameLines.map((r) => r.text.trim()).join(' '), name);
    const addressLines = valueRuns.filter((r) => r.y > nik.y && address.includes(r.text.trim()));
    assert.ok(addressLines.length >= 2, 'the address wraps');
    assert.equal(addressLines.map((r) => r.text.trim()).join(' '), address);
    for (const run of valueRuns) {
      assert.ok(run.x + widthOf(run.font, run.size, run.text.trimEnd()) <= page.width - 56 + 0.01, `inside the margin: ${run.text}`);
    }
  });

  it('flows a long body onto more pages without the signer block overlapping it', async () => {
    const sentence = 'Pelayanan administrasi kependudukan di kelurahan dilaksanakan secara daring, cepat, dan dapat dipertanggungjawabkan. ';
    for (let paragraphs = 1; paragraphs <= 14; paragraphs++) {
      const surat = contohSurat({ isi: Array.from({ length: paragraphs }, (_, i) => `Paragraf ${i + 1}. ${sentence.repeat(3)}`) });
      const read = inspectPdf(await renderSurat(surat));
      const last = read.pages.at(-1)!;
      const { place, name } = signerRuns(last, surat);
      const nip = last.runs.find((r) => r.text.startsWith('NIP. '))!;
      const caption = last.runs.find((r) => r.text === QR_CAPTION)!;
      // Signer block and QR code together on the last page, below all the text before them.
      assert.ok(name && nip && caption && last.rects.length > 0, `block complete (${paragraphs})`);
      const before = last.runs.slice(0, last.runs.indexOf(place));
      assert.ok(before.length > 0, `the signature is never alone on a page (${paragraphs})`);
      const lowest = Math.max(0, ...before.map((r) => r.y));
      assert.ok(place.y > lowest + 10, `signer block below the body (${paragraphs})`);
      assert.ok(boundingBox(last.rects).top > lowest, `QR code below the body (${paragraphs})`);
      // Nothing past the bottom margin except the page number.
      for (const page of read.pages) {
        for (const run of page.runs) {
          if (!run.text.startsWith('Halaman ')) assert.ok(run.y <= page.height - 56, `inside the page: ${run.text} (${paragraphs})`);
        }
      }
      for (const page of read.pages.slice(0, -1)) assert.equal(page.rects.length, 0, 'QR code only on the last page');
      if (read.pages.length > 1) {
        read.pages.forEach((page, i) => assert.ok(page.text.includes(`Halaman ${i + 1} dari ${read.pages.length}`)));
      } else {
        assert.ok(!read.text.includes('Halaman'));
      }
      // Every word of the body is there, in order, across the page break (the page numbers aside).
      const flat = read.pages
        .flatMap((p) => p.runs.filter((r) => !r.text.startsWith('Halaman ')).map((r) => r.text))
        .join(' ')
        .replace(/\s+/g, ' ');
      for (const paragraph of surat.isi) assert.ok(flat.includes(paragraph.trim()), `paragraph complete (${paragraphs})`);
      if (paragraphs === 14) assert.ok(read.pages.length >= 2, 'a long body takes a second page');
      if (paragraphs === 1) assert.equal(read.pages.length, 1);
    }
  });

  it('prints letters outside the standard fonts without garbage', async () => {
    const surat = contohSurat({ rincian: [['Nama', 'Nguyễn Văn Anh – “Ană” 😀'], ['Tempat Lahir', 'Bukittinggi']] });
    const read = inspectPdf(await renderSurat(surat));
    assert.ok(read.text.includes('Nguyen Van Anh - "Ana" ?'), read.text);
  });

  it('refuses incomplete or invalid input', async () => {
    await assert.rejects(renderSurat(contohSurat({ tanggal: '2026-02-30' })), RangeError);
    await assert.rejects(renderSurat(contohSurat({ berlakuSampai: '31/12/2026' })), RangeError);
    await assert.rejects(renderSurat(contohSurat({ nomor: ' ' })), TypeError);
    await assert.rejects(renderSurat(contohSurat({ verifikasiUrl: '' })), TypeError);
    await assert.rejects(renderSurat(contohSurat({ penandatangan: { jabatan: 'Lurah', nama: '', nip: null } })), TypeError);
  });
});
