// The report as one self-contained HTML page: inline CSS, inline SVG charts, the data as a JSON
// block and one small inline script (browser/table.ts); nothing is loaded from anywhere, and the
// Content-Security-Policy says so to the browser. Everything from outside (ids, messages, rule
// texts and files) is escaped. The page formats the summary; it decides nothing.

import { createHash } from 'node:crypto';
import { flagOf, VERDICTS } from '../constants.js';
import type { RuleSet } from '../engine/rule-set.js';
import { citation, valueLabel, verdictLabel } from '../render/labels.js';
import { visibleLines } from '../render/visible.js';
import type { Verdict } from '../schema.js';
import { BINS, type Count, type FleetSummary, LEVELS } from './aggregate.js';
import tableScript from './browser/table.ts?browser-script';
import { jsonForScript, PAGE_SIZE, pageData } from './page-data.js';
import type { BatchResults, RuleInfo } from './read-results.js';

export interface PageContext {
  /** The day of the report, YYYY-MM-DD. */
  date: string;
  version: string;
  ruleSet: RuleSet;
}

/** Lists longer than this are cut on the page; the full counts stay in the data. */
const TOP = 15;
/** Error lines listed; more are counted. */
const MOST_ERRORS = 1000;

export function renderPage(
  summary: FleetSummary,
  results: BatchResults,
  rules: ReadonlyMap<string, RuleInfo>,
  context: PageContext,
): string {
  const data = jsonForScript(pageData(results.workloads, rules, context.ruleSet));
  const script = tableScript.replace(/<\/(script)/gi, '<\\/$1');
  const hash = createHash('sha256').update(script).digest('base64');
  const decided = results.workloads.length;
  const title = `Fleet report: ${format(summary.results)} workloads`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="which-container ${escapeHtml(context.version)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<dl class="meta">
<div><dt>Date</dt><dd><time datetime="${escapeHtml(context.date)}">${escapeHtml(context.date)}</time></dd></div>
<div><dt>Workloads</dt><dd>${format(summary.results)} (${format(decided)} decided, ${format(summary.errors)} errors)</dd></div>
<div><dt>Tool</dt><dd>which-container ${escapeHtml(context.version)}</dd></div>
<div><dt>Custom rules</dt><dd>${customRulesText(summary.customRules)}</dd></div>
</dl>
</header>
<main>
${verdictSection(summary, context.ruleSet)}
${confidenceSection(summary, context.ruleSet)}
${rulesSection(summary, rules, context.ruleSet)}
${unansweredSection(summary, context.ruleSet)}
${flipsSection(summary, context.ruleSet)}
${workloadsSection(decided, context.ruleSet)}
${errorsSection(results)}
</main>
<footer><p>Made by which-container ${escapeHtml(context.version)} from batch results. Verdicts follow the rules of the article <cite>System Containers and App Containers</cite> (2015, published as a draft) and the projects' documentation; each reason names its source.</p></footer>
<script type="application/json" id="report-data">${data}</script>
<script>${script}</script>
</body>
</html>
`;
}

function verdictSection(summary: FleetSummary, ruleSet: RuleSet): string {
  const parts: { key: string; label: string; count: number; ties: number }[] = [
    ...VERDICTS.map((v) => ({
      key: v,
      label: verdictLabel(ruleSet, v),
      count: summary.decided[v],
      ties: summary.confidence[v].ties,
    })),
    { key: 'error', label: 'Errors', count: summary.errors, ties: 0 },
  ];
  // A tie is reported under the verdict it was broken to, and said to be a tie there.
  const tiesNote = (ties: number) =>
    ties > 0
      ? `<span class="tile-ties">incl. ${format(ties)} ${ties === 1 ? 'tie' : 'ties'}</span>`
      : '';
  const tiles = parts
    .map(
      (p) =>
        `<li class="tile ${p.key}" data-verdict="${p.key}"><span class="swatch" aria-hidden="true"></span><span class="tile-label">${escapeHtml(p.label)}</span><span class="tile-count">${format(p.count)}</span><span class="tile-share">${percent(p.count, summary.results)}</span>${tiesNote(p.ties)}</li>`,
    )
    .join('\n');
  return `<section aria-labelledby="verdicts-title">
<h2 id="verdicts-title">Verdicts</h2>
<ul class="tiles">
${tiles}
</ul>
${stackedBar(
  parts.map((p) => ({ key: p.key, label: p.label, count: p.count })),
  summary.results,
  'Verdicts across the fleet',
)}
</section>`;
}

/** One horizontal bar split in proportion, each part labelled in its title and, when wide enough, in text. */
function stackedBar(
  parts: readonly { key: string; label: string; count: number }[],
  total: number,
  name: string,
): string {
  const width = 1000;
  let x = 0;
  const rects: string[] = [];
  for (const part of parts) {
    if (part.count === 0 || total === 0) continue;
    const w = (part.count / total) * width;
    const text = `${part.label}: ${format(part.count)} (${percent(part.count, total)})`;
    rects.push(
      `<g class="part ${part.key}"><title>${escapeHtml(text)}</title><rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="40"></rect>${
        w > 90
          ? `<text x="${(x + w / 2).toFixed(1)}" y="25" text-anchor="middle">${escapeHtml(shortLabel(part.label))} ${percent(part.count, total)}</text>`
          : ''
      }</g>`,
    );
    x += w;
  }
  const described = parts.map((p) => `${p.label} ${format(p.count)}`).join(', ');
  return `<svg class="bar" viewBox="0 0 ${width} 40" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(`${name}: ${described}`)}">${rects.join('')}</svg>`;
}

