// 仪表盘 · The district and municipal overview (docs/dashboards.md): associations by district and kind, members by
// district, activities by month, and the lists to act on, each panel with its export buttons.
import { useMemo, useState } from 'react';
import { download, useOperation } from '../api.ts';
import { Chart, type ChartOption } from '../chart.tsx';
import { useLang, useValue } from '../i18n.tsx';
import { todayInChina } from '../router.ts';
import type { Session } from '../session.ts';
import { Errors } from './parts.tsx';

interface KindCounts {
  organisationCounts: { district: { code: string; nameZh: string } | null; kind: string; count: number }[];
}
interface MemberCounts {
  memberCounts: { district: { id: string; nameZh: string } | null; category: string | null; count: number }[] | null;
}
interface Activities {
  activityCounts: { period: string; kind: string | null; district: { id: string; nameZh: string } | null; count: number }[];
}

function Panel({ title, operation, variables, session, children }: { title: string; operation: string; variables: Record<string, unknown>; session: Session; children: React.ReactNode }) {
  const { t } = useLang();
  const [error, setError] = useState<string | null>(null);
  const save = (format: 'csv' | 'xlsx') => {
    setError(null);
    download(operation, variables, format, session).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <section className="card wide" aria-label={title} data-testid={`panel-${operation}`}>
      <header className="panel-head">
        <h2>{title}</h2>
        <span>
          <button type="button" onClick={() => save('xlsx')}>
            {t('导出 Excel', 'Export Excel')}
          </button>{' '}
          <button type="button" onClick={() => save('csv')}>
            {t('导出 CSV', 'Export CSV')}
          </button>
        </span>
      </header>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {children}
    </section>
  );
}

/** Rows → a bar chart's categories and one series per `serie` value. */
function stacked<R>(rows: R[], category: (r: R) => string, serie: (r: R) => string, count: (r: R) => number) {
  const categories = [...new Set(rows.map(category))].sort();
  const series = [...new Set(rows.map(serie))];
  return {
    categories,
    series: series.map((name) => ({
      name,
      type: 'bar',
      stack: 'total',
      data: categories.map((c) => rows.filter((r) => category(r) === c && serie(r) === name).reduce((sum, r) => sum + count(r), 0)),
    })),
  };
}

export function Dashboard({ session }: { session: Session }) {
  const { t } = useLang();
  const value = useValue();
  const [year, setYear] = useState(Number(todayInChina().slice(0, 4)));
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const kinds = useOperation<KindCounts>('AssociationsByDistrictAndKind', { filter: { statuses: ['ACTIVE'] } }, session);
  const members = useOperation<MemberCounts>('MembersByDistrictAndCategory', {}, session);
  const activities = useOperation<Activities>('ActivitiesByMonth', period, session);

  const kindChart = useMemo<ChartOption>(() => {
    const rows = kinds.data?.organisationCounts ?? [];
    const { categories, series } = stacked(rows, (r) => r.district?.nameZh ?? t('市级', 'Municipal'), (r) => value(r.kind), (r) => r.count);
    return { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 10, bottom: 80 }, xAxis: { type: 'category', data: categories, axisLabel: { rotate: 60 } }, yAxis: { type: 'value' }, series };
  }, [kinds.data, t, value]);
  const memberChart = useMemo<ChartOption>(() => {
    const rows = members.data?.memberCounts ?? [];
    const { categories, series } = stacked(rows, (r) => r.district?.nameZh ?? t('市级', 'Municipal'), (r) => value(r.category), (r) => r.count);
    return { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 10, bottom: 80 }, xAxis: { type: 'category', data: categories, axisLabel: { rotate: 60 } }, yAxis: { type: 'value' }, series };
  }, [members.data, t, value]);
  const activityChart = useMemo<ChartOption>(() => {
    const rows = activities.data?.activityCounts ?? [];
    const { categories, series } = stacked(rows, (r) => r.period, (r) => value(r.kind), (r) => r.count);
    return { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 10, bottom: 30 }, xAxis: { type: 'category', data: categories }, yAxis: { type: 'value' }, series };
  }, [activities.data, value]);
  const total = (kinds.data?.organisationCounts ?? []).reduce((sum, r) => sum + r.count, 0);

  return (
    <section aria-labelledby="dashboard-title">
      <header className="page-head">
        <h1 id="dashboard-title">{t('仪表盘', 'Dashboard')}</h1>
        <label>
          {t('年度', 'Year')}
          <input type="number" min={2000} max={Number(todayInChina().slice(0, 4))} value={year} onChange={(e) => setYear(Number(e.target.value))} />
        </label>
      </header>
      <div className="grid">
        <Panel title={t('各区县正常状态组织数（按类型）', 'Active associations by district and kind')} operation="AssociationsByDistrictAndKind" variables={{ filter: { statuses: ['ACTIVE'] } }} session={session}>
          <Errors errors={kinds.errors} />
          <p data-testid="total-active">
            {t('合计：', 'Total: ')}
            <strong>{total}</strong>
          </p>
          <Chart option={kindChart} label={t('各区县组织数柱状图', 'Bar chart of associations by district')} />
        </Panel>
        <Panel title={t('各区县会员数（按类别）', 'Members by district and category')} operation="MembersByDistrictAndCategory" variables={{}} session={session}>
          <Errors errors={members.errors} />
          <Chart option={memberChart} label={t('各区县会员数柱状图', 'Bar chart of members by district')} />
        </Panel>
        <Panel title={t(`${year} 年每月活动（按类型）`, `Activities per month in ${year}, by kind`)} operation="ActivitiesByMonth" variables={period} session={session}>
          <Errors errors={activities.errors} />
          <Chart option={activityChart} label={t('每月活动柱状图', 'Bar chart of activities per month')} />
        </Panel>
      </div>
    </section>
  );
}
