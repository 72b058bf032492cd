import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import type { StoredEvent, Subscriber } from '../../core/events/bus.js';
import type { Kernel } from '../../core/kernel.js';
import type { Status } from './permohonan.js';
import type { AnyDb } from './tables.js';

/**
 * Each status change of a request, and each revoked letter, reaches the resident: an in-app
 * notification (always), an e-mail through the configured SMTP server and a message through
 * the configured SMS/WhatsApp gateway (each off when not configured, or when the resident gave
 * no address or number). They are outbox subscribers: the dispatcher delivers every event
 * until it succeeds, across restarts; each channel records what it sent, so a redelivery after
 * a crash does not notify twice.
 */
export const TYPES = ['permohonan.status_changed', 'surat.dicabut'];

interface Target {
  id: string;
  kode_lacak: string;
  nik: string;
  nama_pemohon: string;
  jenis_nama: string;
  status: Status;
  catatan: string | null;
  email: string | null;
  telepon: string | null;
}

export interface Pesan {
  judul: string;
  pesan: string;
}

const JUDUL: Record<Status, string> = {
  baru: 'Permohonan diterima',
  verifikasi: 'Permohonan sedang diverifikasi',
  perlu_perbaikan: 'Permohonan perlu diperbaiki',
  menunggu_ttd: 'Permohonan menunggu tanda tangan',
  selesai: 'Surat sudah terbit',
  ditolak: 'Permohonan ditolak',
  dibatalkan: 'Permohonan dibatalkan',
};

export function pesanFor(event: StoredEvent, target: Target): Pesan {
  const jenis = target.jenis_nama;
  const kode = target.kode_lacak;
  if (event.type === 'surat.dicabut') {
    return { judul: 'Surat dicabut', pesan: `Surat ${jenis} nomor ${String(event.payload.nomor)} (kode ${kode}) telah dicabut oleh kelurahan.` };
  }
  const ke = event.payload.ke as Status;
  const catatan = target.status === ke && target.catatan ? ` Catatan petugas: ${target.catatan}` : '';
  const body: Record<Status, string> = {
    baru: `Permohonan ${jenis} Anda telah diterima dengan kode lacak ${kode}.`,
    verifikasi: `Permohonan ${jenis} (kode ${kode}) sedang diverifikasi petugas kelurahan.`,
    perlu_perbaikan: `Permohonan ${jenis} (kode ${kode}) perlu diperbaiki. Silakan perbaiki lalu ajukan kembali.${catatan}`,
    menunggu_ttd: `Permohonan ${jenis} (kode ${kode}) sudah diverifikasi dan menunggu tanda tangan lurah.`,
    selesai: `Surat ${jenis} (kode ${kode}) sudah terbit dan dapat diunduh.`,
    ditolak: `Permohonan ${jenis} (kode ${kode}) ditolak.${catatan}`,
    dibatalkan: `Permohonan ${jenis} (kode ${kode}) telah dibatalkan.`,
  };
  return { judul: JUDUL[ke] ?? 'Status permohonan berubah', pesan: body[ke] ?? `Status permohonan ${kode} berubah.` };
}

async function targetOf(db: AnyDb, event: StoredEvent): Promise<Target | null> {
  const id = (event.type === 'surat.dicabut' ? event.payload.permohonanId : event.payload.id) as string | undefined;
  if (!id) return null;
  const { rows } = await sql<Target>`
    SELECT id, kode_lacak, nik, nama_pemohon, jenis->>'nama' AS jenis_nama, status, catatan, email, telepon
    FROM layanan.permohonan WHERE id = ${id}::uuid`.execute(db);
  return rows[0] ?? null;
}

