import { Writable } from 'node:stream';
import { progressBar } from '../src/progress';

/** The progress bar of `pnpm chibo generate`, as a CI log (not a terminal) shows it. */
describe('progress bar', () => {
  it('prints each step once, when it ends, with its rows and rate', () => {
    let text = '';
    const out = new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) }) as unknown as NodeJS.WriteStream;
    const bar = progressBar('', out);
    bar.update('members', 0, 8_400);
    bar.update('members', 4_000, 8_400);
    bar.update('members', 8_400, 8_400);
    bar.update('member events', 17_000, 17_000);
    bar.end();
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^members\s+█{24} 100%  8,400\/8,400 rows  [\d,]+ rows\/s/);
    expect(lines[1]).toMatch(/^member events .* 17,000\/17,000 rows/);
  });
});
