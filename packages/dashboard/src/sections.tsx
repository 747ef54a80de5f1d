import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import schema from 'virtual:dashboard-fields';
import { drillable } from './drilldown';
import { FIGURE_EN, FIGURE_VI, useT, type Lang } from './i18n';
import type { Figure } from './operations';

/** One payload of `dashboardUpdated`: numbers, breakdown lists, and the unit and period. */
export type Figures = Record<string, unknown> & { orgUnit?: { id: string; name: string; kind: string } | null; period?: string };
type Row = Record<string, unknown>;

/** What is open below the cards: a figure's records, with the bar (level, unit, form) chosen. */
export interface Drill {
  figure: string;
  variable?: string;
  /** What the panel is titled: the figure, and the bar when there is one. */
  label: string;
}

/**
 * The figures of DOMAIN.md's list, grouped as a committee reads them. A figure the supergraph has
 * but no group names goes under "other figures": services add numbers without touching the app.
 */
const SECTIONS: { title: string; figures: string[]; charts: string[] }[] = [
  {
    title: 'Đảng viên',
    figures: ['officialMembers', 'probationaryMembers', 'exemptMembers', 'regulation213Members', 'membersAdmittedThisYear', 'membersAdmittedInPeriod', 'removalCandidates', 'cellCount'],
    charts: ['memberCategories'],
  },
  {
    title: 'Sinh hoạt chi bộ',
    figures: ['meetingsHeld', 'regularMeetingRate', 'regularMeetingsHeld', 'regularMeetingsDue', 'attendanceRate', 'participationRate', 'thematicMeetingsThisQuarter', 'cellsWithoutRegularMeeting', 'cellsWithoutThematicThisQuarter', 'cellsWithoutThematicThisTerm'],
    charts: ['contentBalance', 'qualityLevels'],
  },
  {
    title: 'Nghị quyết và nhiệm vụ',
    figures: ['resolutionsAdopted', 'resolutionsReviewed', 'resolutionsAwaitingReview', 'tasksDone', 'tasksOverdue', 'tasksOpen'],
    charts: ['resourcesMobilized', 'themeProgress'],
  },
  {
    title: 'Kiểm tra, giám sát, kỷ luật',
    figures: ['openInspections', 'inspectionsConcluded', 'openSupervisions', 'supervisionsConcluded'],
    charts: ['disciplineDecisionsByForm'],
  },
];
const GROUPED = new Set(SECTIONS.flatMap((s) => s.figures));
const MEMBER_CATEGORIES = ['officialMembers', 'probationaryMembers', 'exemptMembers', 'regulation213Members'];
/** A count above zero of these is something to act on. */
const WARNINGS = /^(cellsWithout|tasksOverdue|resolutionsAwaitingReview|removalCandidates)/;

/** The supergraph's description, less the API note about nulls (null figures are not shown). */
const labelOf = (description: string) => description.replace(/;\s*null (nếu|với)[^]*$/i, '').trim();

/**
 * A card's label: short (the services' descriptions are written for the API reader, with every
 * rule spelled out — the card keeps that as its tooltip); the description where none is kept here.
 */
export function figureLabel(f: Pick<Figure, 'name' | 'description'>, lang: Lang): string {
  if (lang === 'en') return FIGURE_EN[f.name] ?? labelOf(f.description);
  return FIGURE_VI[f.name] ?? labelOf(f.description);
}

/** Members by category, as the chart's bars name them. */
const CATEGORY_SHORT: Record<string, { vi: string; en: string }> = {
  officialMembers: { vi: 'Chính thức', en: 'Official' },
  probationaryMembers: { vi: 'Dự bị', en: 'Probationary' },
  exemptMembers: { vi: 'Miễn sinh hoạt', en: 'Exempt' },
  regulation213Members: { vi: 'Theo Quy định 213', en: 'Regulation 213' },
};

export function formatFigure(name: string, type: string, v: unknown): string {
  if (typeof v !== 'number') return '—';
  if (type === 'Float' && /Rate$/.test(name)) return `${Math.round(v * 100)}%`;
  return type === 'Float' ? v.toFixed(2) : v.toLocaleString('vi-VN');
}

const BY_NAME = new Map(schema.figures.map((f) => [f.name, f]));
const BREAKDOWN = new Set(schema.breakdowns.map((b) => b.name));

