import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { kelurahanName, kewarganegaraanLabel, kodeName, sexLabel, statusLabel } from '../penduduk/labels';
import { formatTanggal, getKelurahan, getReferensi, type AksesEntry, type Penduduk } from '../penduduk/pendudukApi';
import { UnlinkedNote } from './UnlinkedNote';
import { getMyPenduduk } from './sayaApi';

/** My resident record, in full, and the table "who saw my data". */
export function MyPendudukSection() {
  const { t } = useI18n();
  const mine = useResource((signal) => getMyPenduduk(signal), []);
  return (
    <section className="panel" aria-labelledby="saya-penduduk-heading">
      <h2 id="saya-penduduk-heading">{t('saya.penduduk.title')}</h2>
      {mine.loading && !mine.data && <Loading />}
      <ErrorAlert error={mine.error} />
      {mine.data && !mine.data.linked && <UnlinkedNote message={mine.data.message} />}
      {mine.data?.linked && (
        <>
          <PendudukData penduduk={mine.data.data.penduduk} />
          <AksesTable items={mine.data.data.akses} />
        </>
      )}
    </section>
  );
}

function PendudukData({ penduduk: p }: { penduduk: Penduduk }) {
  const { t, lang } = useI18n();
  // Region names and the Dukcapil code lists are open to every signed-in user.
  const kelurahan = useResource((signal) => getKelurahan(signal), []);
  const referensi = useResource((signal) => getReferensi(signal), []);
  const codes = referensi.data;
  return (
    <dl className="details saya-details">
      <dt>{t('penduduk.field.nama')}</dt>
      <dd>{p.nama}</dd>
      <dt>{t('penduduk.field.nik')}</dt>
      <dd>
        <code>{p.nik}</code>
      </dd>
      <dt>{t('penduduk.field.noKk')}</dt>
      <dd>
        <code>{p.noKk}</code>
      </dd>
      <dt>{t('penduduk.tempatTanggalLahir')}</dt>
      <dd>
        {p.tempatLahir}, {p.tanggalLahir ? formatTanggal(p.tanggalLahir, lang) : p.tahunLahir}
      </dd>
      <dt>{t('penduduk.field.jenisKelamin')}</dt>
      <dd>{t(sexLabel(p.jenisKelamin))}</dd>
      {p.alamat && (
        <>
          <dt>{t('penduduk.alamat')}</dt>
          <dd>{[p.alamat, p.rt && p.rw ? `RT ${p.rt}/RW ${p.rw}` : ''].filter(Boolean).join(', ')}</dd>
        </>
      )}
      {p.kodeKelurahan && (
        <>
          <dt>{t('penduduk.kelurahan')}</dt>
          <dd>{kelurahanName(kelurahan.data, p.kodeKelurahan)}</dd>
        </>
      )}
      {codes && (
        <>
          <dt>{t('penduduk.field.agama')}</dt>
          <dd>{kodeName(codes, 'agama', p.agama)}</dd>
          <dt>{t('penduduk.field.pendidikan')}</dt>
          <dd>{kodeName(codes, 'pendidikan', p.pendidikan)}</dd>
          <dt>{t('penduduk.field.pekerjaan')}</dt>
          <dd>{kodeName(codes, 'pekerjaan', p.pekerjaan)}</dd>
          <dt>{t('penduduk.field.statusKawin')}</dt>
          <dd>{kodeName(codes, 'statusKawin', p.statusKawin)}</dd>
          <dt>{t('penduduk.field.shdk')}</dt>
          <dd>{kodeName(codes, 'shdk', p.shdk)}</dd>
        </>
      )}
      <dt>{t('penduduk.field.status')}</dt>
      <dd>{t(statusLabel(p.status))}</dd>
      <dt>{t('penduduk.field.kewarganegaraan')}</dt>
      <dd>{t(kewarganegaraanLabel(p.kewarganegaraan))}</dd>
      <dt>{t('saya.penduduk.updatedAt')}</dt>
      <dd>
        <DateTime value={p.updatedAt} />
      </dd>
    </dl>
  );
}

/** "Siapa yang melihat data saya": every full view and export of my record, newest first (UU 27/2022). */
function AksesTable({ items }: { items: readonly AksesEntry[] }) {
  const { t } = useI18n();
  const who = (entry: AksesEntry) =>
    entry.actorName ?? (entry.actorType === 'app' ? t('saya.akses.app', { id: entry.appId ?? '—' }) : t('audit.actorType.system'));
  return (
    <>
      <h3 id="saya-akses-heading">{t('saya.akses.title')}</h3>
      <p className="field__hint">{t('saya.akses.intro')}</p>
      {items.length === 0 ? (
        <p>{t('saya.akses.empty')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="saya-akses-heading" tabIndex={0}>
          <table className="data-table saya-akses" role="table">
            <caption className="visually-hidden">{t('saya.akses.caption')}</caption>
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">{t('saya.akses.at')}</th>
                <th scope="col" role="columnheader">{t('saya.akses.by')}</th>
                <th scope="col" role="columnheader">{t('saya.akses.action')}</th>
                <th scope="col" role="columnheader">{t('saya.akses.reason')}</th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {items.map((entry, index) => (
                <tr key={`${entry.at}-${index}`} role="row">
                  <td role="cell" className="nowrap">
                    <PhoneLabel>{t('saya.akses.at')}</PhoneLabel>
                    <DateTime value={entry.at} />
                  </td>
                  <td role="cell">
                    <PhoneLabel>{t('saya.akses.by')}</PhoneLabel>
                    {who(entry)}
                  </td>
                  <td role="cell">
                    <PhoneLabel>{t('saya.akses.action')}</PhoneLabel>
                    {t(entry.action === 'export' ? 'saya.akses.action.export' : 'saya.akses.action.view_full')}
                  </td>
                  <td role="cell">
                    <PhoneLabel>{t('saya.akses.reason')}</PhoneLabel>
                    {entry.reason}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** A cell's column name, shown above the value when the table is stacked on phones; screen readers get the column header instead. */
function PhoneLabel({ children }: { children: string }) {
  return (
    <span className="saya-akses__label" aria-hidden="true">
      {children}
    </span>
  );
}
