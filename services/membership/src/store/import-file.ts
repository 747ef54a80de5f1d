import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DomainError } from '@chibo/domain';
import type { Sheet, SheetCell, SheetRow } from '../domain/import-columns';

/**
 * Reads a member list as committees send it: an Excel workbook (its first sheet) or a CSV
 * (UTF-8, with or without BOM, `,` `;` or tab separated). The header is the first row with at
 * least three filled cells, so a title row above it ("DANH SÁCH ĐẢNG VIÊN …") is skipped.
 */
export async function readMemberFile(content: Buffer): Promise<Sheet> {
  const rows = isZip(content) ? await readXlsx(content) : readCsv(content);
  const headerAt = rows.findIndex((r) => r.cells.filter((c) => c != null && String(c).trim() !== '').length >= 3);
  if (headerAt < 0) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Tệp không có dòng tiêu đề cột', en: 'The file has no header row' }, { field: 'file' });
  }
  return { header: rows[headerAt].cells, rows: rows.slice(headerAt + 1) };
}

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function readCsv(content: Buffer): SheetRow[] {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(content);
  if (text.includes('\uFFFD')) {
    throw new DomainError(
      'BAD_USER_INPUT',
      { vi: 'Tệp CSV không phải UTF-8; hãy lưu lại bằng «CSV UTF-8»', en: 'The CSV file is not UTF-8; save it again as «CSV UTF-8»' },
      { field: 'file' },
    );
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: [',', ';', '\t'], relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (e) {
    throw new DomainError('BAD_USER_INPUT', { vi: `Tệp CSV hỏng: ${(e as Error).message}`, en: `Malformed CSV: ${(e as Error).message}` }, { field: 'file' });
  }
  return records.map((cells, i) => ({ line: i + 1, cells }));
}

async function readXlsx(content: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (e) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Tệp Excel hỏng hoặc không phải .xlsx', en: 'The Excel file is damaged or not .xlsx' }, { field: 'file', reason: (e as Error).message });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new DomainError('BAD_USER_INPUT', { vi: 'Tệp Excel không có trang tính nào', en: 'The workbook has no sheet' }, { field: 'file' });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as ExcelJS.CellValue[];
    // exceljs puts column A at index 1.
    rows.push({ line, cells: values.slice(1).map(cellValue) });
  });
  return rows;
}

/** Formulas by their result, rich text and links by their text, errors as empty. */
function cellValue(v: ExcelJS.CellValue): SheetCell {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
  }
  return null;
}
