import { useState } from 'react';
import { verifyAuditChain } from '../../api/audit';
import type { ChainVerification } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';

/** "Verify chain": recomputes the audit hash chain on the server and shows the verdict. */
export function ChainCheck() {
  const { t } = useI18n();
  const [result, setResult] = useState<ChainVerification | null>(null);
  const { pending, error, submit } = useSubmission();

  function verify() {
    setResult(null);
    void submit(async () => setResult(await verifyAuditChain()));
  }

  return (
    <section className="panel" aria-labelledby="audit-chain" aria-busy={pending}>
      <h2 id="audit-chain">{t('audit.chain')}</h2>
      <p className="muted">{t('audit.chain.intro')}</p>
      <button type="button" className="button button--secondary" onClick={verify}>
        {t('audit.chain.verify')}
      </button>
      <div role="status">
        {pending && <p>{t('audit.chain.checking')}</p>}
        {result?.ok && <p className="alert alert--ok">{t('audit.chain.ok', { checked: result.checked })}</p>}
      </div>
      {result && !result.ok && (
        <div className="alert alert--error" role="alert">
          <p>{t('audit.chain.broken', { seq: result.firstBadSeq ?? '?', checked: result.checked })}</p>
          {result.reason && <p className="alert__meta">{result.reason}</p>}
        </div>
      )}
      <ErrorAlert error={error} />
    </section>
  );
}
