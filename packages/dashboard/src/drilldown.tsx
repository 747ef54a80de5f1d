import { useEffect, useState } from 'react';
import schema from 'virtual:dashboard-fields';
import DOCS from 'virtual:persisted-documents';
import { gql } from './api';
import { drillDownOperation, type DrillDownKind } from './operations';
import { useT } from './i18n';

interface MeetingRow {
  id: string;
  title: string;
  kind: string;
  status: string;
  heldAt: string | null;
  cell?: { id: string; name: string } | null;
}
interface CellRow {
  id: string;
  name: string | null;
}
interface InspectionRow {
  id: string;
  title: string;
  status: string;
  orgUnit?: { id: string; name: string } | null;
}
interface MemberRow {
  id: string;
  fullName: string;
  status?: string;
  cell?: { id: string; name: string } | null;
}
interface ResolutionRow {
  id: string;
  number: string;
  text: string;
  status?: string;
  adoptedOn?: string;
}
interface TaskRow {
  id: string;
  title: string;
  dueOn?: string;
  ownerGroup?: string | null;
  targetValue?: number | null;
  targetUnit?: string | null;
  achieved?: number;
  overdue?: boolean;
}
interface SupervisionRow {
  id: string;
  title: string;
  status: string;
  orgUnit?: { id: string; name: string } | null;
}
interface CellMonthRow {
  month: string;
  cell: CellRow;
}
interface DisciplineRow {
  id: string;
  title: string;
  status: string;
  form?: string | null;
  decidedOn?: string | null;
  orgUnit?: { id: string; name: string } | null;
}
type RowsOf = {
  meetings: MeetingRow;
  cells: CellRow;
  inspections: InspectionRow;
  members: MemberRow;
  resolutions: ResolutionRow;
  tasks: TaskRow;
  supervisions: SupervisionRow;
  cellMonths: CellMonthRow;
  disciplineCases: DisciplineRow;
};
type Rows = { [K in DrillDownKind]: { kind: K; rows: RowsOf[K][] } }[DrillDownKind];

/** Figures (and breakdowns) whose records the API can list. */
export const drillable = (figure: string) => figure in schema.drillDowns;

const formatAmount = (n: number) => n.toLocaleString('vi-VN');
const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '—');

/**
 * The records behind one figure of a unit's dashboard, fetched again whenever the figure moves
 * (`version`), so the list never disagrees with the number above it for long.
 */