async function alreadySent(db: AnyDb, eventId: string, saluran: 'email' | 'sms'): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM layanan.kiriman WHERE event_id = ${eventId}::uuid AND saluran = ${saluran}`.execute(db);
  return rows.length > 0;
}

async function markSent(db: AnyDb, eventId: string, saluran: 'email' | 'sms', tujuan: string): Promise<void> {
  await sql`INSERT INTO layanan.kiriman (event_id, saluran, tujuan) VALUES (${eventId}::uuid, ${saluran}, ${tujuan}) ON CONFLICT DO NOTHING`.execute(db);
}

const maskTujuan = (text: string) => (text.length > 4 ? `${'*'.repeat(text.length - 4)}${text.slice(-4)}` : '****');

export function subscribers(kernel: Kernel): Subscriber[] {
  const { config } = kernel;
  let transporter: Transporter | null = null;
  const mailer = () => (transporter ??= nodemailer.createTransport(config.smtpUrl!));
  const link = (kode: string) => (config.publicBaseUrl ? `\n\nLacak permohonan: ${config.publicBaseUrl.replace(/\/+$/, '')}/lacak/${kode}` : '');

  return [
    {
      name: 'layanan.notifikasi.inapp',
      types: TYPES,
      async handle(event) {
        const target = await targetOf(kernel.db, event);
        if (!target) return;
        const { judul, pesan } = pesanFor(event, target);
        await sql`INSERT INTO layanan.notifikasi (id, event_id, nik, permohonan_id, judul, pesan)
          VALUES (${uuidv7()}, ${event.id}::uuid, ${target.nik}, ${target.id}::uuid, ${judul}, ${pesan}) ON CONFLICT (event_id) DO NOTHING`.execute(kernel.db);
      },
    },
    {
      name: 'layanan.notifikasi.email',
      types: TYPES,
      async handle(event) {
        if (!config.smtpUrl) return;
        const target = await targetOf(kernel.db, event);
        if (!target?.email || (await alreadySent(kernel.db, event.id, 'email'))) return;
        const { judul, pesan } = pesanFor(event, target);
        await mailer().sendMail({
          from: config.smtpFrom,
          to: target.email,
          subject: `[${target.kode_lacak}] ${judul}`,
          text: `Yth. ${target.nama_pemohon},\n\n${pesan}${link(target.kode_lacak)}\n\nPesan ini dikirim otomatis oleh layanan e-kelurahan; mohon tidak dibalas.`,
        });
        await markSent(kernel.db, event.id, 'email', maskTujuan(target.email));
      },
    },
    {
      name: 'layanan.notifikasi.sms',
      types: TYPES,
      async handle(event) {
        if (!config.smsGatewayUrl) return;
        const target = await targetOf(kernel.db, event);
        if (!target?.telepon || (await alreadySent(kernel.db, event.id, 'sms'))) return;
        const { pesan } = pesanFor(event, target);
        const response = await fetch(config.smsGatewayUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(config.smsGatewayToken ? { authorization: `Bearer ${config.smsGatewayToken}` } : {}),
          },
          body: JSON.stringify({ to: target.telepon, message: pesan, reference: event.id }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
        await markSent(kernel.db, event.id, 'sms', maskTujuan(target.telepon));
      },
    },
  ];
}

export interface Notifikasi {
  id: string;
  permohonanId: string;
  judul: string;
  pesan: string;
  dibacaAt: string | null;
  createdAt: string;
}

export async function notifikasiSaya(db: AnyDb, nik: string, limit: number): Promise<Notifikasi[]> {
  const { rows } = await sql<{ id: string; permohonan_id: string; judul: string; pesan: string; dibaca_at: Date | null; created_at: Date }>`
    SELECT id, permohonan_id, judul, pesan, dibaca_at, created_at FROM layanan.notifikasi WHERE nik = ${nik}
    ORDER BY created_at DESC, id DESC LIMIT ${limit}`.execute(db);
  return rows.map((r) => ({ id: r.id, permohonanId: r.permohonan_id, judul: r.judul, pesan: r.pesan, dibacaAt: r.dibaca_at?.toISOString() ?? null, createdAt: r.created_at.toISOString() }));
}

/** Marks a resident's own notification read; another's is a 404 (false). */
export async function tandaiDibaca(db: AnyDb, nik: string, id: string): Promise<boolean> {
  const result = await sql`UPDATE layanan.notifikasi SET dibaca_at = coalesce(dibaca_at, now()) WHERE id = ${id}::uuid AND nik = ${nik}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}
