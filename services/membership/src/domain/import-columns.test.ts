import { Gender } from '@chibo/domain';
import { mapColumns, readDate, readGender } from './import-columns';

/** How committee files write dates, genders and headers (member import, issue 3). */
describe('reading a member list', () => {
  it.each([
    ['dd/mm/yyyy', '05/03/1990', '1990-03-05'],
    ['d/m/yyyy', '5/3/1990', '1990-03-05'],
    ['dd-mm-yyyy', '05-03-1990', '1990-03-05'],
    ['dd.mm.yyyy', '05.03.1990', '1990-03-05'],
    ['ISO', '1990-03-05', '1990-03-05'],
    ['an Excel date cell (UTC midnight)', new Date(Date.UTC(1990, 2, 5)), '1990-03-05'],
    ['an Excel serial number (cell lost its format)', 32937, '1990-03-05'],
    ['29/02 of a leap year', '29/02/2000', '2000-02-29'],
  ])('reads %s', (_name, cell, expected) => {
    expect(readDate(cell)).toEqual({ ok: true, date: expected });
  });

  it.each([
    ['31/02 (no such day)', '31/02/1990', 'calendar'],
    ['29/02 of a common year', '29/02/1990', 'calendar'],
    ['month 13', '01/13/1990', 'calendar'],
    ['words', 'tháng 5/1990', 'format'],
    ['a two-digit year (which century?)', '05/03/90', 'format'],
    ['a fractional serial', 32937.5, 'format'],
  ])('refuses %s, saying why', (_name, cell, reason) => {
    expect(readDate(cell)).toMatchObject({ ok: false, reason });
  });

  it.each([
    ['Nam', Gender.MALE],
    ['nữ', Gender.FEMALE],
    ['NU', Gender.FEMALE],
    ['Nữ'.normalize('NFD'), Gender.FEMALE],
    ['female', Gender.FEMALE],
    ['khác', null],
  ])('reads gender %s', (cell, expected) => {
    expect(readGender(cell)).toBe(expected);
  });

  it('finds the columns by their usual spellings, with or without diacritics, and lists the ones it ignores', () => {
    const m = mapColumns(['STT', 'HỌ VÀ TÊN', 'Ngay sinh (dd/mm/yyyy)', 'Giới tính', 'Số thẻ ĐV', 'Ngày kết nạp', 'Ngày chính thức', 'Chi bộ sinh hoạt', 'Số CCCD', 'Ghi chú']);
    expect(Object.fromEntries([...m.fields].map(([f, c]) => [f, c.header]))).toEqual({
      fullName: 'HỌ VÀ TÊN',
      dateOfBirth: 'Ngay sinh (dd/mm/yyyy)',
      gender: 'Giới tính',
      partyCardNumber: 'Số thẻ ĐV',
      admittedOn: 'Ngày kết nạp',
      officialOn: 'Ngày chính thức',
      cell: 'Chi bộ sinh hoạt',
      citizenId: 'Số CCCD',
    });
    expect(m.ignored).toEqual(['STT', 'Ghi chú']);
    expect(m.missing).toEqual([]);
  });

  it('names the required columns a file lacks, and a column given twice', () => {
    const m = mapColumns(['Họ tên', 'Ngày sinh', 'Ngày sinh', 'Chi bộ']);
    expect(m.missing).toEqual(['gender', 'partyCardNumber', 'admittedOn']);
    expect(m.repeated).toEqual(['dateOfBirth']);
  });
});
