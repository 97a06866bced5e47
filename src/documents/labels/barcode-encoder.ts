import bwipjs from 'bwip-js';

/**
 * Barcode symbols as module patterns, encoded by bwip-js (Barcode Writer in Pure PostScript). The
 * painters only draw the modules they are given; no symbology logic lives in this codebase.
 */
export interface LinearSymbol {
  /** Widths in modules, alternating bar and space, starting with a bar (quiet zones excluded). */
  widths: number[];
  totalModules: number;
}

export interface MatrixSymbol {
  /** Row-major module values, 1 = dark. */
  modules: number[];
  columns: number;
  rows: number;
}

export function encodeCode128(data: string): LinearSymbol {
  const [symbol] = bwipjs.raw('code128', data, {}) as { sbs: number[] }[];
  return { widths: symbol.sbs, totalModules: symbol.sbs.reduce((a, b) => a + b, 0) };
}

export function encodeDataMatrix(data: string): MatrixSymbol {
  const [symbol] = bwipjs.raw('datamatrix', data, {}) as { pixs: number[]; pixx: number; pixy: number }[];
  return { modules: symbol.pixs, columns: symbol.pixx, rows: symbol.pixy };
}

/** Runs of dark modules per row (row, first column, length), so a painter draws one rectangle per run. */
export function darkRuns(symbol: MatrixSymbol): { row: number; col: number; length: number }[] {
  const runs: { row: number; col: number; length: number }[] = [];
  for (let r = 0; r < symbol.rows; r++) {
    let c = 0;
    while (c < symbol.columns) {
      if (symbol.modules[r * symbol.columns + c]) {
        const start = c;
        while (c < symbol.columns && symbol.modules[r * symbol.columns + c]) c++;
        runs.push({ row: r, col: start, length: c - start });
      } else {
        c++;
      }
    }
  }
  return runs;
}

/** Data capacity (codewords) of the square ECC 200 Data Matrix symbols, by side in modules (ISO/IEC 16022 table 7). */
const DATAMATRIX_SQUARE_CAPACITY: [number, number][] = [
  [10, 3], [12, 5], [14, 8], [16, 12], [18, 18], [20, 22], [22, 30], [24, 36], [26, 44], [32, 62], [36, 86],
  [40, 114], [44, 144], [48, 174], [52, 204], [64, 280], [72, 368], [80, 456], [88, 576], [96, 696], [104, 816],
];

/**
 * Side in modules of the smallest square Data Matrix holding `data` in ASCII encodation (two digits
 * share a codeword, bytes above 127 take two). Used to size a symbol the printer itself will encode.
 */
export function dataMatrixSide(data: string): number {
  const bytes = Buffer.from(data, 'utf8');
  let codewords = 0;
  for (let i = 0; i < bytes.length; i++) {
    const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
    if (isDigit(bytes[i]) && i + 1 < bytes.length && isDigit(bytes[i + 1])) i++;
    else if (bytes[i] > 127) codewords++;
    codewords++;
  }
  const fit = DATAMATRIX_SQUARE_CAPACITY.find(([, capacity]) => capacity >= codewords);
  if (!fit) throw new Error(`Data Matrix data too long (${codewords} codewords)`);
  return fit[0];
}
