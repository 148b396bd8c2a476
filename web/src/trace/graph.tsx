import { useI18n } from '../i18n';
import { href } from '../router';
import type { Graph, GraphNode } from './model';

const W = 172;
const H = 46;
const COL = W + 60;
const ROW = H + 18;
const PAD = 6;

/** The client route that traces a lot (its URI in the path, so two organisations' equal lot numbers never mix). */
export function traceHref(lot: string): string {
  return href(`/trace/${encodeURIComponent(lot)}`);
}

/** Text wider than a node is squeezed to fit (never cut: the visible text must stay the accessible name's). */
function squeeze(text: string, size: number): { textLength?: number; lengthAdjust?: 'spacingAndGlyphs' } {
  const room = W - 20;
  return text.length * size * 0.6 > room ? { textLength: room, lengthAdjust: 'spacingAndGlyphs' } : {};
}

/**
 * The genealogy as an SVG layered left to right (no chart library): mine sites, ancestor lots, the traced lot, its
 * descendants. Lot nodes are links (keyboard focusable) that trace that lot; long columns are folded.
 */
export function GenealogyGraph({ graph, title }: { graph: Graph; title: string }) {
  const { t, tOr, lang } = useI18n();
  const regions = new Intl.DisplayNames([lang], { type: 'region' });
  const perCol = new Map<number, number>();
  for (const n of graph.nodes) perCol.set(n.col, (perCol.get(n.col) ?? 0) + 1);
  const pos = new Map<string, { x: number; y: number }>();
  for (const n of graph.nodes) {
    const offset = ((graph.rows - (perCol.get(n.col) ?? 1)) * ROW) / 2;
    pos.set(n.id, { x: PAD + n.col * COL, y: PAD + offset + n.row * ROW });
  }
  const width = PAD * 2 + (graph.columns - 1) * COL + W;
  const height = PAD * 2 + (graph.rows - 1) * ROW + H;
  const formOf = (n: GraphNode) => (n.form ? tOr(`form.${n.form}`, n.form) : '');
  const node = (n: GraphNode) => {
    const p = pos.get(n.id)!;
    const sub = n.kind === 'site' ? (n.country ? (regions.of(n.country) ?? n.country) : '') : n.kind === 'more' ? '' : formOf(n);
    // A site's name without its ICGLR id (in its title and the origins table): the id would not fit the node.
    const shown = n.kind === 'more' ? t('trace.graph.more', { count: n.count ?? 0 }) : n.kind === 'site' ? n.label.replace(/ \([^()]*\)$/, '') : n.label;
    // One <text>: the label and the form read as one phrase ("HAF-26-00001 bar"), as the link's name starts.
    const body = (
      <>
        {n.kind === 'site' && <title>{t('trace.graph.siteTitle', { site: n.label })}</title>}
        <rect x={p.x} y={p.y} width={W} height={H} rx={n.kind === 'site' ? 22 : 5} />
        <text>
          <tspan x={p.x + 10} y={p.y + (sub ? 19 : 28)} className="node-label" {...squeeze(shown, 14)}>
            {shown}
          </tspan>
          {sub && ' '}
          {sub && (
            <tspan x={p.x + 10} y={p.y + 37} className="node-sub" {...squeeze(sub, 12)}>
              {sub}
            </tspan>
          )}
        </text>
      </>
    );
    if (n.kind === 'lot') {
      return (
        <a key={n.id} href={traceHref(n.id)} className="node node-lot" data-kind="lot" data-label={n.label} aria-label={t('trace.graph.traceLot', { lot: n.label, form: formOf(n) })}>
          {body}
        </a>
      );
    }
    return (
      <g key={n.id} className={`node node-${n.kind}`} data-kind={n.kind} data-label={n.kind === 'more' ? shown : n.label} {...(n.kind === 'current' ? { 'aria-current': 'page' as const } : {})}>
        {body}
      </g>
    );
  };
  return (
    <div className="graph-scroll">
      <svg className="graph" role="group" aria-label={title} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        <g className="edges" aria-hidden="true">
          {graph.edges.map((e) => {
            const a = pos.get(e.from);
            const b = pos.get(e.to);
            if (!a || !b) return null;
            const x1 = a.x + W;
            const y1 = a.y + H / 2;
            const x2 = b.x;
            const y2 = b.y + H / 2;
            const mx = (x1 + x2) / 2;
            return <path key={`${e.from}>${e.to}`} d={`M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`} />;
          })}
        </g>
        {graph.nodes.map(node)}
      </svg>
    </div>
  );
}
