import type { SeededRandom } from './random.js';

// Names common in Padang (Minangkabau and general Indonesian); demo data only.
const male = [
  'Andi', 'Budi', 'Rizki', 'Fajar', 'Hendra', 'Irfan', 'Yusuf', 'Afdal', 'Rahmat', 'Zulkifli', 'Arif', 'Doni',
  'Efendi', 'Fauzan', 'Gusti', 'Hafiz', 'Ikhsan', 'Joni', 'Khairul', 'Lukman', 'Mardianto', 'Nofrizal', 'Oktavianus',
  'Putra', 'Randi', 'Syafrizal', 'Taufik', 'Uda', 'Wahyu', 'Yogi', 'Zainal', 'Afrizal', 'Buya', 'Dedi', 'Erizal',
  'Firdaus', 'Hasbi', 'Indra', 'Jefri', 'Masril', 'Nasrul', 'Rudi', 'Syahrial', 'Yulius', 'Ilham', 'Reza',
];
const female = [
  'Siti', 'Rina', 'Dewi', 'Fitri', 'Nurul', 'Yulia', 'Rahmi', 'Wulandari', 'Aisyah', 'Dinda', 'Elvi', 'Febri',
  'Gita', 'Hasnah', 'Indah', 'Juwita', 'Kartini', 'Lestari', 'Mega', 'Novita', 'Oktaviani', 'Putri', 'Rosmaini',
  'Sri', 'Tuti', 'Ulfa', 'Vivi', 'Wirda', 'Yenni', 'Zahara', 'Anisa', 'Desi', 'Erni', 'Hayati', 'Irma', 'Leni',
  'Marlina', 'Nelly', 'Rosa', 'Suryani', 'Yusnita', 'Mardiah', 'Nurhasanah', 'Ratna', 'Syafitri', 'Delvi',
];
const family = [
  'Saputra', 'Putri', 'Hidayat', 'Rahman', 'Syahputra', 'Wahyuni', 'Fitriani', 'Chaniago', 'Piliang', 'Koto',
  'Tanjung', 'Sikumbang', 'Jambak', 'Caniago', 'Guci', 'Melayu', 'Pitopang', 'Sinaga', 'Nasution', 'Lubis',
  'Harahap', 'Siregar', 'Pratama', 'Kurniawan', 'Setiawan', 'Handayani', 'Susanti', 'Maharani', 'Rusdi', 'Yunus',
  'Anwar', 'Hamzah', 'Ismail', 'Syarif', 'Arifin', 'Effendi', 'Hasan', 'Idris', 'Mansur', 'Zubir',
];

export type Sex = 'L' | 'P';

export function personName(random: SeededRandom, sex: Sex): string {
  const given = random.pick(sex === 'L' ? male : female);
  return random.chance(0.85) ? `${given} ${random.pick(family)}` : given;
}
