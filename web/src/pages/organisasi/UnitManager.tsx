import { useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { CloseUnitForm } from './CloseUnitForm';
import { ArchiveForm } from './formParts';
import { UnitHistoryList } from './HistoryList';
import { JabatanForm } from './JabatanForm';
import { jabatanJenisLabel, unitJenisLabel } from './labels';
import {
  archiveJabatan,
  archiveUnit,
  formatDay,
  getJabatan,
  getUnit,
  getUnitHistory,
  type Jabatan,
  type Opd,
  type StrukturUnit,
  type Unit,
  type Versioned,
} from './organisasiApi';
import { UnitForm } from './UnitForm';

type Mode =
  | { kind: 'none' }
  | { kind: 'edit' }
  | { kind: 'addChild' }
  | { kind: 'close' }
  | { kind: 'archive' }
  | { kind: 'addJabatan' }
  | { kind: 'editJabatan'; id: string }
  | { kind: 'archiveJabatan'; id: string };

interface UnitManagerProps {
  unitId: string;
  opd: Opd;
  /** The viewer manages this OPD (and it is not archived): the edit actions are shown. */
  canManage: boolean;
  /** Units of the chart on display, depth first: parent choices and names. */
  units: readonly StrukturUnit[];
  /** Something changed: the chart reloads. */
  onChanged: () => void;
  onClose: () => void;
}

/** One unit of the chart: its record and positions, the actions on them, and every version of it. */
export function UnitManager({ unitId, opd, canManage, units, onChanged, onClose }: UnitManagerProps) {
  const { t, lang } = useI18n();
  const unit = useResource((signal) => getUnit(unitId, signal), [unitId]);
  const [mode, setMode] = useState<Mode>({ kind: 'none' });
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  // Opening a unit (or another one) brings the reader to it.
  useEffect(() => {
    heading.current?.focus();
  }, [unitId, unit.data === undefined]);

  const done = (message: string) => {
    setStatus(message);
    setMode({ kind: 'none' });
    heading.current?.focus();
  };
  const saved = (next: Versioned<Unit>, message: string) => {
    unit.replace(next);
    onChanged();
    done(message);
  };
  const cancel = () => {
    setMode({ kind: 'none' });
    heading.current?.focus();
  };

  const data = unit.data?.data;
  const parentName = data?.parentId ? (units.find((u) => u.id === data.parentId)?.nama ?? '—') : t('organisasi.unit.noParent');
  const editable = canManage && data !== undefined && !data.archivedAt;

  return (
    <section className="panel org-unit" aria-labelledby="unit-manager-heading">
      <h2 id="unit-manager-heading" ref={heading} tabIndex={-1}>
        {data ? t('organisasi.unit.title', { nama: data.nama }) : t('organisasi.unit.loading')}
      </h2>
      {unit.loading && !unit.data && <Loading />}
      <ErrorAlert error={unit.error} />
      {unit.data && data && (
        <>
          {data.archivedAt && (
            <div className="alert alert--error" role="note">
              <p>{t('organisasi.unit.archived', { reason: data.archiveReason ?? '' })}</p>
            </div>
          )}
          <dl className="details org-details">
            <dt>{t('organisasi.unit.jenis')}</dt>
            <dd>{t(unitJenisLabel(data.jenis))}</dd>
            <dt>{t('organisasi.field.parentId')}</dt>
            <dd>{parentName}</dd>
            <dt>{t('organisasi.unit.berlaku')}</dt>
            <dd>
              {data.berlakuSampai
                ? t('organisasi.berlaku.range', { from: formatDay(data.berlakuMulai, lang), to: formatDay(data.berlakuSampai, lang) })
                : t('organisasi.berlaku.since', { from: formatDay(data.berlakuMulai, lang) })}
            </dd>
            <dt>{t('organisasi.unit.alamat')}</dt>
            <dd>{data.alamat ?? t('organisasi.unit.alamatOpd')}</dd>
            <dt>{t('organisasi.lokasi')}</dt>
            <dd>{data.latitude !== null && data.longitude !== null ? `${data.latitude}, ${data.longitude}` : '—'}</dd>
            <dt>{t('organisasi.version')}</dt>
            <dd>{data.version}</dd>
          </dl>
          <p role="status" className="status-line">
            {status}
          </p>
          {editable && mode.kind === 'none' && (
            <div className="org-actions">
              <button type="button" className="button" onClick={() => setMode({ kind: 'edit' })}>
                {t('organisasi.unit.edit')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setMode({ kind: 'addChild' })}>
                {t('organisasi.unit.addChild')}
              </button>
              {!data.berlakuSampai && (
                <button type="button" className="button button--secondary" onClick={() => setMode({ kind: 'close' })}>
                  {t('organisasi.unit.close')}
                </button>
              )}
              <button type="button" className="button button--secondary" onClick={() => setMode({ kind: 'archive' })}>
                {t('organisasi.unit.archive')}
              </button>
            </div>
          )}
          {mode.kind === 'edit' && (
            <UnitForm
              key={unit.data.etag}
              mode="edit"
              headingLevel="h3"
              record={unit.data}
              units={units}
              onCancel={cancel}
              onReload={unit.reload}
              onSaved={(next) => saved(next, t('organisasi.form.saved', { version: next.data.version }))}
            />
          )}
          {mode.kind === 'addChild' && (
            <UnitForm
              mode="create"
              headingLevel="h3"
              opdId={opd.id}
              parentId={data.id}
              units={units}
              onCancel={cancel}
              onSaved={(next) => {
                onChanged();
                done(t('organisasi.unit.created', { nama: next.data.nama }));
              }}
            />
          )}
          {mode.kind === 'close' && (
            <CloseUnitForm
              key={unit.data.etag}
              record={unit.data}
              onCancel={cancel}
              onReload={unit.reload}
              onSaved={(next) => saved(next, t('organisasi.unit.closed', { tanggal: formatDay(next.data.berlakuSampai ?? '', lang) }))}
            />
          )}
          {mode.kind === 'archive' && (
            <ArchiveForm
              key={unit.data.etag}
              idPrefix="unit-archive"
              title={t('organisasi.unit.archive')}
              hint={t('organisasi.unit.archiveHint')}
              submitLabel={t('organisasi.unit.archiveSubmit')}
              onCancel={cancel}
              onReload={unit.reload}
              onSubmit={async (reason) => {
                const record = unit.data!;
                saved(await archiveUnit(record.data.id, record.etag, reason), t('organisasi.unit.archivedDone'));
              }}
            />
          )}
          <JabatanSection
            unit={data}
            editable={editable}
            mode={mode}
            setMode={setMode}
            onCancel={cancel}
            onChanged={(message) => {
              unit.reload();
              onChanged();
              done(message);
            }}
          />
          <UnitHistory unitId={data.id} version={data.version} />
        </>
      )}
      <p>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('organisasi.unit.closePanel')}
        </button>
      </p>
    </section>
  );
}

