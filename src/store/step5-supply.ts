import { sql, type Kysely, type RawBuilder } from 'kysely';
import { fromEpcis } from '../custody/index.js';
import { GOLD_NS } from '../epcis/context.js';
import { parseFineness } from '../kernel/index.js';
import { supplyMoves, type SupplyMove, type SupplyMoves } from '../reports/step5/figures.js';
import type { Db } from './db.js';
import type { IndexedDatabase } from './event-index.js';

const FINENESS = `${GOLD_NS}fineness`;
const SCHEME = `${GOLD_NS}scheme`;
const DECLARED = `${GOLD_NS}declaredMaterial`;

/**
 * The lots of an organisation's supply in [fromMs, toMs) as the ledger stood at `headSeq` (`anc`: the lots of
 * the events it recorded or that name it as destination, and their whole backward genealogy) and the events of
 * those lots up to the head (`supply_seq`). The same lots and events as cmrtStore.supplyData, in SQL.
 */
function supplyCte(orgUri: string, headSeq: number, fromMs: number, toMs: number): RawBuilder<unknown> {
  // The organisation's events of the period first (an IN list the planner evaluates once), then their lots:
  // joining event_lots to events row by row read every event of the ledger.
  return sql`with recursive anc(lot) as (
      select el.lot_id from event_lots el where el.seq in (
        select e.seq from events e
        where e.seq <= ${headSeq} and e.event_time >= ${fromMs} and e.event_time < ${toMs}
          and (e.recorder = ${orgUri} or e.seq in (select d.seq from event_src_dest d where d.dir = 'destination' and d.id = ${orgUri})))
      union
      select li.input_lot from lot_inputs li join anc on li.output_lot = anc.lot
    ), supply_seq(seq) as (
      select distinct el.seq from anc join event_lots el on el.lot_id = anc.lot where el.seq <= ${headSeq}
    )`;
}

type Row = Record<string, unknown>;

/**
 * What the OECD Step 5 figures read of the ledger (reports/step5 goldFiguresOfMoves), from indexed columns:
 * event kinds from events.event_type/action/biz_step, lots from event_lots, masses from lots.initial_mg (a
 * produced lot's gross mass), fineness, scheme and declared material from event_fields, buyer and consignee
 * from event_src_dest. Only transformations (few) are read from their bodies. This replaces parsing every
 * event of the supply, which took seconds on the demo (docs/reports.md, "Performance").
 */
export async function step5Supply(db: Db, orgUri: string, headSeq: number, fromMs: number, toMs: number): Promise<SupplyMoves> {
  const x = db.kysely as unknown as Kysely<IndexedDatabase>;
  const cte = supplyCte(orgUri, headSeq, fromMs, toMs);
  // One statement (the supply's lots computed once): every row is (part, seq, a, b, text, num).
  const { rows } = await sql<Row>`${cte}
    select 'move' as part, el.seq as seq, e.event_type as a,
        case when e.event_type = 'TransactionEvent' then 'purchase' when e.action = 'ADD' then 'create' when e.biz_step = 'inspecting' then 'assay' else 'receive' end as b,
        el.lot_id as text, e.event_time as num
      from anc join event_lots el on el.lot_id = anc.lot join events e on e.seq = el.seq
      where el.seq <= ${headSeq} and (e.event_type = 'TransactionEvent' and e.action = 'ADD'
        or e.event_type = 'ObjectEvent' and (e.action = 'ADD' and e.biz_step = 'commissioning' or e.action = 'OBSERVE' and e.biz_step in ('inspecting', 'receiving')))
    union all
    select 'field', f.seq, f.scope, f.name, f.text_value, f.num_value from event_fields f
      where f.name in (${FINENESS}, ${SCHEME}, ${DECLARED}) and f.scope in ('ilmd', 'ext') and f.seq in (select seq from supply_seq)
    union all
    select 'party', d.seq, d.dir, d.type, d.id, null from event_src_dest d where d.dir = 'destination' and d.seq in (select seq from supply_seq)
    union all
    select 'transform', e.seq, null, null, e.body, null from events e where e.event_type = 'TransformationEvent' and e.seq in (select seq from supply_seq)
    union all
    select 'lot', 0, null, l.site, l.lot_id, l.initial_mg from lots l join anc on anc.lot = l.lot_id
    union all
    select 'edge', 0, null, li.output_lot, li.input_lot, li.fine_mg from lot_inputs li join anc on li.output_lot = anc.lot
    order by 1, 2, 5`.execute(x);
  const of = (part: string) => rows.filter((r) => r['part'] === part);
  const [eventRows, fieldRows, partyRows, transformRows, lotRows, edgeRows] = ['move', 'field', 'party', 'transform', 'lot', 'edge'].map(of) as [Row[], Row[], Row[], Row[], Row[], Row[]];
  const key = (seq: unknown, a: string, b: string) => `${Number(seq)} ${a} ${b}`;
  const fields = new Map(fieldRows.map((r) => [key(r['seq'], String(r['a']), String(r['b'])), r]));
  const parties = new Map<string, string>();
  for (const r of partyRows) if (!parties.has(key(r['seq'], 'destination', String(r['b'])))) parties.set(key(r['seq'], 'destination', String(r['b'])), String(r['text']));
  const initialMg = new Map(lotRows.map((r) => [String(r['text']), Number(r['num'])]));

  const moves: SupplyMove[] = [];
  const fineness = (seq: number, scope: string) => parseFineness(Number(fields.get(key(seq, scope, FINENESS))?.['num']));
  const intakes = new Map<number, SupplyMove & { lots: string[] }>();
  for (const r of eventRows) {
    const seq = Number(r['seq']);
    const lot = String(r['text']);
    const kind = r['b'];
    if (kind === 'create') {
      const scheme = fields.get(key(seq, 'ilmd', SCHEME))?.['text'];
      moves.push({ seq, kind, lot, grossMg: initialMg.get(lot) ?? 0, fineness: fineness(seq, 'ilmd'), ...(typeof scheme === 'string' && scheme ? { scheme } : {}) });
    } else if (kind === 'assay') moves.push({ seq, kind, lot, fineness: fineness(seq, 'ext') });
    else {
      // One move per purchase or receipt, with every lot of it in the supply.
      let m = intakes.get(seq);
      if (!m) {
        const purchase = kind === 'purchase';
        m = { seq, kind: purchase ? 'purchase' : 'receive', lots: [], party: parties.get(key(seq, 'destination', purchase ? 'owning_party' : 'possessing_party')) ?? '', atMs: Number(r['num']), recycled: purchase && fields.get(key(seq, 'ext', DECLARED))?.['text'] === 'recycled' };
        intakes.set(seq, m);
        moves.push(m);
      }
      m.lots.push(lot);
    }
  }
  moves.push(...supplyMoves(transformRows.map((r) => ({ seq: Number(r['seq']), event: fromEpcis(JSON.parse(String(r['text'])) as Record<string, unknown>) }))));
  return {
    lots: lotRows.map((r) => ({ lot: String(r['text']), site: (r['b'] as string | null) ?? null })).sort((a, b) => a.lot.localeCompare(b.lot)),
    edges: edgeRows.map((r) => ({ output: String(r['b']), input: String(r['text']), fineMg: Number(r['num']) })).sort((a, b) => `${a.output} ${a.input}`.localeCompare(`${b.output} ${b.input}`)),
    moves,
  };
}
