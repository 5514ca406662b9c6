// 关系图 · The neighbourhood of an association (1–3 hops, by relationship kind) and the paths between two, drawn with
// ECharts' graph series, with a date slider that redraws the structure as it stood that day. The nodes and edges
// are also listed in tables, for keyboard and screen-reader users and for checking.
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useOperation } from '../api.ts';
import { Chart, type ChartOption } from '../chart.tsx';
import { useLang, useValue } from '../i18n.tsx';
import { href, navigate, type Route, todayInChina } from '../router.ts';
import type { Session } from '../session.ts';
import { Errors } from './parts.tsx';

interface Neighbourhood {
  neighbourhood: {
    truncated: boolean;
    nodes: { id: string; nameZh: string; kind: string }[];
    edges: { id: string; kind: string; from: { id: string }; to: { id: string } }[];
  };
}

interface Paths {
  paths: { nodes: { id: string; nameZh: string }[]; edges: { kind: string }[] }[];
}

const KINDS = ['GUIDANCE', 'APPROVAL', 'LIAISON', 'GROUP_GUIDANCE', 'GROUP_MEMBER', 'FEDERATION_MEMBER'];
const KIND_COLOURS = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4'];
const ORG_KINDS = ['MUNICIPAL_ASSOCIATION', 'DISTRICT_ASSOCIATION', 'ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM', 'FEDERATION', 'WORKSTATION', 'LEARNED_SOCIETY'];
/** The slider runs from here to today, a month a step. */
const FIRST_MONTH = '2010-01';
/** How long the slider must rest before the graph is redrawn for its date. */
const SLIDER_REST_MS = 300;

function months(): string[] {
  const list: string[] = [];
  const [y0, m0] = FIRST_MONTH.split('-').map(Number) as [number, number];
  const [y1, m1] = todayInChina().split('-').map(Number) as [number, number];
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? ((m = 1), y++) : m++) list.push(`${y}-${String(m).padStart(2, '0')}`);
  return list;
}