interface JabatanSectionProps {
  unit: Unit;
  editable: boolean;
  mode: Mode;
  setMode: (mode: Mode) => void;
  onCancel: () => void;
  onChanged: (message: string) => void;
}

function JabatanSection({ unit, editable, mode, setMode, onCancel, onChanged }: JabatanSectionProps) {
  const { t } = useI18n();
  const idle = mode.kind === 'none';
  return (
    <section aria-labelledby="unit-jabatan-heading">
      <h3 id="unit-jabatan-heading">{t('organisasi.jabatan.title')}</h3>
      {unit.jabatan.length === 0 ? (
        <p>{t('organisasi.jabatan.empty')}</p>
      ) : (
        <ul className="org-jabatan-list" role="list" aria-label={t('organisasi.jabatan.of', { unit: unit.nama })}>
          {unit.jabatan.map((jabatan) => (
            <li key={jabatan.id}>
              <span>
                {jabatan.nama} <span className="org-chart__jabatan-kind">({jabatanKind(jabatan, t)})</span>
              </span>
              {editable && idle && (
                <span className="org-jabatan-list__actions">
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={t('organisasi.jabatan.editOf', { nama: jabatan.nama })}
                    onClick={() => setMode({ kind: 'editJabatan', id: jabatan.id })}
                  >
                    {t('organisasi.jabatan.editShort')}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={t('organisasi.jabatan.archiveOf', { nama: jabatan.nama })}
                    onClick={() => setMode({ kind: 'archiveJabatan', id: jabatan.id })}
                  >
                    {t('organisasi.jabatan.archiveShort')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && idle && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setMode({ kind: 'addJabatan' })}>
            {t('organisasi.jabatan.create')}
          </button>
        </p>
      )}
      {mode.kind === 'addJabatan' && (
        <JabatanForm mode="create" unitId={unit.id} onCancel={onCancel} onSaved={(next) => onChanged(t('organisasi.jabatan.created', { nama: next.data.nama }))} />
      )}
      {(mode.kind === 'editJabatan' || mode.kind === 'archiveJabatan') && (
        <JabatanEditor key={`${mode.kind}:${mode.id}`} id={mode.id} archive={mode.kind === 'archiveJabatan'} onCancel={onCancel} onChanged={onChanged} />
      )}
    </section>
  );
}

function jabatanKind(jabatan: Pick<Jabatan, 'jenis' | 'eselon'>, t: ReturnType<typeof useI18n>['t']): string {
  const kind = t(jabatanJenisLabel(jabatan.jenis));
  return jabatan.eselon ? `${kind}, ${t('organisasi.eselon', { eselon: jabatan.eselon })}` : kind;
}

/** Loads a position with its ETag, then edits or archives it against that version. */
function JabatanEditor({ id, archive, onCancel, onChanged }: { id: string; archive: boolean; onCancel: () => void; onChanged: (message: string) => void }) {
  const { t } = useI18n();
  const jabatan = useResource((signal) => getJabatan(id, signal), [id]);
  if (jabatan.loading && !jabatan.data) return <Loading />;
  if (!jabatan.data) return <ErrorAlert error={jabatan.error} />;
  const record = jabatan.data;
  if (archive) {
    return (
      <ArchiveForm
        key={record.etag}
        idPrefix="jabatan-archive"
        headingLevel="h4"
        title={t('organisasi.jabatan.archiveOf', { nama: record.data.nama })}
        hint={t('organisasi.jabatan.archiveHint')}
        submitLabel={t('organisasi.jabatan.archiveSubmit')}
        onCancel={onCancel}
        onReload={jabatan.reload}
        onSubmit={async (reason) => {
          await archiveJabatan(record.data.id, record.etag, reason);
          onChanged(t('organisasi.jabatan.archived', { nama: record.data.nama }));
        }}
      />
    );
  }
  return (
    <JabatanForm
      key={record.etag}
      mode="edit"
      record={record}
      onCancel={onCancel}
      onReload={jabatan.reload}
      onSaved={(next) => onChanged(t('organisasi.jabatan.saved', { nama: next.data.nama }))}
    />
  );
}

function UnitHistory({ unitId, version }: { unitId: string; version: number }) {
  const { t } = useI18n();
  const history = useResource((signal) => getUnitHistory(unitId, signal), [unitId, version]);
  return (
    <section aria-labelledby="unit-history-heading">
      <h3 id="unit-history-heading">{t('organisasi.unit.history')}</h3>
      <ErrorAlert error={history.error} />
      {history.loading && !history.data && <Loading />}
      {history.data && <UnitHistoryList items={history.data} captionId="unit-history-caption" />}
    </section>
  );
}