export function DrillDown({ token, unitId, period, figure, variable, label, version, total, onCell, onClose }: {
  token: string;
  unitId: string;
  period: string;
  figure: string;
  /** The value chosen on screen for the drill-down's argument (a level, a unit, a form). */
  variable?: string;
  label: string;
  /** The figure's value: the list is fetched again when it moves. */
  version: unknown;
  /** For a count, how many records there are (the list shows at most the first 50). */
  total?: number | null;
  onCell: (id: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const spec = schema.drillDowns[figure];
  const [rows, setRows] = useState<Rows | null | 'forbidden'>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!spec) return;
    let live = true;
    gql<{ dashboard: Record<string, unknown[] | null> }>(
      token,
      (DOCS as Record<string, (typeof DOCS)['FlaggedCells']>)[drillDownOperation(figure)],
      { id: unitId, period, ...(spec.variable && variable !== undefined ? { [spec.variable.name]: variable } : {}) },
    ).then(
      (d) => {
        if (!live) return;
        const list = d.dashboard[spec.field];
        if (list === null) return setRows('forbidden');
        setRows({ kind: spec.kind, rows: list } as Rows);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [token, unitId, period, figure, variable, version]);
  if (!spec) return null;
  return (
    <section className="card drill" data-testid="drilldown" data-figure={figure} data-variable={variable} aria-live="polite">
      <div className="drill-head">
        <h2>{label}</h2>
        <button type="button" onClick={onClose} aria-label={t('Đóng')}>
          ✕
        </button>
      </div>
      {error ? (
        <p className="error">{error}</p>
      ) : rows === null ? (
        <p className="muted">{t('Đang tải…')}</p>
      ) : rows === 'forbidden' ? (
        <p className="muted">{t('Chỉ cán bộ kiểm tra được xem nội dung; bạn chỉ xem được số lượng.')}</p>
      ) : !rows.rows.length ? (
        <p className="muted">{t('Không có bản ghi')}</p>
      ) : (
        <div className="table-wrap">
          {typeof total === 'number' && total > rows.rows.length && (
            <p className="muted small">
              {t('Hiển thị')} {rows.rows.length} / {total}
            </p>
          )}
          <table className="records">
            {rows.kind === 'meetings' && (
              <>
                <thead>
                  <tr>
                    <th>{t('Ngày họp')}</th>
                    <th>{t('Nội dung')}</th>
                    <th>{t('Chi bộ')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.rows.map((m) => (
                    <tr key={m.id} data-meeting={m.id}>
                      <td>{date(m.heldAt)}</td>
                      <td>
                        {m.title} <small className="muted">{t(m.kind)}</small>
                      </td>
                      <td>{m.cell ? <CellLink cell={m.cell} onCell={onCell} /> : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
            {rows.kind === 'cells' && (
              <tbody>
                {rows.rows.map((c) => (
                  <tr key={c.id} data-cell={c.id}>
                    <td>
                      <CellLink cell={c} onCell={onCell} />
                    </td>
                  </tr>
                ))}
              </tbody>
            )}
            {rows.kind === 'inspections' && (
              <tbody>
                {rows.rows.map((i) => (
                  <tr key={i.id}>
                    <td>{i.title}</td>
                    <td>{i.orgUnit?.name ?? '—'}</td>
                    <td>{t(i.status)}</td>
                  </tr>
                ))}
              </tbody>
            )}
            {rows.kind === 'members' && (
              <>
                <thead>
                  <tr>
                    <th>{t('Họ và tên')}</th>
                    <th>{t('Trạng thái')}</th>
                    <th>{t('Chi bộ')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.rows.map((m) => (
                    <tr key={m.id} data-member={m.id}>
                      <td>{m.fullName}</td>
                      <td>{m.status ? t(m.status) : '—'}</td>
                      <td>{m.cell ? <CellLink cell={m.cell} onCell={onCell} /> : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
            {rows.kind === 'resolutions' && (
              <>
                <thead>
                  <tr>
                    <th>{t('Số nghị quyết')}</th>
                    <th>{t('Nội dung')}</th>
                    <th>{t('Ngày thông qua')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.rows.map((r) => (
                    <tr key={r.id} data-resolution={r.id}>
                      <td>{r.number}</td>
                      <td>
                        {r.text} {r.status && <small className="muted">{t(r.status)}</small>}
                      </td>
                      <td>{r.adoptedOn ? date(r.adoptedOn) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
            {rows.kind === 'tasks' && (
              <>
                <thead>
                  <tr>
                    <th>{t('Nhiệm vụ')}</th>
                    <th>{t('Hạn')}</th>
                    <th>{t('Tiến độ')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.rows.map((k) => (
                    <tr key={k.id} data-task={k.id}>
                      <td>
                        {k.title} {k.ownerGroup && <small className="muted">{k.ownerGroup}</small>}
                      </td>
                      <td className={k.overdue ? 'warn' : ''}>
                        {k.dueOn ? date(k.dueOn) : '—'} {k.overdue && <small>{t('Quá hạn')}</small>}
                      </td>
                      <td>{k.targetValue != null ? `${formatAmount(k.achieved ?? 0)} / ${formatAmount(k.targetValue)} ${k.targetUnit ?? ''}` : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
            {rows.kind === 'supervisions' && (
              <tbody>
                {rows.rows.map((v) => (
                  <tr key={v.id} data-supervision={v.id}>
                    <td>{v.title}</td>
                    <td>{v.orgUnit?.name ?? '—'}</td>
                    <td>{t(v.status)}</td>
                  </tr>
                ))}
              </tbody>
            )}
            {rows.kind === 'cellMonths' && (
              <>
                <thead>
                  <tr>
                    <th>{t('Chi bộ')}</th>
                    <th>{t('Tháng chưa sinh hoạt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.rows.map((c) => (
                    <tr key={`${c.cell.id}:${c.month}`} data-cell={c.cell.id} data-month={c.month}>
                      <td>
                        <CellLink cell={c.cell} onCell={onCell} />
                      </td>
                      <td>{c.month}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
            {rows.kind === 'disciplineCases' && (
              <>
                <thead>
                  <tr>
                    <th>{t('Tên')}</th>
                    <th>{t('Hình thức')}</th>
                    <th>{t('Ngày quyết định')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.rows.map((c) => (
                    <tr key={c.id} data-case={c.id}>
                      <td>
                        {c.title} <small className="muted">{c.orgUnit?.name ?? ''}</small>
                      </td>
                      <td>{c.form ? t(`form:${c.form}`) : '—'}</td>
                      <td>{c.decidedOn ? date(c.decidedOn) : t(c.status)}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
          </table>
        </div>
      )}
    </section>
  );
}

function CellLink({ cell, onCell }: { cell: CellRow; onCell: (id: string) => void }) {
  const t = useT();
  return (
    <button type="button" className="as-link" data-cell-link={cell.id} onClick={() => onCell(cell.id)} title={t('Sinh hoạt và nghị quyết của chi bộ')}>
      {cell.name ?? cell.id}
    </button>
  );
}

/**
 * The cells of a unit flagged by G-1 this period (a regular meeting missed in a month of it, no thematic one
 * this quarter), each linking to its meetings and resolutions.
 */
export function FlaggedCells({ token, unitId, period, version, onCell }: { token: string; unitId: string; period: string; version: unknown; onCell: (id: string) => void }) {
  const t = useT();
  const [cells, setCells] = useState<{ id: string; name: string | null; regular: boolean; thematic: boolean }[] | null>(null);
  useEffect(() => {
    let live = true;
    gql<{ dashboard: { cellsWithoutRegularMeetingList: CellRow[] | null; cellsWithoutThematicThisQuarterList: CellRow[] | null } }>(
      token,
      DOCS.FlaggedCells,
      { id: unitId, period },
    ).then(
      (d) => {
        if (!live) return;
        const byId = new Map<string, { id: string; name: string | null; regular: boolean; thematic: boolean }>();
        for (const c of d.dashboard.cellsWithoutRegularMeetingList ?? []) byId.set(c.id, { ...c, regular: true, thematic: false });
        for (const c of d.dashboard.cellsWithoutThematicThisQuarterList ?? []) byId.set(c.id, { ...(byId.get(c.id) ?? { ...c, regular: false }), thematic: true });
        setCells([...byId.values()]);
      },
      () => live && setCells([]),
    );
    return () => {
      live = false;
    };
  }, [token, unitId, period, version]);
  return (
    <section className="card">
      <h2>{t('Chi bộ cần chú ý (G-1)')}</h2>
      {cells === null ? (
        <p className="muted">{t('Đang tải…')}</p>
      ) : !cells.length ? (
        <p className="muted">{t('Không có chi bộ nào bị cảnh báo')}</p>
      ) : (
        <div className="table-wrap">
          <table className="records" data-testid="flagged-cells">
            <thead>
              <tr>
                <th>{t('Chi bộ')}</th>
                <th>{t('Thiếu sinh hoạt thường kỳ trong kỳ')}</th>
                <th>{t('Chưa sinh hoạt chuyên đề trong quý')}</th>
              </tr>
            </thead>
            <tbody>
              {cells.map((c) => (
                <tr key={c.id} data-cell={c.id}>
                  <td>
                    <CellLink cell={c} onCell={onCell} />
                  </td>
                  <td className={c.regular ? 'warn' : ''}>{c.regular ? '⚠' : '—'}</td>
                  <td className={c.thematic ? 'warn' : ''}>{c.thematic ? '⚠' : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface CellRecordsData {
  orgUnit: {
    id: string;
    name: string;
    meetings: { totalCount: number; nodes: (MeetingRow & { resolutions: { id: string; number: string; text: string; status: string }[] })[] };
  };
}

/** A cell's latest meetings and the resolutions adopted at them: where a flagged cell's story is. */
export function CellRecords({ token, cellId, version, onClose }: { token: string; cellId: string; version: unknown; onClose: () => void }) {
  const t = useT();
  const [data, setData] = useState<CellRecordsData['orgUnit'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    gql<CellRecordsData>(
      token,
      DOCS.CellRecords,
      { id: cellId },
    ).then(
      (d) => live && setData(d.orgUnit),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [token, cellId, version]);
  return (
    <section className="card cell-records" data-testid="cell-records" data-cell={cellId}>
      <div className="drill-head">
        <h2>
          {data?.name ?? '…'} · {t('Sinh hoạt và nghị quyết')}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('Đóng')}>
          ✕
        </button>
      </div>
      {error ? (
        <p className="error">{error}</p>
      ) : !data ? (
        <p className="muted">{t('Đang tải…')}</p>
      ) : !data.meetings.nodes.length ? (
        <p className="muted">{t('Chưa có buổi sinh hoạt nào')}</p>
      ) : (
        <ul className="meetings">
          {data.meetings.nodes.map((m) => (
            <li key={m.id} data-meeting={m.id}>
              <div>
                <strong>{m.title}</strong> <small className="muted">{t(m.kind)} · {t(m.status)} · {date(m.heldAt ?? null)}</small>
              </div>
              {m.resolutions.length ? (
                <ul className="resolutions">
                  {m.resolutions.map((r) => (
                    <li key={r.id} data-resolution={r.id}>
                      <strong>{r.number}</strong> {r.text} <small className="muted">{t(r.status)}</small>
                    </li>
                  ))}
                </ul>
              ) : (
                <small className="muted">{t('Không có nghị quyết')}</small>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
