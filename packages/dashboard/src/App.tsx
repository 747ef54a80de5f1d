import type { Client } from 'graphql-ws';
import { useContext, useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import schema from 'virtual:dashboard-fields';
import DOCS from 'virtual:persisted-documents';
import { claimsOf, demoAccounts, demoLogin, gql, isDemo, wsClient, type DemoAccount, type LiveStatus } from './api';
import { CellRecords, DrillDown, FlaggedCells } from './drilldown';
import { LangContext, useT, type Lang } from './i18n';
import { PERIOD_KINDS, convertPeriod, currentMonth, kindOfPeriod, periodLabel, readViewState, selectableTerms, selectableYears, writeViewState, type PeriodKind } from './period';
import { FigureSections, figureLabel, type Drill, type Figures } from './sections';

interface Unit {
  id: string;
  name: string;
  kind: string;
  children?: Unit[];
}

const TOKEN_KEY = 'chibo.token';

const LANG_KEY = 'chibo.lang';

export function App() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi'));
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  useEffect(() => {
    localStorage.setItem(LANG_KEY, lang);
    document.documentElement.lang = lang;
  }, [lang]);
  const login = (t: string | null) => {
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
    else sessionStorage.removeItem(TOKEN_KEY);
    setToken(t);
  };
  const toggle = <LangToggle lang={lang} onChange={setLang} />;
  return (
    <LangContext.Provider value={lang}>
      {token ? <Shell token={token} onLogout={() => login(null)} langToggle={toggle} /> : <Login onToken={login} langToggle={toggle} />}
    </LangContext.Provider>
  );
}

