import { Gender } from '@chibo/domain';
import { searchKey } from './member-rules';

/**
 * The layout committees keep their member lists in (danh sách đảng viên): one row a member,
 * headers written by hand, with or without diacritics, in a few customary spellings. This file
 * knows the columns and how to read one cell; the rules are in `import-members.ts`.
 */

/** A cell as a reader gives it: text from CSV, text, numbers or dates from XLSX. */
export type SheetCell = string | number | boolean | Date | null | undefined;

export interface SheetRow {
  /** The row's number in the file as a spreadsheet shows it (the header is row 1). */
  line: number;
  cells: SheetCell[];
}

/** A member list as read from the file: its header row and its data rows. */
export interface Sheet {
  header: SheetCell[];
  rows: SheetRow[];
}

export type ImportField = 'fullName' | 'dateOfBirth' | 'gender' | 'partyCardNumber' | 'admittedOn' | 'officialOn' | 'cell' | 'parentUnit' | 'citizenId' | 'fileNumber';

/** Header spellings, compared as search keys (no accents, lower case, `đ` as `d`, no punctuation). */
const ALIASES: Record<ImportField, string[]> = {
  fullName: ['ho va ten', 'ho ten', 'ho va ten dang vien', 'ten dang vien', 'full name', 'name'],
  dateOfBirth: ['ngay sinh', 'ngay thang nam sinh', 'sinh ngay', 'ngay sinh dd mm yyyy', 'date of birth'],
  gender: ['gioi tinh', 'gioi', 'nam nu', 'gender', 'sex'],
  partyCardNumber: ['so the dang vien', 'so the', 'so the dv', 'the dang vien', 'so the dang', 'party card number', 'card number'],
  admittedOn: ['ngay vao dang', 'ngay ket nap', 'ngay ket nap dang', 'ngay vao dang du bi', 'admitted on', 'admission date'],
  officialOn: ['ngay chinh thuc', 'ngay dang chinh thuc', 'ngay cong nhan chinh thuc', 'ngay chuyen chinh thuc', 'official on', 'official date'],
  cell: ['chi bo', 'chi bo sinh hoat', 'ten chi bo', 'noi sinh hoat', 'cell'],
  parentUnit: ['dang bo', 'dang bo co so', 'dang uy', 'dang bo bo phan', 'committee', 'grassroots'],
  citizenId: ['so cccd', 'cccd', 'can cuoc cong dan', 'so can cuoc', 'so can cuoc cong dan', 'so dinh danh', 'so dinh danh ca nhan', 'citizen id'],
  fileNumber: ['so ly lich', 'so ho so', 'so ly lich dang vien', 'so hs', 'file number'],
};

/** Columns a file must have: the matching key, the identity and where the member belongs. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['fullName', 'dateOfBirth', 'gender', 'partyCardNumber', 'admittedOn', 'cell'];

/** Column names used in messages when a file lacks one. */
export const FIELD_LABELS: Record<ImportField, { vi: string; en: string }> = {
  fullName: { vi: 'Họ và tên', en: 'full name' },
  dateOfBirth: { vi: 'Ngày sinh', en: 'date of birth' },
  gender: { vi: 'Giới tính', en: 'gender' },
  partyCardNumber: { vi: 'Số thẻ đảng viên', en: 'party card number' },
  admittedOn: { vi: 'Ngày vào Đảng', en: 'admission date' },
  officialOn: { vi: 'Ngày chính thức', en: 'official date' },
  cell: { vi: 'Chi bộ', en: 'cell' },
  parentUnit: { vi: 'Đảng bộ', en: 'committee' },
  citizenId: { vi: 'Số CCCD', en: 'citizen id' },
  fileNumber: { vi: 'Số lý lịch', en: 'file number' },
};

export const headerKey = (text: string) =>
  searchKey(text)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const BY_ALIAS = new Map<string, ImportField>(Object.entries(ALIASES).flatMap(([field, names]) => names.map((n) => [n, field as ImportField])));

export interface ColumnMap {
  /** Where each known field is, and the header as the file writes it (for messages). */
  fields: Map<ImportField, { index: number; header: string }>;
  /** Headers we do not read (STT, ghi chú …), reported so nobody thinks they were imported. */
  ignored: string[];
  missing: ImportField[];
  /** A field named twice (two «Ngày sinh» columns): which one is meant is not ours to guess. */
  repeated: ImportField[];
}

export function mapColumns(header: readonly SheetCell[]): ColumnMap {
  const fields = new Map<ImportField, { index: number; header: string }>();
  const ignored: string[] = [];
  const repeated: ImportField[] = [];
  header.forEach((cell, index) => {
    const text = cellText(cell);
    if (!text) return;
    const field = BY_ALIAS.get(headerKey(text));
    if (!field) ignored.push(text);
    else if (fields.has(field)) repeated.push(field);
    else fields.set(field, { index, header: text });
  });
  return { fields, ignored, missing: REQUIRED_FIELDS.filter((f) => !fields.has(f)), repeated };
}

/** A cell as text, as the committee sees it in the sheet (numbers without exponent or `.0`). */
export function cellText(cell: SheetCell): string {
  if (cell == null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  return String(cell).trim();
}

export type DateReading = { ok: true; date: string } | { ok: false; reason: 'format' | 'calendar'; text: string };

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * A date as committees write it: `dd/mm/yyyy` (also with `-` or `.`), ISO `yyyy-mm-dd`, a date
 * cell of Excel (a `Date` at UTC midnight) or the serial number Excel stores when a cell lost
 * its format. `31/02/1990` is read but is no calendar date, and says so.
 */
export function readDate(cell: SheetCell): DateReading {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { ok: false, reason: 'format', text: '' };
    return { ok: true, date: cell.toISOString().slice(0, 10) };
  }
  if (typeof cell === 'number') {
    // 1 = 1900-01-01 … 73050 = 2099-12-31; anything else is no date Excel would store.
    if (!Number.isInteger(cell) || cell < 1 || cell > 73050) return { ok: false, reason: 'format', text: String(cell) };
    return { ok: true, date: new Date(EXCEL_EPOCH_MS + cell * 86_400_000).toISOString().slice(0, 10) };
  }
  const text = cellText(cell);
  let y: number, m: number, d: number;
  const vn = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return { ok: false, reason: 'format', text };
  // Checked by arithmetic: a list of 100,000 rows has 300,000 dates.
  const inCalendar = y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  return inCalendar ? { ok: true, date: `${pad(y, 4)}-${pad(m)}-${pad(d)}` } : { ok: false, reason: 'calendar', text };
}

const GENDERS = new Map<string, Gender>([
  ['nam', Gender.MALE],
  ['male', Gender.MALE],
  ['m', Gender.MALE],
  ['nu', Gender.FEMALE],
  ['female', Gender.FEMALE],
  ['f', Gender.FEMALE],
]);

export function readGender(cell: SheetCell): Gender | null {
  return GENDERS.get(headerKey(cellText(cell))) ?? null;
}
