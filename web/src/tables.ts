import ExcelJS from 'exceljs';
import { type HTMLElement, parse } from 'node-html-parser';

/**
 * Every table on every page downloads as CSV and as Excel: `?format=csv|xlsx&table=ID` renders the page as usual
 * and exports its `<table id=ID>` exactly as shown — the same rows, order, filters and DfE markers (`c`, `x`) —
 * so no page needs its own export code. A cell's `data-export` attribute, when present, replaces its text;
 * screen-reader-only text (the reason after a `c`) is left out, as the key under each table gives it.
 */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedTable {
  caption: string;
  rows: string[][];
}

export const TABLE_ID = /^[a-z][\w-]*$/i;

export function tableFromHtml(html: string, id: string): ExportedTable | undefined {
  if (!TABLE_ID.test(id)) return undefined;
  const table = parse(html).querySelector(`table#${id}`);
  if (!table) return undefined;
  const caption = text(table.querySelector('caption')) || id;
  for (const hidden of table.querySelectorAll('.govuk-visually-hidden')) hidden.remove();
  const rows = table
    .querySelectorAll('tr')
    .map((tr) => tr.querySelectorAll('th, td').map(cellText))
    .filter((r) => r.length > 0);
  return { caption, rows };
}

function cellText(cell: HTMLElement): string {
  return cell.getAttribute('data-export') ?? text(cell);
}

function text(element: HTMLElement | null): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function tableCsv(table: ExportedTable): string {
  return `${table.rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const NUMBER = /^[-+]?\d+(\.\d+)?$/;

/** An Excel workbook of one sheet: the heading row bold and frozen, plain numbers as numbers. */
export async function tableXlsx(table: ExportedTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Commonroom';
  // Sheet names: at most 31 characters, none of : \ / ? * [ ]
  const sheet = workbook.addWorksheet(table.caption.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Table', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  table.rows.forEach((row, i) => {
    const added = sheet.addRow(i === 0 ? row : row.map((v) => (NUMBER.test(v) ? Number(v) : v)));
    if (i === 0) added.font = { bold: true };
  });
  sheet.columns.forEach((column) => {
    let width = 8;
    column.eachCell?.({ includeEmpty: false }, (cell) => {
      width = Math.max(width, Math.min(60, String(cell.value ?? '').length + 2));
    });
    column.width = width;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The address of a table's download, from the page's own address (its filters and sort kept). */
export function exportHref(path: string, table: string, format: ExportFormat): string {
  const url = new URL(path, 'http://web.invalid');
  url.searchParams.set('format', format);
  url.searchParams.set('table', table);
  return url.pathname + url.search;
}
