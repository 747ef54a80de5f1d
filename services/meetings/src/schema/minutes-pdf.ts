import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { MinutesDocument } from '../domain/minutes';

/**
 * Renders the minutes as an A4 PDF with DejaVu Serif embedded (subset by pdfkit), so every
 * Vietnamese diacritic prints and is extractable as text. Margins follow the usual layout of
 * party documents: 30 mm left, 20 mm elsewhere; the issuer on the left, the party's name and
 * the date on the right.
 */
const FONTS = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const MM = 72 / 25.4;

export function renderMinutesPdf(m: MinutesDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 20 * MM },
    info: { Title: `${m.title.join(' ')}`, Subject: m.issuer.join(' ') },
    bufferPages: true,
  });
  doc.registerFont('regular', join(FONTS, 'DejaVuSerif.ttf'));
  doc.registerFont('bold', join(FONTS, 'DejaVuSerif-Bold.ttf'));
  doc.registerFont('italic', join(FONTS, 'DejaVuSerif-Italic.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const column = width * 0.48;
  const top = doc.y;

  doc.font('bold').fontSize(11);
  m.issuer.forEach((line) => doc.text(line, left, undefined, { width: column, align: 'center' }));
  const afterIssuer = doc.y;
  doc.y = top;
  doc.font('bold').fontSize(12).text(m.party[0], left + width - column, top, { width: column, align: 'center', underline: true });
  doc.font('italic').fontSize(11).text(m.party[1], left + width - column, undefined, { width: column, align: 'center' });
  doc.y = Math.max(afterIssuer, doc.y) + 18;

  doc.font('bold').fontSize(14).text(m.title[0], left, undefined, { width, align: 'center' });
  doc.fontSize(12).text(m.title[1], { width, align: 'center' });
  doc.font('italic').fontSize(11).text(m.title[2], { width, align: 'center' });
  doc.moveDown(1);

  for (const section of m.sections) {
    doc.font('bold').fontSize(12).text(section.heading, left, undefined, { width });
    doc.moveDown(0.3);
    doc.font('regular').fontSize(11);
    for (const line of section.lines) doc.text(line, left, undefined, { width, align: 'justify', paragraphGap: 3 });
    doc.moveDown(0.6);
  }
  doc.font('regular').fontSize(11);
  for (const line of m.closing) doc.text(line, left, undefined, { width, paragraphGap: 3 });
  doc.moveDown(1.5);

  if (doc.y > doc.page.height - doc.page.margins.bottom - 110) doc.addPage();
  const signTop = doc.y;
  m.signatures.forEach((s, i) => {
    const x = i === 0 ? left : left + width - column;
    doc.font('bold').fontSize(12).text(s.role, x, signTop, { width: column, align: 'center' });
    doc.font('italic').fontSize(10).text('(Ký, ghi rõ họ tên)', x, undefined, { width: column, align: 'center' });
    doc.font('bold').fontSize(12).text(s.name, x, signTop + 80, { width: column, align: 'center' });
  });

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const y = doc.page.height - doc.page.margins.bottom + 6;
    // Writing inside the bottom margin must not trigger pdfkit's automatic page break.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(9).text(`Trang ${i + 1}/${pages.count}`, left, y, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
