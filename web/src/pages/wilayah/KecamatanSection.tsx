import { useI18n } from '../../i18n/I18nProvider';
import type { PemdaTree } from './wilayahApi';

type Kecamatan = PemdaTree['kecamatan'][number];

function BoundaryBadge({ attached }: { attached: boolean }) {
  const { t } = useI18n();
  return <span className={attached ? 'badge badge--ok' : 'badge badge--off'}>{t(attached ? 'wilayah.boundary.yes' : 'wilayah.boundary.no')}</span>;
}

/** One kecamatan: its code, name and boundary state, then a table of its kelurahan/desa. */
export function KecamatanSection({ kecamatan }: { kecamatan: Kecamatan }) {
  const { t } = useI18n();
  const headingId = `kecamatan-${kecamatan.kode.replace(/\./g, '-')}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('wilayah.kecamatan', { nama: kecamatan.nama })} <code>{kecamatan.kode}</code>
      </h2>
      <p>
        {t('wilayah.kecamatan.boundary')} <BoundaryBadge attached={kecamatan.hasBoundary} />
      </p>
      <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
        <table className="data-table">
          <caption className="visually-hidden">{t('wilayah.table.caption', { nama: kecamatan.nama })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('wilayah.kode')}</th>
              <th scope="col">{t('wilayah.nama')}</th>
              <th scope="col">{t('wilayah.level')}</th>
              <th scope="col">{t('wilayah.boundary')}</th>
            </tr>
          </thead>
          <tbody>
            {kecamatan.kelurahan.length === 0 && (
              <tr>
                <td colSpan={4}>{t('wilayah.table.empty')}</td>
              </tr>
            )}
            {kecamatan.kelurahan.map((kelurahan) => (
              <tr key={kelurahan.kode}>
                <td>
                  <code>{kelurahan.kode}</code>
                </td>
                <th scope="row">{kelurahan.nama}</th>
                <td>{t(kelurahan.level === 'desa' ? 'wilayah.level.desa' : 'wilayah.level.kelurahan')}</td>
                <td>
                  <BoundaryBadge attached={kelurahan.hasBoundary} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