/**
 * Cards and charts, section by section. A figure that is null for this viewer (a role that may
 * not see it, or nothing to divide by) has no card; a section with nothing to show is left out.
 */
export function FigureSections({ figures, lang, inspector, open, onDrill }: { figures: Figures; lang: Lang; inspector: boolean; open: Drill | null; onDrill: (d: Drill | null) => void }) {
  const t = useT();
  const toggle = (d: Drill) => onDrill(open && open.figure === d.figure && open.variable === d.variable ? null : d);
  const others = schema.figures.filter((f) => !GROUPED.has(f.name)).map((f) => f.name);
  const sections = [...SECTIONS, { title: 'Số liệu khác', figures: others, charts: [] }];
  return (
    <>
      {sections.map((s) => {
        const cards = s.figures.filter((name) => BY_NAME.has(name) && figures[name] !== null && figures[name] !== undefined);
        const charts = s.charts.map((c) => <Chart key={c} name={c} figures={figures} lang={lang} inspector={inspector} open={open} onDrill={toggle} />).filter((c) => hasChart(c.props.name, figures));
        if (!cards.length && !charts.length) return null;
        return (
          <section className="section" key={s.title} data-section={s.title}>
            <h2>{t(s.title)}</h2>
            {cards.length > 0 && (
              <div className="cards">
                {cards.map((name) => (
                  <FigureCard key={name} figure={BY_NAME.get(name)!} figures={figures} lang={lang} open={open?.figure === name && open.variable === undefined} onDrill={toggle} />
                ))}
              </div>
            )}
            {charts.length > 0 && <div className="charts">{charts}</div>}
          </section>
        );
      })}
    </>
  );
}

function FigureCard({ figure: f, figures, lang, open, onDrill }: { figure: Figure; figures: Figures; lang: Lang; open: boolean; onDrill: (d: Drill) => void }) {
  const t = useT();
  const value = figures[f.name];
  const canDrill = drillable(f.name);
  const label = figureLabel(f, lang);
  const drill = () => onDrill({ figure: f.name, label });
  const due = figures.regularMeetingsDue;
  return (
    <article
      className={`figure ${WARNINGS.test(f.name) && typeof value === 'number' && value > 0 ? 'warn' : ''} ${canDrill ? 'drillable' : ''} ${open ? 'open' : ''}`}
      data-figure={f.name}
      {...(canDrill
        ? {
            role: 'button',
            tabIndex: 0,
            'aria-expanded': open,
            title: t('Xem các bản ghi của số liệu này'),
            onClick: drill,
            onKeyDown: (e: React.KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), drill()),
          }
        : {})}
    >
      <div className="value" data-testid={`figure-${f.name}`}>
        {formatFigure(f.name, f.type, value)}
      </div>
      <div className="label" title={labelOf(f.description)}>
        {label}
      </div>
      {f.name === 'regularMeetingRate' && typeof due === 'number' && (
        <div className="muted small" data-testid="regular-due">
          {t('của')} {due} {t('tháng-chi bộ phải sinh hoạt')}
        </div>
      )}
    </article>
  );
}

const numberOf = (v: unknown) => (typeof v === 'number' ? v : 0);
const listOf = (figures: Figures, name: string): Row[] | null => (Array.isArray(figures[name]) ? (figures[name] as Row[]) : null);

function hasChart(name: string, figures: Figures): boolean {
  if (name === 'memberCategories') return MEMBER_CATEGORIES.some((m) => typeof figures[m] === 'number');
  return BREAKDOWN.has(name) && listOf(figures, name) !== null;
}

