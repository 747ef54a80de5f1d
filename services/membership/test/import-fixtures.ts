import ExcelJS from 'exceljs';

/**
 * Member lists as committees send them, generated with a known fault on chosen rows, so a
 * test can tell what the preview must say about each row without trusting the importer.
 */

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const MIDDLE_M = ['Văn', 'Đức', 'Quang', 'Minh', 'Hữu'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Mai'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hạnh', 'Hùng', 'Lan', 'Long', 'Nga', 'Phúc', 'Quý', 'Sơn', 'Tâm', 'Thảo', 'Trung', 'Yến'];

export const HEADER = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số thẻ đảng viên', 'Ngày vào Đảng', 'Ngày chính thức', 'Chi bộ', 'Đảng bộ', 'Ghi chú'];

/** What a row is built to be, and what the preview must therefore say about it. */
export type Fault =
  | null
  | { field: 'dateOfBirth' | 'admittedOn'; kind: 'calendar' | 'format' }
  | { field: 'partyCardNumber'; kind: 'duplicate' }
  | { field: 'admittedOn'; kind: 'under18'; rule: 'M-1' }
  | { field: 'officialOn'; kind: 'beforeProbation'; rule: 'M-2' }
  | { field: 'cell'; kind: 'unknown' | 'otherSubtree' };

export interface ListRow {
  fullName: string;
  dateOfBirth: string;
  gender: 'Nam' | 'Nữ';
  card: string;
  admittedOn: string;
  officialOn: string;
  cell: string;
  committee: string;
  fault: Fault;
  /** Written decomposed (NFD), as some old Vietnamese keyboards and PDFs do. */
  nfd: boolean;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
export const vnDate = (isoDate: string) => isoDate.split('-').reverse().join('/');

export interface ListOptions {
  rows: number;
  cardPrefix: string;
  cells: { name: string; committee: string }[];
  otherSubtreeCell: { name: string; committee: string };
}

/**
 * `rows` members: within every 100, row 3 has 31/02 as birth date, row 5 an admission date
 * that is no date, rows 10 and 11 share a card number, row 17 was admitted at 17, row 23 made
 * official before 12 months, row 29 names no existing cell, row 31 a cell of another
 * subtree; every 7th row is written NFD. Everyone else is a good row.
 */
export function memberList(o: ListOptions): ListRow[] {
  const out: ListRow[] = [];
  for (let i = 0; i < o.rows; i++) {
    const female = i % 3 === 1;
    const fullName = `${FAMILY[i % FAMILY.length]} ${(female ? MIDDLE_F : MIDDLE_M)[(i >> 2) % 5]} ${GIVEN[(i * 7) % GIVEN.length]}`;
    const born = 1950 + (i % 45);
    const dob = iso(born, 1 + (i % 12), 1 + (i % 28));
    const admitted = iso(born + 22 + (i % 10), 1 + ((i + 5) % 12), 1 + ((i + 3) % 28));
    const official = iso(born + 23 + (i % 10), 1 + ((i + 5) % 12), 1 + ((i + 3) % 28));
    const cell = o.cells[i % o.cells.length];
    const row: ListRow = {
      fullName,
      dateOfBirth: vnDate(dob),
      gender: female ? 'Nữ' : 'Nam',
      card: `${o.cardPrefix}${String(i).padStart(6, '0')}`,
      admittedOn: vnDate(admitted),
      officialOn: i % 4 === 0 ? '' : vnDate(official),
      cell: cell.name,
      committee: cell.committee,
      fault: null,
      nfd: i % 7 === 0,
    };
    switch (i % 100) {
      case 3:
        Object.assign(row, { dateOfBirth: `31/02/${born}`, fault: { field: 'dateOfBirth', kind: 'calendar' } });
        break;
      case 5:
        Object.assign(row, { admittedOn: 'tháng 5/1990', fault: { field: 'admittedOn', kind: 'format' } });
        break;
      case 10:
      case 11:
        Object.assign(row, { card: `${o.cardPrefix}D${Math.floor(i / 100)}`, fault: { field: 'partyCardNumber', kind: 'duplicate' } });
        break;
      case 17:
        Object.assign(row, { dateOfBirth: '15/06/2000', admittedOn: '01/06/2018', officialOn: '', fault: { field: 'admittedOn', kind: 'under18', rule: 'M-1' } });
        break;
      case 23:
        Object.assign(row, { officialOn: vnDate(iso(born + 22 + (i % 10), 12, 28)), fault: { field: 'officialOn', kind: 'beforeProbation', rule: 'M-2' } });
        break;
      case 29:
        Object.assign(row, { cell: 'Chi bộ không tồn tại', fault: { field: 'cell', kind: 'unknown' } });
        break;
      case 31:
        Object.assign(row, { cell: o.otherSubtreeCell.name, committee: o.otherSubtreeCell.committee, fault: { field: 'cell', kind: 'otherSubtree' } });
        break;
    }
    out.push(row);
  }
  return out;
}

const cellsOf = (r: ListRow, i: number) => [
  String(i + 1),
  r.nfd ? r.fullName.normalize('NFD') : r.fullName,
  r.dateOfBirth,
  r.gender,
  r.card,
  r.admittedOn,
  r.officialOn,
  r.nfd ? r.cell.normalize('NFD') : r.cell,
  r.committee,
  i % 5 === 0 ? 'chuyển đến năm 2020, có "ghi chú", dấu phẩy' : '',
];

const csvCell = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** As Excel saves "CSV UTF-8": a BOM, CRLF line ends, quoted where needed. */
export function toCsv(rows: ListRow[], header = HEADER): Buffer {
  const lines = [header, ...rows.map(cellsOf)].map((cells) => cells.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/**
 * The same rows as a workbook, the way a committee's sheet looks: a title row above the
 * header, good dates as real date cells (bad ones stay text, as typed), card numbers as text.
 */
export async function toXlsx(rows: ListRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['DANH SÁCH ĐẢNG VIÊN ĐẢNG BỘ']);
  ws.addRow(HEADER);
  rows.forEach((r, i) => {
    const cells: (string | Date)[] = cellsOf(r, i);
    for (const col of [2, 5, 6]) {
      const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(cells[col] as string);
      const d = m && new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
      if (d && d.getUTCDate() === Number(m![1])) cells[col] = d;
    }
    ws.addRow(cells);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
