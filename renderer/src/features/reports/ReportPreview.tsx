import { useEffect, useRef } from 'react';
import type { CountLinks } from './count-links';

/**
 * Turns every number of the page that counts people into a link to them. Each data table says which it is
 * (data-table); `linkFor` knows, from the table, the row (its label or unit) and the column, where a number leads.
 */
function linkCounts(root: ShadowRoot, linkFor: CountLinks): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table.data')) {
    const id = table.dataset.table ?? '';
    let index = 0;
    for (const row of table.querySelectorAll('tbody tr')) {
      const cells = [...row.querySelectorAll('td')];
      const total = row.classList.contains('total');
      const label = cells[0]?.textContent?.trim() ?? '';
      cells.forEach((cell, column) => {
        const href = column > 0 && cell.classList.contains('n') && cell.textContent?.trim() ? linkFor({ table: id, label, row: index, total, column }) : undefined;
        if (href) {
          const a = document.createElement('a');
          a.href = `#${href}`;
          a.textContent = cell.textContent;
          a.title = 'Xem danh sách những người được đếm';
          a.dataset.testid = 'report-count-link';
          cell.replaceChildren(a);
        }
      });
      index += total ? 0 : 1;
    }
  }
}

/** The fold buttons' look inside the page: the page's own styles are print styles and know nothing of buttons. */
const FOLD_CSS = `
button.fold { font: inherit; font-size: 10pt; width: 1.6em; margin-right: 4pt; padding: 0; border: 1px solid #7a8ca3; border-radius: 3px; background: #eef3f8; cursor: pointer; }
button.fold-all { font: inherit; font-size: 11pt; margin: 0 0 6pt; padding: 2pt 8pt; border: 1px solid #7a8ca3; border-radius: 3px; background: #eef3f8; cursor: pointer; }
button.fold:focus-visible, button.fold-all:focus-visible { outline: 2px solid #1a56a0; outline-offset: 1px; }
`;

/**
 * Folds each TCCSĐ's drill-down (its chi bộ, printed indented under its row) behind a button on the row, so a
 * superior's preview reads one row per TCCSĐ and opens the chi bộ of the one it looks at. The PDF prints them all.
 */
function foldDrillDown(root: ShadowRoot): void {
  const folds: ((open: boolean) => void)[] = [];
  for (const group of root.querySelectorAll<HTMLTableRowElement>('table.data tr.group[data-row]')) {
    const subs = [...(group.parentElement?.querySelectorAll<HTMLTableRowElement>(`tr.sub[data-parent="${group.dataset.row}"]`) ?? [])];
    const name = group.cells[1]?.textContent?.trim() ?? '';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'fold';
    button.dataset.testid = 'report-unit-fold';
    const show = (open: boolean) => {
      subs.forEach((row) => (row.hidden = !open));
      button.setAttribute('aria-expanded', String(open));
      button.textContent = open ? '−' : '+';
      button.title = open ? `Thu gọn các chi bộ của ${name}` : `Xem ${subs.length} chi bộ của ${name}`;
      button.setAttribute('aria-label', button.title);
    };
    button.addEventListener('click', () => show(button.getAttribute('aria-expanded') !== 'true'));
    show(false);
    folds.push(show);
    group.cells[1]?.prepend(button);
  }
  // A Khối over many committees opens them all at once, to read the appendix as it prints.
  const note = root.querySelector('.appendix .note');
  if (folds.length > 0 && note) {
    const all = document.createElement('button');
    all.type = 'button';
    all.className = 'fold-all';
    let open = false;
    const label = () => (all.textContent = open ? 'Thu gọn tất cả các chi bộ' : 'Mở tất cả các chi bộ');
    all.addEventListener('click', () => {
      open = !open;
      folds.forEach((show) => show(open));
      label();
    });
    label();
    note.after(all);
  }
}

/**
 * Shows the report page exactly as PDF export prints it. The page goes into a shadow root rather than an iframe:
 * the desktop window refuses every frame navigation (about:srcdoc included), and a shadow root keeps the page's
 * print styles from leaking into the app and the app's from leaking in. The HTML is built by the service with
 * every value escaped, and the app's CSP runs no inline script, so inserting it runs nothing.
 */
export function ReportPreview({ html, label, links = null }: { html: string; label: string; links?: CountLinks | null }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) {
      return;
    }
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    const page = new DOMParser().parseFromString(html, 'text/html');
    // The page styles its <body>; inside a shadow root the host plays that part.
    const styles = [...page.querySelectorAll('style')].map((s) => (s.textContent ?? '').replace(/(^|\n)body\s*\{/, '$1:host {'));
    const sheet = document.createElement('style');
    sheet.textContent = [...styles, FOLD_CSS].join('\n');
    root.replaceChildren(sheet, ...[...page.body.childNodes].map((n) => document.importNode(n, true)));
    if (links) {
      linkCounts(root, links);
    }
    foldDrillDown(root);
  }, [html, links]);
  return <div ref={host} className="report-paper" role="document" aria-label={label} data-testid="report-preview" />;
}
