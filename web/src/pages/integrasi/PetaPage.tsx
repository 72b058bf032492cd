import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ResultsTable } from '../../components/ResultsTable';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { getPeta, type FlowKind, type Peta, type PetaFlow, type PetaNode } from './integrasiApi';
import { alurLabel, datasetLabel, tingkatLabel } from './parts';

const NODE_W = 170;
const NODE_H = 30;
const ROW = 40;
const COL_GAP = 56;
const TOP = 56;
/** Left of the datasets: apps that read nothing (levels 1–2); right: the connected ones (3–5). */
const LEFT_LEVELS = [1, 2];
const RIGHT_LEVELS = [3, 4, 5];
const KINDS: FlowKind[] = ['baca', 'terima', 'tulis', 'impor', 'panggil'];

interface Placed {
  node: PetaNode;
  x: number;
  y: number;
}

/** Columns by level around the datasets; positions are computed here, no layout library. */
function layout(peta: Peta) {
  const apps = peta.nodes.filter((n) => n.type === 'aplikasi');
  const datasets = peta.nodes.filter((n) => n.type === 'dataset');
  const columns = [...LEFT_LEVELS.map((l) => ({ level: l as number | null })), { level: null }, ...RIGHT_LEVELS.map((l) => ({ level: l as number | null }))];
  const rows = Math.max(datasets.length, ...[1, 2, 3, 4, 5].map((l) => apps.filter((a) => a.tingkat === l).length), 1);
  const height = TOP + rows * ROW + 20;
  const placed = new Map<string, Placed>();
  columns.forEach((column, index) => {
    const x = 10 + index * (NODE_W + COL_GAP);
    const members = column.level === null ? datasets : apps.filter((a) => a.tingkat === column.level).sort((a, b) => a.nama.localeCompare(b.nama));
    const offset = column.level === null ? ((rows - members.length) * ROW) / 2 : 0;
    members.forEach((node, i) => placed.set(node.id, { node, x, y: TOP + offset + i * ROW }));
  });
  const width = 10 + columns.length * (NODE_W + COL_GAP) - COL_GAP + 10;
  return { columns, placed, width, height };
}

const short = (text: string, max = 24) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function edgePath(from: Placed, to: Placed): string {
  const fromRight = from.x < to.x;
  const x1 = fromRight ? from.x + NODE_W : from.x;
  const x2 = fromRight ? to.x : to.x + NODE_W;
  const y1 = from.y + NODE_H / 2;
  const y2 = to.y + NODE_H / 2;
  if (from.x === to.x) {
    // Same column (a gateway call between apps of one level): a loop out to the side.
    const bend = from.x + NODE_W + 50;
    return `M ${from.x + NODE_W} ${y1} C ${bend} ${y1}, ${bend} ${y2}, ${from.x + NODE_W} ${y2}`;
  }
  const mid = (x1 + x2) / 2;
  return `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`;
}

