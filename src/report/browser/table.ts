// The report's one script, inlined into the page (scripts/browser-script-plugin.mjs): the
// workloads table, rendered a page of rows at a time from the JSON data block, filtered by
// verdict and confidence, searched by id, sorted by column, each row opening to its details.
// It reads only the page; it loads nothing. The data's layout: data.ts.

import type { PageData as Data, RuleRow } from './data.js';

const PAGE_DATA = document.getElementById('report-data');
const TABLE = document.getElementById('workloads');
if (PAGE_DATA && TABLE) start(JSON.parse(PAGE_DATA.textContent ?? '{}') as Data, TABLE);

function start(data: Data, table: HTMLElement): void {
  const body = table.querySelector('tbody')!;
  const form = document.getElementById('workload-filters') as HTMLFormElement;
  const verdictSelect = form.elements.namedItem('verdict') as HTMLSelectElement;
  const levelSelect = form.elements.namedItem('level') as HTMLSelectElement;
  const search = form.elements.namedItem('search') as HTMLInputElement;
  const status = document.getElementById('workload-status')!;
  const pager = document.getElementById('workload-pages')!;
  const previous = pager.querySelector('[data-page="previous"]') as HTMLButtonElement;
  const next = pager.querySelector('[data-page="next"]') as HTMLButtonElement;
  const pageText = pager.querySelector('[data-page-text]')!;
  const headers = Array.from(table.querySelectorAll<HTMLElement>('th[data-sort]'));
  const ids = data.rows.map((row) => (row[0] === null ? '' : String(row[0]).toLowerCase()));
  const open = new Set<number>();
  let shown: number[] = [];
  let page = 0;
  let sortKey = 'line';
  let descending = false;

  const key = (index: number): number | string => {
    const row = data.rows[index]!;
    switch (sortKey) {
      case 'id':
        return ids[index]!;
      case 'verdict':
        return row[2];
      case 'confidence':
        return row[3];
      case 'reason':
        // What the cell shows: the strongest reason's text.
        return row[6].length > 0 ? ruleText(data.rules[row[6][0]!]!).toLowerCase() : '';
      default:
        return row[1];
    }
  };

  const apply = (): void => {
    const verdict = verdictSelect.value;
    const level = levelSelect.value;
    const needle = search.value.trim().toLowerCase();
    const v = verdict === '' ? -1 : data.verdicts.indexOf(verdict);
    const l = level === '' ? -1 : data.levels.indexOf(level);
    shown = [];
    for (let i = 0; i < data.rows.length; i++) {
      const row = data.rows[i]!;
      if (v >= 0 && row[2] !== v) continue;
      if (l >= 0 && row[4] !== l) continue;
      if (needle !== '' && !ids[i]!.includes(needle)) continue;
      shown.push(i);
    }
    const keys = new Map(shown.map((i) => [i, key(i)]));
    shown.sort((a, b) => {
      const ka = keys.get(a)!;
      const kb = keys.get(b)!;
      const order = ka < kb ? -1 : ka > kb ? 1 : data.rows[a]![1] - data.rows[b]![1];
      return descending ? -order : order;
    });
    page = 0;
    render();
  };

  const render = (): void => {
    const pages = Math.max(1, Math.ceil(shown.length / data.pageSize));
    page = Math.min(page, pages - 1);
    const first = page * data.pageSize;
    const slice = shown.slice(first, first + data.pageSize);
    const fragment = document.createDocumentFragment();
    for (const index of slice) {
      fragment.append(rowElement(index));
      if (open.has(index)) fragment.append(detailsElement(index));
    }
    body.replaceChildren(fragment);
    status.textContent =
      shown.length === 0
        ? 'No workload matches.'
        : `Showing ${format(first + 1)}–${format(first + slice.length)} of ${format(shown.length)} workloads` +
          (shown.length === data.rows.length ? '.' : ` (of ${format(data.rows.length)}).`);
    pageText.textContent = `Page ${format(page + 1)} of ${format(pages)}`;
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
    for (const th of headers) {
      th.setAttribute(
        'aria-sort',
        th.dataset.sort === sortKey ? (descending ? 'descending' : 'ascending') : 'none',
      );
    }
  };

  const rowElement = (index: number): HTMLTableRowElement => {
    const row = data.rows[index]!;
    const tr = document.createElement('tr');
    tr.dataset.row = String(index);
    const idCell = document.createElement('th');
    idCell.scope = 'row';
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'toggle';
    toggle.setAttribute('aria-expanded', String(open.has(index)));
    toggle.setAttribute('aria-controls', `details-${index}`);
    toggle.textContent = row[0] === null ? `line ${row[1]}` : String(row[0]);
    toggle.addEventListener('click', () => {
      if (open.has(index)) open.delete(index);
      else open.add(index);
      render();
    });
    idCell.append(toggle);
    const verdict = document.createElement('td');
    const badge = document.createElement('span');
    badge.className = `badge ${data.verdicts[row[2]]}`;
    badge.textContent = data.verdictLabels[row[2]]!;
    verdict.append(badge);
    const confidence = document.createElement('td');
    confidence.className = 'num';
    confidence.textContent = `${data.levels[row[4]]} (${(row[3] / 100).toFixed(2)})${row[5] ? ', tie' : ''}`;
    const reason = document.createElement('td');
    const strongest = row[6][0];
    reason.textContent = strongest === undefined ? '' : ruleText(data.rules[strongest]!);
    const line = document.createElement('td');
    line.className = 'num';
    line.textContent = String(row[1]);
    tr.append(idCell, verdict, confidence, reason, line);
    return tr;
  };

  const detailsElement = (index: number): HTMLTableRowElement => {
    const row = data.rows[index]!;
    const tr = document.createElement('tr');
    tr.className = 'details';
    tr.id = `details-${index}`;
    const cell = document.createElement('td');
    cell.colSpan = 5;
    cell.append(
      list(
        'Reasons',
        row[6].map((r) => {
          const rule = data.rules[r]!;
          const side = data.verdicts.indexOf(rule[1]);
          const favours = side < 0 ? '' : `${data.verdictLabels[side]} +${rule[2] ?? '?'}: `;
          return `${favours}${ruleText(rule)}${rule[4] ? ` (${rule[4]})` : ''}`;
        }),
        'No rule fired.',
      ),
      list(
        'Caveats',
        row[7].map((c) => ruleText(data.rules[c]!)),
        'None.',
      ),
      list(
        'What would change it',
        row[8] === 0
          ? []
          : row[8].map((f) => {
              const flip = data.flips[f]!;
              return `${flip[0]} (${flip[1]}) → ${data.verdictLabels[flip[2]]}`;
            }),
        row[8] === 0
          ? 'Not in these results: run batch with --flips to list them.'
          : 'No single answer would change it.',
      ),
    );
    tr.append(cell);
    return tr;
  };

  form.addEventListener('submit', (event) => event.preventDefault());
  verdictSelect.addEventListener('change', apply);
  levelSelect.addEventListener('change', apply);
  let typing: number | undefined;
  search.addEventListener('input', () => {
    window.clearTimeout(typing);
    typing = window.setTimeout(apply, 120);
  });
  previous.addEventListener('click', () => {
    page -= 1;
    render();
  });
  next.addEventListener('click', () => {
    page += 1;
    render();
  });
  for (const th of headers) {
    th.querySelector('button')?.addEventListener('click', () => {
      const sort = th.dataset.sort ?? 'line';
      descending = sort === sortKey ? !descending : false;
      sortKey = sort;
      apply();
    });
  }
  document.body.classList.add('scripted');
  apply();
}

function ruleText(rule: RuleRow): string {
  return rule[3] === '' ? rule[0] : rule[3];
}

function list(title: string, items: string[], none: string): HTMLElement {
  const section = document.createElement('div');
  const heading = document.createElement('h4');
  heading.textContent = title;
  section.append(heading);
  if (items.length === 0) {
    const p = document.createElement('p');
    p.textContent = none;
    section.append(p);
    return section;
  }
  const ul = document.createElement('ul');
  for (const item of items) {
    const li = document.createElement('li');
    li.textContent = item;
    ul.append(li);
  }
  section.append(ul);
  return section;
}

function format(n: number): string {
  return n.toLocaleString('en-US');
}
