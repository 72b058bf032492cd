import type { ProgramLevel } from '../identity/kode-program.js';

export const PROGRAM_LEVELS = ['urusan', 'bidang_urusan', 'program', 'kegiatan', 'sub_kegiatan'] as const satisfies readonly ProgramLevel[];
export type { ProgramLevel };

/** Largest pagu accepted: whole Rupiah below 2^53, so JSON numbers carry it exactly. */
export const MAX_PAGU = 999_999_999_999_999;

export interface Nomenklatur {
  kode: string;
  level: ProgramLevel;
  parentKode: string | null;
  nama: string;
}

export interface Indikator {
  nama: string;
  satuan: string | null;
  target: number | null;
}

export interface Anggaran {
  id: string;
  tahun: number;
  opdId: string;
  /** Normalised sub-kegiatan code. */
  kode: string;
  /** Name of the sub-kegiatan. */
  nama: string;
  /** Whole Rupiah. */
  pagu: number;
  indikator: Indikator[];
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export const ANGGARAN_EDITABLE = ['pagu', 'indikator'] as const;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

/** This fiscal year: the calendar year in WIB (the Indonesian fiscal year runs January to December). */
export const tahunIni = (now = new Date()): number => new Date(now.getTime() + 7 * 3600_000).getUTCFullYear();
