import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { ResultsTable } from '../../components/ResultsTable';
import { useFormSubmission } from '../../hooks/useFormSubmission';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { createKlien, getIzin, getPemakaian, listKlien, revokeKlien, rotateKlien, type Klien } from './integrasiApi';

interface Shown {
  clientId: string;
  secret: string;
  oldUntil?: string | null;
}

/** A secret shown once: a warning, the value, a copy button; dismissed, it is gone from the page. */
function SecretOnce({ shown, onDone }: { shown: Shown; onDone: () => void }) {
  const { t, formatDateTime } = useI18n();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopied(true);
    } catch {
      // No clipboard (insecure context): the value stays selectable.
      setCopied(false);
    }
  }
  return (
    <div className="alert secret-once" role="alert">
      <h3>{t('integrasi.klien.rahasiaBaru', { clientId: shown.clientId })}</h3>
      <p>{t('integrasi.klien.peringatan')}</p>
      <p>
        <code className="secret-once__value" data-testid="rahasia-klien">
          {shown.secret}
        </code>
      </p>
      {shown.oldUntil && <p>{t('integrasi.klien.lamaBerakhir', { waktu: formatDateTime(shown.oldUntil) })}</p>}
      <p className="integrasi-actions">
        <button type="button" className="button button--secondary" onClick={copy}>
          {t('integrasi.klien.salin')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('integrasi.klien.tutup')}
        </button>
        <span role="status">{copied ? t('integrasi.klien.tersalin') : ''}</span>
      </p>
    </div>
  );
}

function KlienActions({ klien, onSecret, onChanged }: { klien: Klien; onSecret: (shown: Shown) => void; onChanged: () => void }) {
  const { t } = useI18n();
  const [hours, setHours] = useState('24');
  const [reason, setReason] = useState('');
  const rotate = useFormSubmission();
  const revoke = useFormSubmission();
  if (klien.status !== 'aktif') return <span className="badge badge--off">{t('integrasi.klien.dicabut')}</span>;
  return (
    <div className="klien-actions">
      <form
        className="klien-inline"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void rotate.submit(async () => {
            const result = await rotateKlien(klien.clientId, hours === '' ? undefined : Number(hours));
            onSecret({ clientId: klien.clientId, secret: result.clientSecret, oldUntil: result.rahasiaLamaBerakhir });
            onChanged();
          });
        }}
      >
        <ErrorAlert error={rotate.error} />
        <TextField label={t('integrasi.klien.tumpang')} type="number" min={0} max={720} value={hours} onChange={(e) => setHours(e.target.value)} error={rotate.errors.masaTumpangJam} />
        <button type="submit" className="button button--secondary">
          {t('integrasi.klien.rotasi')}
        </button>
      </form>
      <form
        className="klien-inline"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void revoke.submit(async () => {
            await revokeKlien(klien.clientId, reason.trim());
            onChanged();
          });
        }}
      >
        <ErrorAlert error={revoke.errors.alasan ? null : revoke.error} />
        <TextField label={t('integrasi.klien.cabutAlasan')} value={reason} onChange={(e) => setReason(e.target.value)} error={revoke.errors.alasan} maxLength={500} required />
        <button type="submit" className="button button--secondary klien-cabut">
          {t('integrasi.klien.cabutYakin')}
        </button>
      </form>
    </div>
  );
}