function Diagram({ peta }: { peta: Peta }) {
  const { t } = useI18n();
  const { columns, placed, width, height } = layout(peta);
  const apps = peta.nodes.filter((n) => n.type === 'aplikasi').length;
  const label = (node: PetaNode) => (node.type === 'dataset' ? t(datasetLabel(node.kode)) : node.nama);
  return (
    <div className="peta-scroll" role="region" aria-labelledby="peta-svg-title" tabIndex={0}>
      <svg className="peta-svg" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="peta-svg-title">
        <title id="peta-svg-title">{t('integrasi.peta.diagram', { apps, flows: peta.flows.length, islands: peta.islands.length })}</title>
        <defs>
          {KINDS.map((kind) => (
            <marker key={kind} id={`panah-${kind}`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className={`peta-panah peta-panah--${kind}`} />
            </marker>
          ))}
        </defs>
        {columns.map((column, index) => (
          <text key={index} x={10 + index * (NODE_W + COL_GAP) + NODE_W / 2} y={24} className="peta-kolom" textAnchor="middle">
            {column.level === null ? t('integrasi.peta.dataInduk') : t('integrasi.peta.kolomTingkat', { n: column.level })}
          </text>
        ))}
        {peta.flows.map((flow) => {
          const from = placed.get(flow.from);
          const to = placed.get(flow.to);
          if (!from || !to) return null;
          const width = Math.min(6, 1 + Math.log10(flow.count + 1) * 1.5);
          return (
            <path key={`${flow.from}|${flow.to}|${flow.kind}`} d={edgePath(from, to)} className={`peta-alur peta-alur--${flow.kind}`} strokeWidth={width} markerEnd={`url(#panah-${flow.kind})`}>
              <title>{`${label(from.node)} → ${label(to.node)}: ${t(alurLabel(flow.kind))}, ${flow.count}`}</title>
            </path>
          );
        })}
        {[...placed.values()].map(({ node, x, y }) => {
          const box = (
            <g className={`peta-node peta-node--${node.type}${node.island ? ' peta-node--pulau' : ''}${node.tingkat ? ` peta-node--t${node.tingkat}` : ''}`}>
              <rect x={x} y={y} width={NODE_W} height={NODE_H} rx={6} />
              <text x={x + 8} y={y + NODE_H / 2 + 4}>
                {node.island ? '⚠ ' : ''}
                {short(label(node), node.island ? 21 : 24)}
              </text>
              <title>{`${label(node)}${node.tingkat ? ` — ${t('integrasi.tingkat.badge', { n: node.tingkat })}` : ''}${node.island ? ` — ${t('integrasi.peta.pulau')}` : ''}`}</title>
            </g>
          );
          return node.type === 'aplikasi' ? (
            <a key={node.id} href={`/integrasi/aplikasi/${encodeURIComponent(node.kode)}`}>
              {box}
            </a>
          ) : (
            <g key={node.id}>{box}</g>
          );
        })}
      </svg>
    </div>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <div className="peta-legenda" aria-hidden="true">
      <strong>{t('integrasi.peta.legenda')}:</strong>
      {KINDS.map((kind) => (
        <span key={kind} className="peta-legenda__item">
          <svg width="28" height="10">
            <line x1="0" y1="5" x2="28" y2="5" className={`peta-alur peta-alur--${kind}`} strokeWidth={3} />
          </svg>{' '}
          {t(alurLabel(kind))}
        </span>
      ))}
      <span className="peta-legenda__item">
        <span className="peta-legenda__pulau">⚠</span> {t('integrasi.peta.pulau')}
      </span>
    </div>
  );
}

/** The integration map: an SVG of apps by level around the datasets, then the same flows as a table, and the islands. */
export function PetaPage() {
  const { t, formatDateTime } = useI18n();
  const peta = useResource((signal) => getPeta(signal), []);
  const data = peta.data;
  const byId = new Map((data?.nodes ?? []).map((n) => [n.id, n]));
  const name = (id: string) => {
    const node = byId.get(id);
    if (!node) return id;
    return node.type === 'dataset' ? t(datasetLabel(node.kode)) : node.nama;
  };
  const link = (id: string) => {
    const node = byId.get(id);
    return node?.type === 'aplikasi' ? <Link to={`/integrasi/aplikasi/${encodeURIComponent(node.kode)}`}>{node.nama}</Link> : name(id);
  };
  const islands = (data?.nodes ?? []).filter((n) => n.island);
  return (
    <>
      <PageHeading>{t('integrasi.peta.title')}</PageHeading>
      {peta.loading && !data && <Loading />}
      <ErrorAlert error={peta.error} />
      {data && (
        <>
          <p>{t('integrasi.peta.intro', { hari: data.days })}</p>
          <Legend />
          <Diagram peta={data} />
          <section aria-labelledby="pulau-title" className="panel">
            <h2 id="pulau-title">{t('integrasi.peta.pulauTitle', { n: islands.length })}</h2>
            {islands.length === 0 ? (
              <p>{t('integrasi.peta.pulauEmpty')}</p>
            ) : (
              <ul className="peta-pulau">
                {islands.map((n) => (
                  <li key={n.id}>
                    <Link to={`/integrasi/aplikasi/${encodeURIComponent(n.kode)}`}>{n.nama}</Link> — {t(tingkatLabel(n.tingkat ?? 1))}
                    {(n.datasetKonsumsi?.length ?? 0) > 0 && <> · {t('integrasi.peta.salinan', { data: n.datasetKonsumsi!.map((d) => t(datasetLabel(d))).join(', ') })}</>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <h2 id="alur-title">{t('integrasi.peta.tabel')}</h2>
          <ResultsTable
            captionId="alur-caption"
            caption={t('integrasi.peta.tabel')}
            columns={
              <>
                <th scope="col">{t('integrasi.peta.dari')}</th>
                <th scope="col">{t('integrasi.peta.ke')}</th>
                <th scope="col">{t('integrasi.peta.jenisAlur')}</th>
                <th scope="col">{t('integrasi.peta.jumlah')}</th>
                <th scope="col">{t('integrasi.peta.terakhir')}</th>
              </>
            }
            columnCount={5}
            items={data.flows}
            empty={t('integrasi.peta.tanpaAlur')}
            busy={peta.loading}
          >
            {(flow: PetaFlow) => (
              <tr key={`${flow.from}|${flow.to}|${flow.kind}`}>
                <th scope="row">{link(flow.from)}</th>
                <td>{link(flow.to)}</td>
                <td>{t(alurLabel(flow.kind))}</td>
                <td>{flow.count.toLocaleString('id-ID')}</td>
                <td>{formatDateTime(flow.lastAt)}</td>
              </tr>
            )}
          </ResultsTable>
        </>
      )}
    </>
  );
}
