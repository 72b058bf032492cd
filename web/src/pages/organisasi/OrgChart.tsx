import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import { formatDay, type StrukturUnit } from './organisasiApi';

interface Node {
  unit: StrukturUnit;
  children: Node[];
}

/** Nests the depth-first list the API sends; a unit whose parent is absent becomes a top unit. */
export function buildTree(units: readonly StrukturUnit[]): Node[] {
  const nodes = new Map(units.map((unit) => [unit.id, { unit, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

type HeadingTag = 'h3' | 'h4' | 'h5' | 'h6';
const headingFor = (depth: number): HeadingTag => (['h3', 'h4', 'h5'] as const)[depth] ?? 'h6';

interface OrgChartProps {
  units: readonly StrukturUnit[];
  /** Id of the heading that names the chart. */
  labelledBy: string;
  /** The unit whose details are open, if any. */
  selected?: string | null;
  /** Given, each unit gets a button that opens its details (and, for those who manage it, its actions). */
  onSelect?: (unitId: string) => void;
}

interface Selection {
  selected?: string | null;
  onSelect?: (unitId: string) => void;
}

/**
 * The org chart as nested lists with headings: screen readers announce the nesting, and the
 * headings let a reader jump from unit to unit. The indentation is drawn by CSS only.
 */
export function OrgChart({ units, labelledBy, selected, onSelect }: OrgChartProps) {
  const { t } = useI18n();
  const tree = buildTree(units);
  if (tree.length === 0) return <p>{t('organisasi.struktur.empty')}</p>;
  return (
    // role="list": Safari drops the list role from lists styled without bullets.
    <ul className="org-chart" role="list" aria-labelledby={labelledBy}>
      {tree.map((node) => (
        <UnitItem key={node.unit.id} node={node} depth={0} selection={{ selected, onSelect }} />
      ))}
    </ul>
  );
}

function UnitItem({ node, depth, selection }: { node: Node; depth: number; selection: Selection }) {
  const { t, lang } = useI18n();
  const { unit, children } = node;
  const Heading = headingFor(depth);
  return (
    <li className="org-chart__unit">
      <div className={selection.selected === unit.id ? 'org-chart__card org-chart__card--selected' : 'org-chart__card'}>
        <div className="org-chart__head">
          <Heading className="org-chart__name">{unit.nama}</Heading>
          {selection.onSelect && (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-label={t('organisasi.struktur.openUnit', { unit: unit.nama })}
              aria-pressed={selection.selected === unit.id}
              onClick={() => selection.onSelect?.(unit.id)}
            >
              {t('organisasi.struktur.open')}
            </button>
          )}
        </div>
        <p className="org-chart__meta">
          {t(`organisasi.unitJenis.${unit.jenis}` as MessageKey)}
          {' · '}
          {unit.berlakuSampai
            ? t('organisasi.berlaku.range', { from: formatDay(unit.berlakuMulai, lang), to: formatDay(unit.berlakuSampai, lang) })
            : t('organisasi.berlaku.since', { from: formatDay(unit.berlakuMulai, lang) })}
          {unit.alamat ? ` · ${unit.alamat}` : ''}
        </p>
        {unit.jabatan.length > 0 && (
          <ul className="org-chart__jabatan" role="list" aria-label={t('organisasi.jabatan.of', { unit: unit.nama })}>
            {unit.jabatan.map((jabatan) => (
              <li key={jabatan.id}>
                {jabatan.nama}{' '}
                <span className="org-chart__jabatan-kind">
                  ({t(`organisasi.jabatanJenis.${jabatan.jenis}` as MessageKey)}
                  {jabatan.eselon ? `, ${t('organisasi.eselon', { eselon: jabatan.eselon })}` : ''})
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {children.length > 0 && (
        <ul role="list" aria-label={t('organisasi.struktur.under', { unit: unit.nama })}>
          {children.map((child) => (
            <UnitItem key={child.unit.id} node={child} depth={depth + 1} selection={selection} />
          ))}
        </ul>
      )}
    </li>
  );
}