export function GraphView({ session, route }: { session: Session; route: Route }) {
  const { t } = useLang();
  const value = useValue();
  const p = route.params;
  const id = p.get('id') ?? '1';
  const to = p.get('to');
  const hops = Number(p.get('hops') ?? '1');
  const kinds = p.get('kinds')?.split(',').filter(Boolean) ?? [];
  const today = todayInChina();
  const asOf = p.get('asOf') ?? today;
  const steps = useMemo(months, []);
  const set = (changes: Record<string, string | null>) => navigate(['graph'], { ...Object.fromEntries(p.entries()), id, ...changes });
  const [centre, setCentre] = useState(id);
  const [target, setTarget] = useState(to ?? '');
  // The form follows the address when a link or the history changes it.
  useEffect(() => setCentre(id), [id]);
  useEffect(() => setTarget(to ?? ''), [to]);

  const variables = { id, hops, asOf, ...(kinds.length ? { kinds } : {}) };
  const hood = useOperation<Neighbourhood>('Neighbourhood', variables, session);
  const paths = useOperation<Paths>('PathsBetween', to ? { fromId: id, toId: to, asOf, ...(kinds.length ? { kinds } : {}) } : null, session);
  const n = hood.data?.neighbourhood;

  const option = useMemo<ChartOption>(() => {
    if (!n) return {};
    const onPath = new Set(paths.data?.paths.flatMap((path) => path.nodes.map((node) => node.id)) ?? []);
    return {
      tooltip: {},
      legend: [{ data: ORG_KINDS.map((k) => value(k)), bottom: 0 }],
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          force: { repulsion: 160, edgeLength: 70 },
          categories: ORG_KINDS.map((k) => ({ name: value(k) })),
          label: { show: n.nodes.length <= 60, position: 'right', fontSize: 11 },
          data: n.nodes.map((node) => ({
            id: node.id,
            name: node.nameZh,
            category: Math.max(0, ORG_KINDS.indexOf(node.kind)),
            symbolSize: node.id === id ? 26 : onPath.has(node.id) ? 18 : 11,
            itemStyle: onPath.has(node.id) ? { borderColor: '#111', borderWidth: 2 } : undefined,
          })),
          edges: n.edges.map((e) => ({
            source: e.from.id,
            target: e.to.id,
            value: value(e.kind),
            lineStyle: { color: KIND_COLOURS[KINDS.indexOf(e.kind)] ?? '#999' },
          })),
        },
      ],
    };
  }, [n, paths.data, id, value]);

  const names = new Map(n?.nodes.map((node) => [node.id, node.nameZh]));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    set({ id: centre.trim() || id, to: target.trim() || null });
  };
  // The slider moves at once; the graph is asked for once it rests (a drag or held arrow key is one request, not one a month).
  const [sliding, setSliding] = useState<string | null>(null);
  useEffect(() => {
    if (sliding === null) return;
    const timer = setTimeout(() => {
      set({ asOf: sliding });
      setSliding(null);
    }, SLIDER_REST_MS);
    return () => clearTimeout(timer);
    // `set` is a new function each render; only a new position restarts the wait.
  }, [sliding]);
  const shown = sliding ?? asOf;
  const monthIndex = Math.max(0, steps.indexOf(shown.slice(0, 7)));

  return (
    <section aria-labelledby="graph-title">
      <h1 id="graph-title">{t('关系图', 'Relationship graph')}</h1>
      <form className="filters" onSubmit={onSubmit}>
        <label>
          {t('中心组织编号', 'Centre association id')}
          <input value={centre} onChange={(e) => setCentre(e.target.value)} inputMode="numeric" />
        </label>
        <label>
          {t('到（查找路径，可选）', 'To (paths, optional)')}
          <input value={target} onChange={(e) => setTarget(e.target.value)} inputMode="numeric" />
        </label>
        <label>
          {t('跳数', 'Hops')}
          <select value={hops} onChange={(e) => set({ hops: e.target.value })}>
            {[1, 2, 3].map((h) => (
              <option key={h}>{h}</option>
            ))}
          </select>
        </label>
        <button type="submit">{t('绘制', 'Draw')}</button>
      </form>
      <fieldset className="kinds">
        <legend>{t('关系类型（不选即全部）', 'Relationship kinds (none: all)')}</legend>
        {KINDS.map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={kinds.includes(k)}
              onChange={(e) => set({ kinds: (e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k)).join(',') || null })}
            />
            {value(k)}
          </label>
        ))}
      </fieldset>
      <label className="slider">
        {t('日期', 'Date')}: <output data-testid="slider-date">{shown}</output>
        <input
          type="range"
          min={0}
          max={steps.length - 1}
          value={monthIndex}
          aria-valuetext={shown}
          data-testid="date-slider"
          onChange={(e) => {
            const month = steps[Number(e.target.value)]!;
            setSliding(month === today.slice(0, 7) ? today : `${month}-01`);
          }}
        />
      </label>
      <Errors errors={[...hood.errors, ...paths.errors]} />
      {n && (
        <>
          {n.truncated && <p className="flag">{t('节点过多，仅显示部分。', 'Too many nodes: showing part of them.')}</p>}
          <Chart option={option} label={t(`${names.get(id) ?? id} 的关系图，${asOf}`, `Graph around ${names.get(id) ?? id} on ${asOf}`)} height={520} testId="graph-chart" />
          {to && paths.data && (
            <section aria-labelledby="paths-title">
              <h2 id="paths-title">{t(`路径（${paths.data.paths.length}）`, `Paths (${paths.data.paths.length})`)}</h2>
              <ol data-testid="paths">
                {paths.data.paths.map((path, i) => (
                  <li key={i}>
                    {path.nodes.map((node, j) => (
                      <span key={node.id}>
                        {j > 0 && <span className="muted"> —{value(path.edges[j - 1]?.kind)}— </span>}
                        <a href={href(['org', node.id], { asOf })}>{node.nameZh}</a>
                      </span>
                    ))}
                  </li>
                ))}
              </ol>
            </section>
          )}
          <details>
            <summary>{t(`节点（${n.nodes.length}）与关系（${n.edges.length}）`, `Nodes (${n.nodes.length}) and edges (${n.edges.length})`)}</summary>
            <table data-testid="graph-edges">
              <thead>
                <tr>
                  <th scope="col">{t('从', 'From')}</th>
                  <th scope="col">{t('关系', 'Kind')}</th>
                  <th scope="col">{t('到', 'To')}</th>
                </tr>
              </thead>
              <tbody>
                {n.edges.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <a href={href(['org', e.from.id], { asOf })}>{names.get(e.from.id) ?? e.from.id}</a>
                    </td>
                    <td>{value(e.kind)}</td>
                    <td>
                      <a href={href(['org', e.to.id], { asOf })}>{names.get(e.to.id) ?? e.to.id}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
