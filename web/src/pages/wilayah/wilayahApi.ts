import { ApiError, apiRequest } from '../../api/client';

// Shapes of the wilayah API (see /api/docs, tag "wilayah").

export type WilayahLevel = 'provinsi' | 'kabkota' | 'kecamatan' | 'kelurahan' | 'desa';

export interface Wilayah {
  id: string;
  kode: string;
  nama: string;
  level: WilayahLevel;
  parentKode: string | null;
  hasBoundary: boolean;
  source: string;
  loadedAt: string;
}

export interface PemdaTree {
  pemda: Wilayah;
  provinsi: Wilayah | null;
  kecamatan: (Wilayah & { kelurahan: Wilayah[] })[];
}

export interface ImportSummary {
  importId: string | null;
  received: number;
  created: string[];
  replaced: string[];
  unchanged: string[];
}

export interface FeatureReport {
  index: number;
  kode: string | null;
  problems: { field: string; rule: string; message: string }[];
}

export function fetchPemdaTree(signal?: AbortSignal): Promise<PemdaTree> {
  return apiRequest('GET', '/wilayah/pemda', { signal });
}

export function uploadBoundaries(featureCollection: unknown): Promise<ImportSummary> {
  return apiRequest('POST', '/wilayah/boundaries', { body: featureCollection });
}

/** The per-feature report of a rejected upload (422), or null for any other failure. */
export function featureReportsOf(error: unknown): FeatureReport[] | null {
  if (!(error instanceof ApiError) || error.problem?.code !== 'wilayah.boundaries_invalid') return null;
  const features = (error.problem as { features?: FeatureReport[] }).features;
  return Array.isArray(features) ? features : null;
}