function confidenceSection(summary: FleetSummary, ruleSet: RuleSet): string {
  const rows = VERDICTS.map((v) => {
    const spread = summary.confidence[v];
    const total = summary.decided[v];
    const levels = LEVELS.map(
      (l) =>
        `<td class="num">${format(spread.levels[l])} <small>${percent(spread.levels[l], total)}</small></td>`,
    ).join('');
    return `<tr><th scope="row"><span class="badge ${v}">${escapeHtml(verdictLabel(ruleSet, v))}</span></th>${levels}<td class="num">${format(spread.ties)}</td><td>${histogram(spread.bins, verdictLabel(ruleSet, v), v)}</td></tr>`;
  }).join('\n');
  return `<section aria-labelledby="confidence-title">
<h2 id="confidence-title">Confidence by verdict</h2>
<p class="note">Confidence measures the evidence behind a verdict: how far apart the sides are, how many answers counted, and how much an unanswered question could still swing it.</p>
<div class="scroll"><table class="data">
<thead><tr><th scope="col">Verdict</th>${LEVELS.map((l) => `<th scope="col" class="num">${capital(l)}</th>`).join('')}<th scope="col" class="num">Ties</th><th scope="col">Spread, 0 to 1</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
</section>`;
}

/** Workloads by confidence value in BINS columns, 0 at the left. */
function histogram(bins: readonly number[], label: string, key: Verdict): string {
  const most = Math.max(1, ...bins);
  const w = 12;
  const columns = bins
    .map((count, i) => {
      const h = (count / most) * 36;
      const range = `${(i / BINS).toFixed(1)}–${((i + 1) / BINS).toFixed(1)}`;
      return `<rect x="${i * w + 1}" y="${(40 - h).toFixed(1)}" width="${w - 2}" height="${h.toFixed(1)}"><title>${escapeHtml(`${range}: ${format(count)}`)}</title></rect>`;
    })
    .join('');
  const text = bins.map((count, i) => `${(i / BINS).toFixed(1)}+: ${count}`).join(', ');
  return `<svg class="histogram ${key}" viewBox="0 0 ${BINS * w} 40" role="img" aria-label="${escapeHtml(`${label}, workloads by confidence: ${text}`)}"><line x1="0" y1="39.5" x2="${BINS * w}" y2="39.5"></line>${columns}</svg>`;
}