/** The app's OAuth clients: create (secret shown once), rotate with an overlap, revoke with a reason. */
export function KlienPanel({ kode }: { kode: string }) {
  const { t, formatDateTime } = useI18n();
  const clients = useResource((signal) => listKlien(kode, signal), [kode]);
  const [shown, setShown] = useState<Shown | null>(null);
  const [nama, setNama] = useState('produksi');
  const create = useFormSubmission();

  function handleCreate(event: FormEvent) {
    event.preventDefault();
    void create.submit(async () => {
      const created = await createKlien(kode, nama.trim());
      setShown({ clientId: created.clientId, secret: created.clientSecret });
      clients.reload();
    });
  }

  return (
    <section className="panel" aria-labelledby="klien-title">
      <h2 id="klien-title">{t('integrasi.klien.title')}</h2>
      <p>{t('integrasi.klien.intro')}</p>
      {shown && <SecretOnce shown={shown} onDone={() => setShown(null)} />}
      <ErrorAlert error={clients.error} />
      {clients.loading && !clients.data && <Loading />}
      {clients.data && (
        <ResultsTable
          captionId="klien-caption"
          caption={t('integrasi.klien.caption')}
          columns={
            <>
              <th scope="col">{t('integrasi.klien.nama')}</th>
              <th scope="col">{t('integrasi.klien.clientId')}</th>
              <th scope="col">{t('integrasi.klien.rahasia')}</th>
              <th scope="col">{t('integrasi.klien.tokenTerakhir')}</th>
              <th scope="col">{t('integrasi.klien.aksi')}</th>
            </>
          }
          columnCount={5}
          items={clients.data.items}
          empty={t('integrasi.klien.empty')}
          busy={clients.loading}
        >
          {(k) => (
            <tr key={k.id}>
              <th scope="row">{k.nama}</th>
              <td>
                <code>{k.clientId}</code>
              </td>
              <td>
                {k.rahasia.map((r) => (
                  <div key={r.id}>
                    <code>{r.petunjuk}</code>
                    {r.expiresAt && ` (${t('integrasi.klien.berakhir', { waktu: formatDateTime(r.expiresAt) })})`}
                  </div>
                ))}
              </td>
              <td>{k.lastTokenAt ? formatDateTime(k.lastTokenAt) : t('integrasi.klien.belumPernah')}</td>
              <td>
                <KlienActions klien={k} onSecret={setShown} onChanged={clients.reload} />
              </td>
            </tr>
          )}
        </ResultsTable>
      )}
      <form ref={create.form} className="form klien-inline" onSubmit={handleCreate} noValidate>
        <FormAlert error={create.errors.nama ? null : create.error} />
        <TextField label={t('integrasi.klien.nama')} hint={t('integrasi.klien.namaHint')} value={nama} onChange={(e) => setNama(e.target.value)} error={create.errors.nama} maxLength={100} required />
        <button type="submit" className="button">
          {t('integrasi.klien.buat')}
        </button>
      </form>
    </section>
  );
}

/** What the app's tokens may open (granted by the platform admin). */
export function IzinPanel({ kode }: { kode: string }) {
  const { t } = useI18n();
  const izin = useResource((signal) => getIzin(kode, signal), [kode]);
  return (
    <section className="panel" aria-labelledby="izin-title">
      <h2 id="izin-title">{t('integrasi.izin.title')}</h2>
      <ErrorAlert error={izin.error} />
      {izin.data &&
        (izin.data.items.length === 0 ? (
          <p>{t('integrasi.izin.empty')}</p>
        ) : (
          <ul>
            {izin.data.items.map((i) => (
              <li key={`${i.scope}|${i.scopeCode ?? ''}`}>
                <code>{i.scope}</code> — {i.scopeType === 'city' ? t('integrasi.izin.kota') : `${i.scopeType} ${i.scopeCode ?? ''}`}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

/** Metered API use of the last 7 days per endpoint. */
export function PemakaianPanel({ kode }: { kode: string }) {
  const { t, formatDateTime } = useI18n();
  const usage = useResource((signal) => getPemakaian(kode, 7, signal), [kode]);
  return (
    <section className="panel" aria-labelledby="pemakaian-title">
      <h2 id="pemakaian-title">{t('integrasi.pemakaian.title')}</h2>
      <ErrorAlert error={usage.error} />
      {usage.data && (
        <>
          <p>{t('integrasi.pemakaian.total', usage.data.total)}</p>
          <ResultsTable
            captionId="pemakaian-caption"
            caption={t('integrasi.pemakaian.caption')}
            columns={
              <>
                <th scope="col">{t('integrasi.pemakaian.endpoint')}</th>
                <th scope="col">{t('integrasi.pemakaian.jumlah')}</th>
                <th scope="col">{t('integrasi.pemakaian.gagal')}</th>
                <th scope="col">{t('integrasi.pemakaian.ditolak')}</th>
                <th scope="col">{t('integrasi.pemakaian.rata')}</th>
                <th scope="col">{t('integrasi.pemakaian.terakhir')}</th>
              </>
            }
            columnCount={6}
            items={usage.data.items}
            empty={t('integrasi.pemakaian.empty')}
            busy={usage.loading}
          >
            {(u) => (
              <tr key={`${u.metode} ${u.rute} ${u.scope}`}>
                <th scope="row">
                  <code>
                    {u.metode} {u.rute}
                  </code>
                  {u.scope && (
                    <>
                      {' '}
                      <small>({u.scope})</small>
                    </>
                  )}
                </th>
                <td>{u.jumlah}</td>
                <td>{u.gagal}</td>
                <td>{u.ditolak}</td>
                <td>{Math.round(u.rataMs)}</td>
                <td>{formatDateTime(u.terakhir)}</td>
              </tr>
            )}
          </ResultsTable>
        </>
      )}
    </section>
  );
}
