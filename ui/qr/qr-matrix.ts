import qrcode from 'qrcode-generator';

/**
 * The modules of a QR code for `data`, read by phones as UTF-8 text.
 * qrcode-generator's byte mode takes one character per byte (it keeps the low
 * 8 bits), so the text is encoded to UTF-8 first and handed over byte by byte;
 * without this every Chinese character would be scanned as garbage.
 */
export function qrMatrix(data: string, level: 'L' | 'M' | 'Q' | 'H' = 'M'): boolean[][] {
  const bytes = new TextEncoder().encode(data);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  const qr = qrcode(0, level);
  qr.addData(binary, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => qr.isDark(row, col)));
}

/** One SVG path drawing every dark module as a unit square, offset by the quiet zone. */
export function qrPath(matrix: readonly (readonly boolean[])[], quiet: number): string {
  const parts: string[] = [];
  matrix.forEach((row, y) => {
    // Runs of dark modules in a row become one rectangle: ~3× shorter paths than a square each.
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x += 1;
      parts.push(`M${start + quiet} ${y + quiet}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}