function rulesSection(
  summary: FleetSummary,
  rules: ReadonlyMap<string, RuleInfo>,
  ruleSet: RuleSet,
): string {
  const decided = summary.results - summary.errors;
  const table = (counts: readonly Count[], caption: string, favourColumn: boolean) => {
    if (counts.length === 0) return `<p class="note">${escapeHtml(caption)}: none fired.</p>`;
    const rows = counts
      .slice(0, TOP)
      .map((c) => {
        const rule = rules.get(c.id);
        const favors = rule?.favors && favourColumn ? rule.favors : undefined;
        return `<tr><th scope="row"><code>${escapeHtml(c.id)}</code>${rule?.origin ? ' <span class="tag">custom</span>' : ''}</th>${
          favourColumn
            ? `<td>${favors ? `<span class="badge ${favors}">${escapeHtml(shortLabel(verdictLabel(ruleSet, favors)))}</span> +${rule?.weight ?? ''}` : ''}</td>`
            : ''
        }<td>${escapeHtml(rule?.text ?? '')}${rule?.section ? `<br><small class="source">${escapeHtml(citation(rule))}</small>` : ''}</td><td class="num">${format(c.count)}</td><td>${meter(c.count, decided)}</td></tr>`;
      })
      .join('\n');
    return `<div class="scroll"><table class="data">
<caption>${escapeHtml(caption)}${counts.length > TOP ? ` (the ${TOP} most frequent of ${counts.length})` : ''}</caption>
<thead><tr><th scope="col">Rule</th>${favourColumn ? '<th scope="col">Favours</th>' : ''}<th scope="col">Says, and its source</th><th scope="col" class="num">Workloads</th><th scope="col">Share of decided</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
  };
  return `<section aria-labelledby="rules-title">
<h2 id="rules-title">Rules that fired most</h2>
${table(summary.topReasons, 'Reasons', true)}
${table(summary.topCaveats, 'Caveats', false)}
</section>`;
}

function unansweredSection(summary: FleetSummary, ruleSet: RuleSet): string {
  const decided = summary.results - summary.errors;
  if (summary.unanswered.length === 0)
    return `<section aria-labelledby="unanswered-title"><h2 id="unanswered-title">Questions left unanswered</h2><p class="note">Every workload answered every question that applies.</p></section>`;
  const rows = summary.unanswered
    .slice(0, TOP)
    .map((c) => {
      const question = ruleSet.questions.find((q) => q.id === c.id);
      return `<tr><th scope="row"><code>--${escapeHtml(flagOf(c.id))}</code></th><td>${escapeHtml(question?.prompt ?? '')}</td><td class="num">${format(c.count)}</td><td>${meter(c.count, decided)}</td></tr>`;
    })
    .join('\n');
  return `<section aria-labelledby="unanswered-title">
<h2 id="unanswered-title">Questions left unanswered</h2>
<p class="note">What to ask next: answering these raises confidence where it is left open most often.</p>
<div class="scroll"><table class="data">
<thead><tr><th scope="col">Question</th><th scope="col">Asks</th><th scope="col" class="num">Workloads</th><th scope="col">Share of decided</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
</section>`;
}

function flipsSection(summary: FleetSummary, ruleSet: RuleSet): string {
  const head = '<h2 id="flips-title">What would change verdicts</h2>';
  if (summary.withFlips === 0)
    return `<section aria-labelledby="flips-title">${head}<p class="note">These results do not list flips: run <code>which-container batch --flips</code> (or <code>--explain</code>) to see which single answer would change each verdict.</p></section>`;
  if (summary.flips.length === 0)
    return `<section aria-labelledby="flips-title">${head}<p class="note">No single answer would change any verdict.</p></section>`;
  const items = summary.flips
    .slice(0, TOP)
    .map(
      (f) =>
        `<li><strong>${format(f.count)}</strong> ${f.count === 1 ? 'workload' : 'workloads'} would become <span class="badge ${f.recommendation}">${escapeHtml(verdictLabel(ruleSet, f.recommendation))}</span> if answered <code>--${escapeHtml(flagOf(f.question))} ${escapeHtml(f.to)}</code> (${escapeHtml(valueLabel(ruleSet, f.question, f.to))})</li>`,
    )
    .join('\n');
  const partial =
    summary.withFlips < summary.results - summary.errors
      ? ` Counted over the ${format(summary.withFlips)} workloads whose results list flips.`
      : '';
  return `<section aria-labelledby="flips-title">
${head}
<p class="note">Each line is one answer that alone would change the verdict.${partial}</p>
<ol class="flips">
${items}
</ol>
</section>`;
}

function workloadsSection(decided: number, ruleSet: RuleSet): string {
  const options = VERDICTS.map(
    (v) => `<option value="${v}">${escapeHtml(verdictLabel(ruleSet, v))}</option>`,
  ).join('');
  const levels = LEVELS.map((l) => `<option value="${l}">${capital(l)}</option>`).join('');
  const sortable = (key: string, label: string, numeric = false) =>
    `<th scope="col" data-sort="${key}" aria-sort="none"${numeric ? ' class="num"' : ''}><button type="button">${label}</button></th>`;
  return `<section aria-labelledby="workloads-title">
<h2 id="workloads-title">Workloads</h2>
<form id="workload-filters" class="controls" role="search">
<label>Verdict <select name="verdict"><option value="">All</option>${options}</select></label>
<label>Confidence <select name="level"><option value="">All</option>${levels}</select></label>
<label>Id <input name="search" type="search" placeholder="search by id" autocomplete="off"></label>
</form>
<p id="workload-status" role="status" aria-live="polite">${format(decided)} workloads.</p>
<noscript><p class="note">Turn on JavaScript to browse the workloads table; the counts above need none.</p></noscript>
<div class="scroll"><table class="data" id="workloads">
<caption class="visually-hidden">Decided workloads, ${PAGE_SIZE} a page; open a row for its reasons, caveats and flips</caption>
<thead><tr>${sortable('id', 'Id')}${sortable('verdict', 'Verdict')}${sortable('confidence', 'Confidence', true)}${sortable('reason', 'Strongest reason')}${sortable('line', 'Line', true)}</tr></thead>
<tbody></tbody>
</table></div>
<nav id="workload-pages" class="controls" aria-label="Workload pages">
<button type="button" data-page="previous">Previous</button>
<span data-page-text></span>
<button type="button" data-page="next">Next</button>
</nav>
</section>`;
}

function errorsSection(results: BatchResults): string {
  const head = '<h2 id="errors-title">Errors</h2>';
  if (results.errors.length === 0)
    return `<section aria-labelledby="errors-title">${head}<p class="note">No line failed.</p></section>`;
  const rows = results.errors
    .slice(0, MOST_ERRORS)
    .map(
      (e) =>
        `<tr><th scope="row" class="num">${e.line}</th><td>${e.id === undefined ? '' : escapeHtml(String(e.id))}</td><td>${e.path ? `<code>${escapeHtml(e.path)}</code>` : ''}</td><td>${escapeHtml(e.message)}</td></tr>`,
    )
    .join('\n');
  const more =
    results.errors.length > MOST_ERRORS
      ? `<p class="note">The first ${format(MOST_ERRORS)} of ${format(results.errors.length)} errors are listed; the batch output holds them all.</p>`
      : '';
  return `<section aria-labelledby="errors-title">
${head}
<div class="scroll"><table class="data" id="errors">
<caption>${format(results.errors.length)} input ${results.errors.length === 1 ? 'line' : 'lines'} failed</caption>
<thead><tr><th scope="col" class="num">Line</th><th scope="col">Id</th><th scope="col">Path</th><th scope="col">Message</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
${more}
</section>`;
}

function customRulesText(rules: readonly RuleInfo[]): string {
  if (rules.length === 0) return 'none, the built-in rules only';
  return rules
    .map(
      (r) =>
        `<code>${escapeHtml(r.id)}</code>${r.origin ? ` (${escapeHtml(r.origin)})` : r.text === '' ? ' (not a built-in rule)' : ''}`,
    )
    .join(', ');
}

function meter(count: number, total: number): string {
  const share = total === 0 ? 0 : count / total;
  return `<span class="share"><span class="meter" aria-hidden="true"><span style="width:${(share * 100).toFixed(1)}%"></span></span> ${percent(count, total)}</span>`;
}

/** Outside text as HTML text or an attribute value. */
/**
 * Outside text for the page: control characters and bidirectional overrides shown as escapes
 * (the page may be printed to a terminal, and an id should not reorder what a reader sees),
 * then HTML's own characters escaped.
 */
function escapeHtml(text: string): string {
  return visibleLines(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function format(n: number): string {
  return n.toLocaleString('en-US');
}

function percent(count: number, total: number): string {
  if (total === 0) return '0%';
  const share = (count / total) * 100;
  return `${share > 0 && share < 1 ? share.toFixed(1) : Math.round(share)}%`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "OS (system) container" → "OS", for bar labels and badges. */
function shortLabel(label: string): string {
  return label.replace(/ \(system\) container$| container$| machine$/, '').replace('Virtual', 'VM');
}

const STYLE = `
:root{--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--panel:#f6f8fa;--os:#0a5cc2;--app:#1a7f37;--vm:#8250df;--error:#cf222e;--on:#fff;--focus:#0969da;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg);line-height:1.45}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;--os:#4493f8;--app:#3fb950;--vm:#ab7df8;--error:#f85149;--on:#0d1117;--focus:#4493f8}}
body{margin:0 auto;max-width:72rem;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}h4{margin:.6rem 0 .2rem;font-size:.95rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
.meta{display:flex;flex-wrap:wrap;gap:.4rem 2rem;margin:0;color:var(--muted)}.meta div{display:flex;gap:.4rem}.meta dt{font-weight:600}.meta dd{margin:0;color:var(--fg)}
.note,small,.source{color:var(--muted)}
.tiles{list-style:none;padding:0;margin:0 0 1rem;display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem}
.tile{border:1px solid var(--line);border-left:.4rem solid var(--c);border-radius:.4rem;padding:.6rem .8rem;background:var(--panel);display:grid;grid-template-columns:auto 1fr;gap:0 .5rem}
.tile .swatch{display:none}.tile-label{grid-column:1/3;font-weight:600}.tile-count{font-size:1.8rem;font-weight:700;font-variant-numeric:tabular-nums}.tile-share{align-self:end;padding-bottom:.35rem;color:var(--muted)}.tile-ties{grid-column:1/3;font-size:.85rem;color:var(--muted)}
.os{--c:var(--os)}.app{--c:var(--app)}.vm{--c:var(--vm)}.error{--c:var(--error)}
svg.bar{width:100%;height:2.5rem;display:block;border-radius:.3rem;overflow:hidden}
svg.bar rect{fill:var(--c)}svg.bar .part{--c:var(--muted)}svg.bar .os{--c:var(--os)}svg.bar .app{--c:var(--app)}svg.bar .vm{--c:var(--vm)}svg.bar .error{--c:var(--error)}
svg.bar text{fill:var(--on);font-size:15px;font-weight:600}
svg.histogram{width:9rem;height:2.5rem;vertical-align:middle}svg.histogram rect{fill:var(--c)}svg.histogram line{stroke:var(--line)}
.badge{display:inline-block;padding:0 .45rem;border-radius:1rem;border:1px solid var(--c);color:var(--fg);background:color-mix(in srgb,var(--c) 14%,transparent);white-space:nowrap;font-size:.9em}
.tag{font-size:.75em;border:1px solid var(--line);border-radius:.3rem;padding:0 .3rem}
.scroll{overflow-x:auto}
table.data{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}
table.data caption{text-align:left;font-weight:600;padding:.3rem 0}
table.data th,table.data td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
table.data thead th{background:var(--panel);white-space:nowrap}
.num{text-align:right!important;font-variant-numeric:tabular-nums}
.meter{display:inline-block;width:6rem;height:.6rem;border:1px solid var(--line);border-radius:.3rem;vertical-align:middle;overflow:hidden}.meter span{display:block;height:100%;background:var(--muted)}
.share{white-space:nowrap}.flips li{margin:.25rem 0}
.controls{display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;align-items:center;margin:.6rem 0}
select,input,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:.3rem;padding:.2rem .5rem}
button{cursor:pointer}button:disabled{opacity:.5;cursor:default}
th[data-sort] button{border:0;background:none;padding:0;font-weight:700}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
button.toggle{border:0;background:none;padding:0;text-align:left;font-weight:600;white-space:nowrap}
button.toggle::before{content:"▸ ";color:var(--muted)}button.toggle[aria-expanded=true]::before{content:"▾ "}
tr.details td{background:var(--panel)}tr.details ul{margin:.2rem 0 .4rem;padding-left:1.2rem}
:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
body:not(.scripted) #workload-filters,body:not(.scripted) #workload-pages{display:none}
footer{margin-top:2.5rem;font-size:.85rem;color:var(--muted)}
@media print{:root{--bg:#fff;--fg:#000;--panel:#fff}body{max-width:none;padding:0}.controls,#workload-filters,#workload-pages,noscript{display:none!important}section{break-inside:avoid-page}table.data{font-size:.8rem}.tile,svg,.badge,.meter span{print-color-adjust:exact;-webkit-print-color-adjust:exact}a{color:inherit}}
`.trim();
