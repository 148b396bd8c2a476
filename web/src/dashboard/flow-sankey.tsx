import { sankey, sankeyLeft, sankeyLinkHorizontal, type SankeyGraph } from 'd3-sankey';
import { useCallback, useMemo } from 'react';
import { useI18n } from '../i18n';
import { shorten, type FlowLink, type FlowNode, type Flows } from './model';

const WIDTH = 1100;
const NODE_WIDTH = 14;
/** Room right of the last column for its labels: every label sits right of its node. */
const LABEL_SPACE = 200;

type N = FlowNode & { label: string };
type L = { source: string; target: string; value: number; link: FlowLink };

/** How a node is named: a site by its name, an organisation by its name when the caller may read it, else by its GS1 key. */
function useNodeLabel() {
  const { t } = useI18n();
  return useCallback((n: FlowNode) => n.name ?? t('trace.party.organisation', { code: n.key }), [t]);
}

/** The d3-sankey layout of the flows (columns by distance from the sites), or undefined when it cannot be drawn (a cycle). */
function layout(flows: Flows, label: (n: FlowNode) => string, height: number): SankeyGraph<N, L> | undefined {
  if (flows.links.length === 0) return undefined;
  const graph = {
    nodes: flows.nodes.map((n) => ({ ...n, label: label(n) })),
    links: flows.links.map((l) => ({ source: l.source, target: l.target, value: Number(l.fineGrams), link: l })),
  };
  try {
    return sankey<N, L>()
      .nodeId((n) => n.id)
      .nodeAlign(sankeyLeft)
      .nodeWidth(NODE_WIDTH)
      .nodePadding(14)
      .extent([[1, 8], [WIDTH - LABEL_SPACE, height - 8]])(graph as unknown as SankeyGraph<N, L>);
  } catch {
    // A circular flow (gold sold back upstream) cannot be drawn as a Sankey: the table still lists it.
    return undefined;
  }
}

/** The links as a table: the diagram's text alternative, and the full figures. */
function FlowTable({ flows, label }: { flows: Flows; label: (n: FlowNode) => string }) {
  const { t, fmt } = useI18n();
  const byId = new Map(flows.nodes.map((n) => [n.id, n]));
  const name = (id: string) => (byId.get(id) ? label(byId.get(id)!) : id);
  return (
    <table className="flows-table">
      <caption>{t('dashboard.flows.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.flows.from')}</th>
          <th scope="col">{t('dashboard.flows.to')}</th>
          <th scope="col">{t('dashboard.flows.fine')}</th>
          <th scope="col">{t('dashboard.flows.events')}</th>
        </tr>
      </thead>
      <tbody>
        {flows.links.map((l) => (
          <tr key={`${l.source} ${l.target}`} data-fine-grams={l.fineGrams}>
            <td>{name(l.source)}</td>
            <td>{name(l.target)}</td>
            <td>{fmt.mass(l.fineGrams)}</td>
            <td>{fmt.number(l.events)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            {t('dashboard.flows.total')}
          </th>
          <td data-total={flows.totalFineGrams}>{fmt.mass(flows.totalFineGrams)}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

/**
 * The Sankey diagram of fine gold from GET /dashboard/flows: mine sites on the left, then the organisations the
 * gold went to, link widths proportional to fine gold. The table below (in a <details>) says the same in text.
 */
export function FlowSankey({ flows }: { flows: Flows }) {
  const { t, tOr, fmt } = useI18n();
  const label = useNodeLabel();
  const height = Math.max(240, Math.min(640, flows.nodes.length * 44));
  const graph = useMemo(() => layout(flows, label, height), [flows, label, height]);
  if (flows.links.length === 0) return <p className="hint">{t('dashboard.flows.none')}</p>;
  const path = sankeyLinkHorizontal<N, L>();
  return (
    <>
      <p className="flows-total">{t('dashboard.flows.totalLine', { mass: fmt.mass(flows.totalFineGrams), count: fmt.number(flows.links.length) })}</p>
      {graph ? (
        <div className="graph-scroll">
          <svg className="sankey" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t('dashboard.flows.diagram')}>
            <g className="links">
              {graph.links.map((l, i) => (
                <path key={i} d={path(l) ?? ''} strokeWidth={Math.max(1, l.width ?? 1)} data-fine-grams={l.link.fineGrams}>
                  <title>{`${(l.source as N).label} → ${(l.target as N).label}: ${fmt.mass(l.link.fineGrams)}`}</title>
                </path>
              ))}
            </g>
            <g className="nodes">
              {graph.nodes.map((n) => {
                // Two short lines right of the node keep a label within its column's gap.
                const x = (n.x1 ?? 0) + 6;
                const y = ((n.y0 ?? 0) + (n.y1 ?? 0)) / 2;
                return (
                  <g key={n.id} className={`flow-node flow-node-${n.stage}`} data-node={n.key}>
                    <title>{`${n.label} (${tOr(`dashboard.stage.${n.stage}`, n.stage)})`}</title>
                    <rect x={n.x0} y={n.y0} width={(n.x1 ?? 0) - (n.x0 ?? 0)} height={Math.max(1, (n.y1 ?? 0) - (n.y0 ?? 0))} />
                    <text x={x} y={y}>
                      <tspan className="flow-name" x={x} dy="-0.2em">
                        {shorten(n.label, 27)}
                      </tspan>
                      <tspan className="flow-stage" x={x} dy="1.15em">
                        {tOr(`dashboard.stage.${n.stage}`, n.stage)}
                      </tspan>
                    </text>
                  </g>
                );
              })}
            </g>
          </svg>
        </div>
      ) : (
        <p className="hint">{t('dashboard.flows.notDrawn')}</p>
      )}
      <details className="flows-details">
        <summary>{t('dashboard.flows.showTable')}</summary>
        <FlowTable flows={flows} label={label} />
      </details>
    </>
  );
}