/** One breakdown: a chart (recharts, as the rest of the app) and the same numbers as a table whose rows open the records. */
function Chart({ name, figures, lang, inspector, open, onDrill }: { name: string; figures: Figures; lang: Lang; inspector: boolean; open: Drill | null; onDrill: (d: Drill) => void }) {
  const t = useT();
  const title = (vi: string) => t(vi);
  if (name === 'memberCategories') {
    const data = MEMBER_CATEGORIES.filter((m) => typeof figures[m] === 'number').map((m) => ({ key: m, name: CATEGORY_SHORT[m][lang], value: numberOf(figures[m]) }));
    return (
      <ChartCard name={name} title={t('Đảng viên theo loại')}>
        <Bars data={data} series={[{ key: 'value', label: t('Đảng viên') }]} onBar={(d) => drillable(d.key) && onDrill({ figure: d.key, label: d.name })} />
        <table className="records breakdown">
          <tbody>
            {data.map((d) => (
              <tr key={d.key} data-row={d.key}>
                <td>{drillable(d.key) ? <RowLink onClick={() => onDrill({ figure: d.key, label: d.name })}>{d.name}</RowLink> : d.name}</td>
                <td className="num">{d.value.toLocaleString('vi-VN')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartCard>
    );
  }
  const rows = listOf(figures, name) ?? [];
  const canDrill = drillable(name) && (name !== 'disciplineDecisionsByForm' || inspector);
  const HEADINGS: Record<string, string> = {
    contentBalance: 'Cơ cấu nội dung sinh hoạt (G-6)',
    qualityLevels: 'Xếp loại chất lượng sinh hoạt (G-7)',
    resourcesMobilized: 'Huy động nguồn lực',
    themeProgress: 'Tiến độ chủ đề năm (G-12)',
    disciplineDecisionsByForm: 'Kỷ luật theo hình thức',
  };
  const variableDrill = (variable: string, label: string) => canDrill && onDrill({ figure: name, variable, label: `${t(HEADINGS[name] ?? name)} · ${label}` });

  if (name === 'contentBalance') {
    const data = rows.map((r) => ({ key: String(r.category), name: t(`category:${String(r.category)}`), value: numberOf(r.minutes), share: numberOf(r.share) }));
    return (
      <ChartCard name={name} title={title('Cơ cấu nội dung sinh hoạt (G-6)')}>
        <Bars data={data} series={[{ key: 'value', label: t('Số phút') }]} />
        {data.length > 0 && (
          <table className="records breakdown">
            <thead>
              <tr>
                <th>{t('Nội dung')}</th>
                <th className="num">{t('Số phút')}</th>
                <th className="num">{t('Tỷ lệ')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.key} data-row={d.key}>
                  <td>{d.name}</td>
                  <td className="num">{d.value}</td>
                  <td className="num">{Math.round(d.share * 100)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {drillable(name) && (
          <RowLink testId="professional-heavy" onClick={() => onDrill({ figure: name, label: t('Buổi sinh hoạt nặng về chuyên môn') })}>
            {t('Buổi sinh hoạt nặng về chuyên môn')} →
          </RowLink>
        )}
      </ChartCard>
    );
  }
  if (name === 'qualityLevels' || name === 'disciplineDecisionsByForm') {
    const key = name === 'qualityLevels' ? 'level' : 'form';
    const data = rows.map((r) => ({ key: String(r[key]), name: t(`${key}:${String(r[key])}`), value: numberOf(r.count) }));
    const heading = name === 'qualityLevels' ? title('Xếp loại chất lượng sinh hoạt (G-7)') : title('Kỷ luật theo hình thức');
    return (
      <ChartCard name={name} title={heading}>
        <Bars data={data} series={[{ key: 'value', label: name === 'qualityLevels' ? t('Số buổi') : t('Số quyết định') }]} onBar={(d) => variableDrill(d.key, d.name)} />
        <table className="records breakdown">
          <tbody>
            {data.map((d) => (
              <tr key={d.key} data-row={d.key} className={open?.figure === name && open.variable === d.key ? 'open' : ''}>
                <td>{canDrill && d.value > 0 ? <RowLink onClick={() => variableDrill(d.key, d.name)}>{d.name}</RowLink> : d.name}</td>
                <td className="num">{d.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {name === 'disciplineDecisionsByForm' && !inspector && <p className="muted small">{t('Chỉ cán bộ kiểm tra xem được danh sách; bạn xem được số lượng.')}</p>}
      </ChartCard>
    );
  }
  if (name === 'resourcesMobilized') {
    const data = rows.map((r) => ({ key: String(r.unit), name: String(r.unit), target: numberOf(r.target), achieved: numberOf(r.achieved) }));
    return (
      <ChartCard name={name} title={title('Huy động nguồn lực')}>
        <Bars
          data={data}
          series={[
            { key: 'target', label: t('Chỉ tiêu'), color: '#9aa3ad' },
            { key: 'achieved', label: t('Đạt được') },
          ]}
          onBar={(d) => variableDrill(d.key, d.name)}
        />
        {data.length > 0 && (
          <table className="records breakdown">
            <thead>
              <tr>
                <th>{t('Đơn vị tính')}</th>
                <th className="num">{t('Chỉ tiêu')}</th>
                <th className="num">{t('Đạt được')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.key} data-row={d.key}>
                  <td>{canDrill ? <RowLink onClick={() => variableDrill(d.key, d.name)}>{d.name}</RowLink> : d.name}</td>
                  <td className="num">{d.target.toLocaleString('vi-VN')}</td>
                  <td className="num">{d.achieved.toLocaleString('vi-VN')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ChartCard>
    );
  }
  if (name === 'themeProgress') {
    // The yearly theme's targets (G-12): computed by the service, never typed in.
    const label = (r: Row) => (r.kind ? t(`target:${String(r.kind)}`) : String(r.label ?? r.code ?? r.title ?? '—'));
    const goal = (r: Row) => r.threshold ?? r.goal ?? r.target;
    const actual = (r: Row) => r.value ?? r.actual ?? r.achieved;
    const asShare = (v: unknown) => (typeof v === 'number' ? (v <= 1 ? `${Math.round(v * 100)}%` : v.toLocaleString('vi-VN')) : '—');
    return (
      <ChartCard name={name} title={title('Tiến độ chủ đề năm (G-12)')}>
        {rows.length === 0 ? (
          <p className="muted">{t('Chưa có số liệu')}</p>
        ) : (
          <table className="records breakdown">
            <thead>
              <tr>
                <th>{t('Mục tiêu')}</th>
                <th className="num">{t('Chỉ tiêu')}</th>
                <th className="num">{t('Thực tế')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} data-row={String(r.kind ?? r.code ?? i)} className={r.met ? '' : 'behind'}>
                  <td>{label(r)}</td>
                  <td className="num">{asShare(goal(r))}</td>
                  <td className="num">{asShare(actual(r))}</td>
                  <td className={r.met ? 'ok' : 'warn'}>{r.met ? `✓ ${t('Đạt')}` : `✗ ${t('Chưa đạt')}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {drillable(name) && (
          <RowLink testId="cells-behind-theme" onClick={() => onDrill({ figure: name, label: t('Chi bộ chậm tiến độ chủ đề năm') })}>
            {t('Chi bộ chậm tiến độ chủ đề năm')} →
          </RowLink>
        )}
      </ChartCard>
    );
  }
  return null;
}

function ChartCard({ name, title, children }: { name: string; title: string; children: React.ReactNode }) {
  return (
    <article className="card chart" data-chart={name}>
      <h3>{title}</h3>
      {children}
    </article>
  );
}

function RowLink({ onClick, children, testId }: { onClick: () => void; children: React.ReactNode; testId?: string }) {
  const t = useT();
  return (
    <button type="button" className="as-link" onClick={onClick} title={t('Xem các bản ghi của số liệu này')} data-testid={testId}>
      {children}
    </button>
  );
}

const COLORS = ['#c8102e', '#b45309', '#1d4ed8', '#15803d', '#7c3aed', '#0f766e', '#be185d', '#4b5563', '#a16207'];

function Bars<T extends { key: string; name: string }>({ data, series, onBar }: { data: T[]; series: { key: keyof T & string; label: string; color?: string }[]; onBar?: (d: T) => void }) {
  const t = useT();
  if (!data.length) return <p className="muted">{t('Không có bản ghi')}</p>;
  const single = series.length === 1;
  return (
    <div className="chart-box">
      <ResponsiveContainer width="100%" height={Math.max(120, data.length * (single ? 30 : 44) + 40)}>
        <BarChart data={data} layout="vertical" margin={{ left: 4, right: 16, top: 4, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={130} tick={{ fontSize: 11 }} />
          <Tooltip />
          {!single && <Legend />}
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color ?? COLORS[0]}
              radius={[0, 4, 4, 0]}
              isAnimationActive={false}
              cursor={onBar ? 'pointer' : undefined}
              onClick={(d: { payload?: T }) => d.payload && onBar?.(d.payload)}
            >
              {single && data.map((_, j) => <Cell key={j} fill={COLORS[j % COLORS.length]} />)}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