function LangToggle({ lang, onChange }: { lang: Lang; onChange: (l: Lang) => void }) {
  return (
    <div className="lang" role="group" aria-label="Ngôn ngữ / Language">
      {(['vi', 'en'] as const).map((l) => (
        <button key={l} type="button" className={l === lang ? 'on' : ''} aria-pressed={l === lang} onClick={() => onChange(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

function Login({ onToken, langToggle }: { onToken: (t: string) => void; langToggle: React.ReactNode }) {
  const t = useT();
  const lang = useLangValue();
  const [accounts, setAccounts] = useState<DemoAccount[] | null>(isDemo() ? null : []);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (isDemo()) void demoAccounts().then(setAccounts, () => setAccounts([]));
  }, []);
  return (
    <main className="login">
      <header className="login-head">
        <h1>chibo · {t('Bảng điều hành')}</h1>
        {langToggle}
      </header>
      <section className="card">
        <h2>{t('Đăng nhập')}</h2>
        {accounts === null ? (
          <p>{t('Đang tải…')}</p>
        ) : accounts.length ? (
          <>
            <p className="muted">{t('Chọn tài khoản demo')}</p>
            <div className="accounts">
              {accounts.map((a) => (
                <button
                  key={a.id}
                  type="button"
                  className="account"
                  data-account={a.id}
                  onClick={() => demoLogin(a.id).then(onToken, (e: Error) => setError(e.message))}
                >
                  <strong>{a.label[lang]}</strong>
                  <span className="muted">{a.role}</span>
                </button>
              ))}
            </div>
          </>
        ) : (
          <p className="muted">{t('Tài khoản demo chỉ có trên bản chạy cục bộ (khóa ký tại chỗ).')}</p>
        )}
        <form
          className="paste"
          onSubmit={(e) => {
            e.preventDefault();
            if (pasted.trim()) onToken(pasted.trim().replace(/^Bearer\s+/i, ''));
          }}
        >
          <label htmlFor="token">{t('Hoặc dán mã thông báo (JWT)')}</label>
          <textarea id="token" rows={3} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          <button type="submit">{t('Tiếp tục')}</button>
        </form>
        {error && <p className="error">{error}</p>}
      </section>
    </main>
  );
}

const useLangValue = (): Lang => useContext(LangContext);


function Shell({ token, onLogout, langToggle }: { token: string; onLogout: () => void; langToggle: React.ReactNode }) {
  const t = useT();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const client = useMemo(() => wsClient(`Bearer ${token}`, setStatus), [token]);
  useEffect(() => () => void client.dispose(), [client]);
  const [tenant, setTenant] = useState<string>('');
  const [root, setRoot] = useState<Unit | null>(null);
  // The unit and the period live in the address, so a link opens the same view.
  const [selected, setSelected] = useState<string | null>(() => readViewState().unit);
  const [period, setPeriod] = useState<string>(() => readViewState().period);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => writeViewState({ unit: selected, period }), [selected, period]);

  useEffect(() => {
    const { scope } = claimsOf(token);
    // Staff of a ward or a cell start at their own unit; the city sees the whole tree.
    const load = scope
      ? gql<{ currentTenant: { name: string }; orgUnit: Unit }>(token, DOCS.ScopedTree, { id: scope }).then(
          (d) => ({ name: d.currentTenant.name, root: d.orgUnit }),
        )
      : gql<{ currentTenant: { name: string; rootOrgUnit: Unit } }>(token, DOCS.TenantTree).then((d) => ({
          name: d.currentTenant.name,
          root: d.currentTenant.rootOrgUnit,
        }));
    load.then(
      (d) => {
        setTenant(d.name);
        setRoot(d.root);
        setSelected((s) => s ?? d.root.id);
      },
      (e: Error & { code?: string }) => {
        setError(e.message);
        if (e.code === 'UNAUTHENTICATED' || e.code === 'TOKEN_EXPIRED') onLogout();
      },
    );
  }, [token]);

  return (
    <div className="shell">
      <header className="top">
        <div className="brand">
          <strong>chibo</strong> · {t('Bảng điều hành')}
          {tenant && <span className="tenant">{tenant}</span>}
        </div>
        <div className="tools">
          <PeriodPicker period={period} onChange={setPeriod} />
          {claimsOf(token).roles.includes('city_admin') && <ApiLock token={token} />}
          <LiveBadge status={status} />
          {langToggle}
          <a href="/graphiql" className="link">
            {t('Mở GraphiQL')}
          </a>
          <button type="button" onClick={onLogout}>
            {t('Đăng xuất')}
          </button>
        </div>
      </header>
      <div className="body">
        <nav className="tree" aria-label={t('Cây tổ chức')}>
          <h2>{t('Cây tổ chức')}</h2>
          {root ? <TreeNode unit={root} token={token} selected={selected} onSelect={setSelected} depth={0} /> : <p className="muted">{error ?? t('Đang tải…')}</p>}
        </nav>
        <main className="unit">{selected ? <UnitView key={selected} id={selected} period={period} client={client} token={token} inspector={claimsOf(token).roles.includes('inspector')} onSelect={setSelected} /> : <p>{t('Chọn một tổ chức đảng')}</p>}</main>
      </div>
    </div>
  );
}

const KIND_LABEL: Record<PeriodKind, string> = { month: 'Tháng', quarter: 'Quý', year: 'Năm', term: 'Nhiệm kỳ' };

/** Kỳ báo cáo: a month, a quarter, a year or a five-year term, as the API takes them. */
function PeriodPicker({ period, onChange }: { period: string; onChange: (p: string) => void }) {
  const t = useT();
  const kind = kindOfPeriod(period) ?? 'month';
  const year = Number(period.slice(0, 4));
  const years = selectableYears();
  if (!years.includes(year)) years.push(year);
  const terms = selectableTerms();
  if (kind === 'term' && !terms.includes(period)) terms.push(period);
  return (
    <div className="period" role="group" aria-label={t('Kỳ báo cáo')} data-testid="period-picker">
      <span>{t('Kỳ báo cáo')}</span>
      <select data-testid="period-kind" aria-label={t('Loại kỳ')} value={kind} onChange={(e) => onChange(convertPeriod(period, e.target.value as PeriodKind))}>
        {PERIOD_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(KIND_LABEL[k])}
          </option>
        ))}
      </select>
      {kind === 'month' && <input type="month" data-testid="period" aria-label={t('Tháng')} value={period} required onChange={(e) => e.target.value && onChange(e.target.value)} />}
      {kind === 'quarter' && (
        <select data-testid="period-quarter" aria-label={t('Quý')} value={period.slice(5)} onChange={(e) => onChange(`${year}-${e.target.value}`)}>
          {['Q1', 'Q2', 'Q3', 'Q4'].map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
      )}
      {(kind === 'quarter' || kind === 'year') && (
        <select data-testid="period-year" aria-label={t('Năm')} value={year} onChange={(e) => onChange(kind === 'year' ? e.target.value : `${e.target.value}-${period.slice(5)}`)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      )}
      {kind === 'term' && (
        <select data-testid="period-term" aria-label={t('Nhiệm kỳ')} value={period} onChange={(e) => onChange(e.target.value)}>
          {terms.map((p) => (
            <option key={p} value={p}>
              {p.replace('-', '–')}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** A city administrator locks the tenant's API to the dashboard's own (persisted) documents. */
function ApiLock({ token }: { token: string }) {
  const t = useT();
  const [only, setOnly] = useState<boolean | null>(null);
  useEffect(() => {
    gql<{ apiSettings: { persistedDocumentsOnly: boolean } }>(token, DOCS.ApiSettings).then(
      (d) => setOnly(d.apiSettings.persistedDocumentsOnly),
      () => setOnly(null),
    );
  }, [token]);
  if (only === null) return null;
  const change = (value: boolean) =>
    void gql<{ setApiSettings: { persistedDocumentsOnly: boolean } }>(token, DOCS.SetApiSettings, { only: value }).then((d) => setOnly(d.setApiSettings.persistedDocumentsOnly));
  return (
    <label className="period" title={t('Từ chối mọi truy vấn không có trong danh sách đã đăng ký của bảng điều hành')}>
      <input type="checkbox" data-testid="api-lock" checked={only} onChange={(e) => change(e.target.checked)} />
      {t('Chỉ truy vấn đã đăng ký')}
    </label>
  );
}

function LiveBadge({ status }: { status: LiveStatus }) {
  const t = useT();
  const text = status === 'live' ? t('Trực tiếp') : status === 'connecting' ? t('Đang kết nối lại…') : t('Mất kết nối');
  return (
    <span className={`live ${status}`} data-testid="live" data-status={status} role="status">
      <span className="dot" aria-hidden="true" />
      {text}
    </span>
  );
}

function TreeNode({ unit, token, selected, onSelect, depth }: { unit: Unit; token: string; selected: string | null; onSelect: (id: string) => void; depth: number }) {
  const t = useT();
  const [open, setOpen] = useState(depth < 1);
  const [children, setChildren] = useState<Unit[] | undefined>(unit.children);
  const expand = () => {
    setOpen(!open);
    if (!open && children?.some((c) => c.children === undefined)) {
      // Grandchildren arrive one level at a time, as the user opens the tree.
      void gql<{ orgUnit: Unit }>(token, DOCS.UnitTree, { id: unit.id }).then((d) => setChildren(d.orgUnit.children));
    }
  };
  const hasChildren = children === undefined || children.length > 0;
  return (
    <div className="node">
      <div className={`row ${selected === unit.id ? 'selected' : ''}`} style={{ paddingLeft: depth * 14 }}>
        {hasChildren ? (
          <button type="button" className="twisty" aria-label={open ? '−' : '+'} aria-expanded={open} onClick={expand}>
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="twisty" />
        )}
        <button type="button" className="name" aria-current={selected === unit.id} onClick={() => onSelect(unit.id)}>
          {unit.name}
          <small>{t(unit.kind)}</small>
        </button>
      </div>
      {open && children?.map((c) => <TreeNode key={c.id} unit={c} token={token} selected={selected} onSelect={onSelect} depth={depth + 1} />)}
    </div>
  );
}

const DASHBOARD = DOCS.Dashboard.document;
/** The warnings (G-1) the services publish, if any: they make the table of subordinate units. */
const FLAGS = schema.figures.filter((f) => /^cellsWithout/.test(f.name) && f.type === 'Int');
const CHILD = DOCS.ChildDashboard.document;
/** The supergraph's description, less the API note about nulls. */
const labelOf = (description: string) => description.replace(/;\s*null (nếu|với)[^]*$/i, '').trim();

/** The latest figures of a unit, kept current by `dashboardUpdated` (which sends the current state first). */
function useDashboard(client: Client, id: string, period: string): { figures: Figures | null; error: string | null } {
  const [figures, setFigures] = useState<Figures | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setFigures(null);
    return client.subscribe<{ dashboardUpdated: Figures }>(
      { query: DASHBOARD, variables: { id, period } },
      {
        next: (r) => {
          if (r.data?.dashboardUpdated) {
            setFigures(r.data.dashboardUpdated);
            setError(null);
          } else if (r.errors?.length) setError(r.errors[0].message);
        },
        error: (e) => setError(e instanceof Error ? e.message : Array.isArray(e) ? (e[0] as Error).message : String((e as CloseEvent).reason ?? e)),
        complete: () => undefined,
      },
    );
  }, [client, id, period]);
  return { figures, error };
}

function UnitView({ id, period, client, token, inspector, onSelect }: { id: string; period: string; client: Client; token: string; inspector: boolean; onSelect: (id: string) => void }) {
  const t = useT();
  const lang = useLangValue();
  const { figures, error } = useDashboard(client, id, period);
  const [children, setChildren] = useState<Unit[] | null>(null);
  // Which figure's records are open, and which cell's meetings and resolutions.
  const [drill, setDrill] = useState<Drill | null>(null);
  const [cell, setCell] = useState<string | null>(null);
  const openCell = (cellId: string) => {
    setCell(cellId);
    // On a phone the panel is far below the card that was tapped.
    requestAnimationFrame(() => document.querySelector('[data-testid="cell-records"]')?.scrollIntoView({ block: 'start' }));
  };
  const openDrill = (d: Drill | null) => {
    setDrill(d);
    if (d) requestAnimationFrame(() => document.querySelector('[data-testid="drilldown"]')?.scrollIntoView({ block: 'nearest' }));
  };
  useEffect(() => {
    void gql<{ orgUnit: Unit }>(token, DOCS.UnitChildren, { id }).then(
      (d) => setChildren(d.orgUnit.children ?? []),
      () => setChildren([]),
    );
  }, [id, token]);
  const counted = drill && schema.figures.find((f) => f.name === drill.figure);
  return (
    <>
      <div className="unit-head">
        <h1 data-testid="unit-name">{figures?.orgUnit?.name ?? '…'}</h1>
        <span className="muted" data-testid="shown-period" data-period={figures?.period ?? ''}>
          {t('Kỳ báo cáo')}: {figures?.period ? periodLabel(figures.period, lang) : '…'}
        </span>
      </div>
      {error && <p className="error">{error}</p>}
      {figures ? <FigureSections figures={figures} lang={lang} inspector={inspector} open={drill} onDrill={openDrill} /> : <p className="muted">{t('Đang tải…')}</p>}
      {drill && (
        <DrillDown
          key={`${drill.figure}:${drill.variable ?? ''}`}
          token={token}
          unitId={id}
          period={period}
          figure={drill.figure}
          variable={drill.variable}
          label={drill.label}
          version={figures ? JSON.stringify(figures[drill.figure] ?? null) : null}
          total={counted?.type === 'Int' && drill.variable === undefined ? (figures?.[drill.figure] as number | null) : null}
          onCell={openCell}
          onClose={() => setDrill(null)}
        />
      )}
      {cell && <CellRecords token={token} cellId={cell} version={figures?.meetingsHeld} onClose={() => setCell(null)} />}
      <FlaggedCells token={token} unitId={id} period={period} version={figures ? FLAGS.map((f) => figures[f.name]).join() : null} onCell={openCell} />
      <section className="card chart">
        <h2>{t('Sinh hoạt theo đơn vị trực thuộc')}</h2>
        {children === null ? <p className="muted">{t('Đang tải…')}</p> : children.length ? <ChildrenChart units={children} period={period} client={client} onSelect={onSelect} /> : <p className="muted">{t('Không có đơn vị trực thuộc')}</p>}
      </section>
    </>
  );
}

/** One live subscription per subordinate unit (one socket carries them all), drawn as bars. */
function ChildrenChart({ units, period, client, onSelect }: { units: Unit[]; period: string; client: Client; onSelect: (id: string) => void }) {
  const t = useT();
  const lang = useLangValue();
  const shown = units.slice(0, 40);
  const [values, setValues] = useState<Record<string, Record<string, number | null>>>({});
  useEffect(() => {
    setValues({});
    const stops = shown.map((u) =>
      client.subscribe<{ dashboardUpdated: Record<string, number | null> }>(
        { query: CHILD, variables: { id: u.id, period } },
        {
          next: (r) => {
            const v = r.data?.dashboardUpdated;
            if (v) setValues((s) => ({ ...s, [u.id]: v }));
          },
          error: () => undefined,
          complete: () => undefined,
        },
      ),
    );
    return () => stops.forEach((s) => s());
  }, [client, units, period]);
  const data = shown.map((u) => ({ id: u.id, name: u.name, value: values[u.id]?.meetingsHeld ?? 0 }));
  const flagged = (u: Unit) => FLAGS.some((f) => (values[u.id]?.[f.name] ?? 0) > 0);
  const short = (f: { name: string; description: string }) => {
    const text = figureLabel(f, lang).replace(/^(Cảnh báo|Warning):\s*/i, '');
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  return (
    <>
      <div className="chart-box" data-testid="children-chart">
        <ResponsiveContainer width="100%" height={Math.max(160, data.length * 36)}>
          <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={170} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => [v, t('Số buổi sinh hoạt')]} />
            <Bar dataKey="value" fill="#c8102e" radius={[0, 4, 4, 0]} onClick={(d: { payload?: { id?: string } }) => d.payload?.id && onSelect(d.payload.id)} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="table-wrap">
        <table className="children" data-testid="children-table">
          <thead>
            <tr>
              <th>{t('Đơn vị')}</th>
              <th>{t('Số buổi sinh hoạt')}</th>
              {FLAGS.map((f) => (
                <th key={f.name} title={labelOf(f.description)}>
                  {short(f)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.id} className={flagged(u) ? 'flagged' : ''} data-unit={u.id}>
                <td>
                  <button type="button" className="as-link" onClick={() => onSelect(u.id)}>
                    {u.name}
                  </button>
                </td>
                <td>{values[u.id]?.meetingsHeld ?? '…'}</td>
                {FLAGS.map((f) => (
                  <td key={f.name} className={(values[u.id]?.[f.name] ?? 0) > 0 ? 'warn' : ''}>
                    {values[u.id] ? (values[u.id][f.name] ?? '—') : '…'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
