/* bimquant HTML report: tables, charts and the 3D view, from the JSON block #bq-data.
   Text from the model only ever goes into the page as textContent, never as HTML. */
(async function () {
  "use strict";
  // the data block: base64 of gzip([JSON length][JSON][typed arrays]), see bimquant.report.html.pack
  const packed = document.getElementById("bq-data").textContent.trim();
  const bin = atob(packed);
  const zipped = new Uint8Array(bin.length);
  for (let k = 0; k < bin.length; k++) zipped[k] = bin.charCodeAt(k);
  let whole;
  try {
    whole = await new Response(new Blob([zipped]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  } catch (err) {
    document.body.prepend(Object.assign(document.createElement("p"), { textContent: document.getElementById("bq-data").dataset.tooOld }));
    throw err;
  }
  const size = new DataView(whole).getUint32(0, true);
  const D = JSON.parse(new TextDecoder().decode(new Uint8Array(whole, 4, size)));
  const TYPES = { u2: Uint16Array, u4: Uint32Array, f4: Float32Array };
  const arrayOf = (name) => {
    const [offset, length, kind] = D.arrays[name];
    const Type = TYPES[kind];
    return new Type(whole, 4 + size + offset, length / Type.BYTES_PER_ELEMENT);
  };
  const FR = D.language === "fr";
  // the page's words, in the report's language: bimquant.messages, section "viewer"
  const T = D.words;
  const COLON = T.colon;
  T.highlighted = (n) => ((FR ? n <= 1 : n === 1) ? T.highlighted_one : T.highlighted_many).replace("{n}", String(n));
  const LOCALE = FR ? "fr-FR" : "en-GB";
  const CUR = D.currency || "EUR";
  const E = D.elements;
  const N = E.global_id.length;

  // ---------- helpers ----------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
      else if (k === "style") node.style.cssText = v;
      else node.setAttribute(k, v);
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null) continue;
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    }
    return node;
  }
  const nf = (digits) => new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const F2 = nf(2), F0 = nf(0), F3 = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 3 });
  const num = (v, f = F2) => (v === null || v === undefined || Number.isNaN(v) ? "" : f.format(v));
  const money = (v) => (v === null || v === undefined ? "" : F2.format(v) + " " + (CUR === "EUR" ? "€" : CUR));
  const pct = (v) => (v === null || v === undefined ? "" : new Intl.NumberFormat(LOCALE, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v));
  const plain = (t) => t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const storeyLabel = (s) => s || T.no_storey;
  const fill = (node, ...children) => node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
  const text = (list, i) => (i === undefined || i < 0 ? "" : list[i]);

  // ---------- who feeds what ----------
  const feedsOf = Array.from({ length: N }, () => []);
  const elementsOfItem = D.items.map(() => new Set());
  for (const f of D.feeds) {
    feedsOf[f[0]].push(f);
    elementsOfItem[f[1]].add(f[0]);
  }
  const itemsOfLot = new Map();
  D.items.forEach((item, i) => {
    if (!itemsOfLot.has(item.lot)) itemsOfLot.set(item.lot, []);
    itemsOfLot.get(item.lot).push(i);
  });
  const statusName = (i) => E.statuses[E.status[i]];

  // ---------- header, summary, warnings ----------
  const H = D.header;
  document.getElementById("header").append(
    el("h1", {}, H.title || H.file),
    el("div", { class: "facts" },
      el("span", {}, T.model + COLON, el("b", {}, H.file)),
      el("span", {}, T.schema + COLON, el("b", {}, H.schema || "")),
      el("span", {}, T.created + COLON, el("b", {}, H.created || "")),
      el("span", { title: H.sha256 }, T.sha + COLON, el("b", {}, (H.sha256 || "").slice(0, 16) + "…")),
      el("span", {}, T.version + " ", el("b", {}, H.version || "")),
      el("span", {}, T.rules + COLON, el("b", {}, H.ruleset || "")),
      el("span", {}, T.prices + COLON, el("b", {}, H.prices ? String(H.prices).split("/").pop() : T.no_prices)),
    ),
  );
  const S = D.summary, TOT = S.totals || {}, COV = S.coverage || {}, RAT = S.ratios || {};
  const card = (label, value, note) => el("div", { class: "card" }, el("div", { class: "label" }, label), el("div", { class: "value" }, value), note ? el("div", { class: "note" }, note) : null);
  const PRICED = !!H.prices;
  const amount = (v) => (PRICED ? money(v) : "—");
  const CLIENT = D.summary.client_totals || {};
  const floorNote = RAT.floor_area_m2 ? `${RAT.floor_area_basis === "spaces" ? T.floor_spaces : T.floor_slabs}${COLON}${num(RAT.floor_area_m2)} m²` : null;
  const clientNote = PRICED && CLIENT.total_excl_vat !== undefined && CLIENT.total_excl_vat !== TOT.total_excl_vat ? `${T.dpgf_client}${COLON}${money(CLIENT.total_excl_vat)}` : null;
  fill(document.getElementById("summary"),
    card(T.direct, amount(TOT.direct_cost), PRICED ? null : T.no_prices),
    card(T.excl, amount(TOT.total_excl_vat), PRICED && TOT.unpriced_items ? `${TOT.unpriced_items} ${T.unpriced}` : PRICED && TOT.complete === false ? T.incomplete : clientNote),
    card(T.incl, amount(TOT.total_incl_vat)),
    PRICED && RAT.cost_per_m2_excl_vat ? card(T.per_m2, money(RAT.cost_per_m2_excl_vat), floorNote) : null,
    card(T.measured, F0.format(S.measured), `${T.failed_el}${COLON}${S.failed} · ${T.excluded}${COLON}${S.excluded}`),
    card(T.counted, `${F0.format(COV.elements_priced || 0)} / ${F0.format(COV.building_elements || 0)}`,
      [COV.not_building_work ? `${F0.format(COV.not_building_work)} ${T.not_building}` : null, COV.volume_share !== undefined ? `${pct(COV.volume_share)} ${T.share}` : null].filter(Boolean).join(" · ")),
    card(T.statuses.priced_once, F0.format(COV.priced_once || 0)),
    card(T.statuses.double_counted, F0.format(COV.double_counted || 0)),
    card(T.statuses.not_priced, F0.format(COV.not_priced || 0)),
    COV.geometry_failed ? card(T.statuses.geometry_failed, F0.format(COV.geometry_failed)) : null,
    COV.value_unknown ? card(T.statuses.value_unknown, F0.format(COV.value_unknown)) : null,
  );
  if (D.warnings.length) {
    const list = el("ul", {}, D.warnings.map((w) => el("li", {}, (T.kinds[w.kind] || w.kind) + COLON + w.text)));
    document.getElementById("warnings").append(el("details", {}, el("summary", {}, `${T.warnings} (${D.warnings.length})`), list));
  }
  document.getElementById("footer").append(T.footer);

  // ---------- colours ----------
  const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6",
    "#d37295", "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d", "#499894", "#fabfd2", "#79706e", "#d4a6c8", "#9d7660"];
  const GREY = "#c8ccd2";
  // twenty hand-picked colours, then hues a golden angle apart: no two items share a colour
  const colourAt = (k) => {
    if (k < PALETTE.length) return PALETTE[k];
    const h = (k * 137.508) % 360, s = 0.55, l = k % 2 ? 0.45 : 0.62;
    const f = (n) => { const a = (n + h / 30) % 12; const c = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(a - 3, 9 - a, 1)); return Math.round(255 * c).toString(16).padStart(2, "0"); };
    return "#" + f(0) + f(8) + f(4);
  };
  const STATUS_COLOURS = { priced_once: "#3a9d4a", double_counted: "#d62728", value_unknown: "#e6c300", not_priced: "#ff8c1a", not_building_work: "#b9bec6", geometry_failed: "#000000", represented_by_parts: "#9fd3a6", represented_by_parent: "#9fd3a6", removed: "#8b1a1a", suspect: "#8e44ad" };
  const DIFF_COLOURS = { unchanged: "#c8ccd2", changed: "#1f77d4", added: "#2ca02c", removed: "#d62728", ambiguous: "#ff8c1a" };
  const lotNames = [...itemsOfLot.keys()];
  const firstItem = new Int32Array(N).fill(-1);
  for (let i = 0; i < N; i++) if (feedsOf[i].length) firstItem[i] = Math.min(...feedsOf[i].map((f) => f[1]));
  function hex(c) { return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)]; }
  function colourOf(i, mode) {
    if (mode === "item") return firstItem[i] < 0 ? GREY : colourAt(firstItem[i]);
    if (mode === "lot") return firstItem[i] < 0 ? GREY : colourAt(lotNames.indexOf(D.items[firstItem[i]].lot));
    if (mode === "diff") return DIFF_COLOURS[text(E.diff_statuses, E.diff_status[i])] || GREY;
    if (E.suspect[i] && statusName(i) !== "double_counted") return STATUS_COLOURS.suspect;
    return STATUS_COLOURS[statusName(i)] || GREY;
  }

  // ---------- selection ----------
  let mode = D.diff ? "diff" : "item";
  let selection = null; // Set of element indices, or null: everything in its colour
  let selectedRow = null;
  const countNode = el("span", { id: "selection-count" }, T.none_selected);
  const listeners = [];
  function select(indices, row) {
    selection = indices === null ? null : new Set(indices);
    if (selectedRow) selectedRow.classList.remove("selected");
    selectedRow = row || null;
    if (selectedRow) selectedRow.classList.add("selected");
    countNode.textContent = selection === null ? T.none_selected : T.highlighted(selection.size);
    listeners.forEach((fn) => fn());
  }
  function selectItem(i, row) { select(elementsOfItem[i], row); }

  // ---------- tables ----------
  function table(id, columns, rows, options = {}) {
    const thead = el("thead", {}, el("tr", {}, columns.map((c) => el("th", { class: c.num ? "num" : "", "data-key": c.key }, c.label))));
    const tbody = el("tbody");
    const node = el("table", { class: "data", id }, thead, tbody);
    if (options.footer) {
      node.appendChild(el("tfoot", {}, el("tr", {}, columns.map((c, k) => {
        const value = options.footer[c.key];
        return el("th", { class: c.num ? "num" : "", "data-key": c.key, "data-value": typeof value === "number" ? String(value) : null }, k === 0 ? T.total : value === undefined ? "" : c.format ? c.format(value, {}) : String(value));
      }))));
    }
    let order = rows.map((_, i) => i);
    function draw() {
      tbody.replaceChildren();
      const filter = plain((options.filterNode && options.filterNode.value.trim()) || "");
      for (const r of order) {
        const row = rows[r];
        const cells = columns.map((c) => {
          const raw = c.value ? c.value(row) : row[c.key];
          const shown = c.format ? c.format(raw, row) : raw;
          const td = el("td", { class: c.num ? "num" : "", "data-key": c.key }, shown instanceof Node ? shown : shown === null || shown === undefined ? "" : String(shown));
          if (raw !== null && raw !== undefined && typeof raw !== "object") td.dataset.value = String(raw);
          return td;
        });
        const tr = el("tr", { class: (options.onClick ? "clickable " : "") + (options.rowClass ? options.rowClass(row) : "") }, cells);
        if (filter && !plain(tr.textContent).includes(filter)) continue;
        if (options.keep && !options.keep(row)) continue;
        if (options.onClick) tr.addEventListener("click", () => options.onClick(row, r, tr));
        tbody.appendChild(tr);
      }
    }
    thead.querySelectorAll("th").forEach((th, k) => th.addEventListener("click", () => {
      const c = columns[k];
      const asc = !th.classList.contains("sorted-asc");
      thead.querySelectorAll("th").forEach((h) => h.classList.remove("sorted-asc", "sorted-desc"));
      th.classList.add(asc ? "sorted-asc" : "sorted-desc");
      const key = (r) => { const v = c.value ? c.value(rows[r]) : rows[r][c.key]; return v === null || v === undefined ? (c.num ? -Infinity : "") : v; };
      order = rows.map((_, i) => i).sort((a, b) => {
        const x = key(a), y = key(b);
        const cmp = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), LOCALE, { numeric: true });
        return asc ? cmp : -cmp;
      });
      draw();
    }));
    if (options.filterNode) options.filterNode.addEventListener("input", draw);
    if (options.redraw) options.redraw.addEventListener("change", draw);
    draw();
    return node;
  }
  const tables = document.getElementById("tables");
  function section(title, ...content) { tables.append(el("h2", {}, title), ...content); }

  // work items
  const itemFilter = el("input", { type: "search", class: "filter", placeholder: T.filter, id: "items-filter" });
  const showZero = el("input", { type: "checkbox", id: "show-zero" });
  const itemRows = D.items.map((item, i) => ({ ...item, index: i, n: D.item_elements[i] }));
  const sum = (rows, key) => Math.round(rows.reduce((a, r) => a + (r[key] || 0), 0) * 100) / 100;
  section(T.items, el("div", {}, itemFilter, " ", el("label", {}, showZero, " ", T.show_zero)), el("div", { class: "scroll" }, table("items-table", [
    { key: "code", label: T.code },
    { key: "lot", label: T.lot },
    { key: "label", label: T.label },
    { key: "unit", label: T.unit },
    { key: "quantity", label: T.quantity, num: true, format: (v) => num(v) },
    { key: "unit_price", label: T.unit_price, num: true, format: (v) => money(v) },
    { key: "amount", label: T.amount, num: true, format: (v, row) => (row.priced === false ? T.unpriced : money(v)) },
    { key: "sale_unit_price", label: T.sale_unit_price, num: true, format: (v) => money(v) },
    { key: "sale_amount", label: T.sale_amount, num: true, format: (v, row) => (row.priced === false ? T.unpriced : money(v)) },
    { key: "n", label: T.elements, num: true, format: (v) => F0.format(v) },
  ], itemRows, {
    filterNode: itemFilter, redraw: showZero, keep: (row) => showZero.checked || row.quantity !== 0,
    onClick: (row, _, tr) => selectItem(row.index, tr), rowClass: (row) => (row.priced ? "" : "unpriced"),
    footer: PRICED ? { amount: sum(D.items, "amount"), sale_amount: sum(D.items, "sale_amount") } : {},
  })));

  // lots
  const maxShare = Math.max(0.0001, ...D.lots.map((l) => l.share || 0));
  const elementsOfLot = (lot) => [...new Set((itemsOfLot.get(lot) || []).flatMap((i) => [...elementsOfItem[i]]))];
  section(T.lots, el("div", { class: "scroll" }, table("lots-table", [
    { key: "lot", label: T.lot },
    { key: "amount", label: T.amount, num: true, format: (v) => money(v) },
    { key: "share", label: T.share_col, num: true, format: (v) => el("span", {}, el("span", { class: "bar", style: `width:${Math.round(80 * (v || 0) / maxShare)}px` }), " ", pct(v)) },
    { key: "items", label: T.items_n, num: true },
    { key: "unpriced_items", label: T.unpriced_n, num: true },
  ], D.lots, {
    onClick: (row, _, tr) => select(elementsOfLot(row.lot), tr),
    footer: PRICED ? { amount: sum(D.lots, "amount"), items: D.lots.reduce((a, l) => a + (l.items || 0), 0), unpriced_items: D.lots.reduce((a, l) => a + (l.unpriced_items || 0), 0) } : {},
  })));

  // by storey: amounts from the items' quantities per storey at their unit price
  const priceOf = new Map(D.items.map((item) => [item.code, item.priced ? item.unit_price : null]));
  const storeyNames = [...new Set([...(D.storey_order || []), ...D.by_storey.map((r) => r.storey)])];
  const storeyRows = storeyNames.map((storey) => {
    let amount = 0;
    for (const r of D.by_storey) if (r.storey === storey && priceOf.get(r.code) !== null && priceOf.get(r.code) !== undefined) amount += (r.quantity || 0) * priceOf.get(r.code);
    const members = [];
    for (let i = 0; i < N; i++) if (E.storeys[E.storey[i]] === storey) members.push(i);
    return { storey, amount: Math.round(amount * 100) / 100, n: members.length, members };
  });
  const storeySum = Math.round(storeyRows.reduce((s, r) => s + r.amount, 0) * 100) / 100;
  const gap = Math.round(((TOT.direct_cost || 0) - storeySum) * 100) / 100;
  if (PRICED && gap !== 0) storeyRows.push({ storey: T.rounding, amount: gap, n: null, members: [], rounding: true });
  const storeyTotal = TOT.direct_cost || storeySum || 1;
  section(T.storeys, el("div", { class: "scroll" }, table("storeys-table", [
    { key: "storey", label: T.storey, format: (v, row) => (row.rounding ? v : storeyLabel(v)) },
    { key: "amount", label: T.amount, num: true, format: (v) => amount(v) },
    { key: "share", label: T.share_col, num: true, value: (row) => (row.rounding ? null : row.amount / storeyTotal), format: (v) => (PRICED ? pct(v) : "") },
    { key: "n", label: T.elements, num: true },
  ], storeyRows, {
    onClick: (row, _, tr) => select(row.members, tr),
    footer: PRICED ? { amount: Math.round(storeyRows.reduce((s, r) => s + r.amount, 0) * 100) / 100, n: storeyRows.reduce((s, r) => s + r.n, 0) } : {},
  })));

  // charts
  function bars(title, labels, values, format) {
    const width = 520, rowH = 20, left = 210, height = labels.length * rowH + 10;
    const max = Math.max(1e-9, ...values.map((v) => Math.abs(v)));
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", "100%");
    labels.forEach((label, k) => {
      const y = 5 + k * rowH;
      const t = document.createElementNS(NS, "text");
      t.setAttribute("x", left - 6); t.setAttribute("y", y + 13); t.setAttribute("text-anchor", "end");
      t.textContent = label.length > 34 ? label.slice(0, 33) + "…" : label;
      const r = document.createElementNS(NS, "rect");
      r.setAttribute("x", left); r.setAttribute("y", y + 3); r.setAttribute("height", rowH - 6);
      r.setAttribute("width", Math.max(0, (width - left - 110) * Math.abs(values[k]) / max));
      r.setAttribute("fill", colourAt(k));
      const v = document.createElementNS(NS, "text");
      v.setAttribute("x", left + 4 + (width - left - 110) * Math.abs(values[k]) / max); v.setAttribute("y", y + 13);
      v.textContent = format(values[k]);
      const tip = document.createElementNS(NS, "title"); tip.textContent = label;
      t.appendChild(tip);
      svg.append(t, r, v);
    });
    return el("div", { class: "chart" }, el("h3", {}, title), svg);
  }
  const qtyChart = el("div", { class: "chart" });
  const itemChoice = el("select", { id: "storey-item" }, D.items.map((item, i) => el("option", { value: String(i) }, `${item.code} ${item.label} (${item.unit})`)));
  function drawQuantities() {
    const item = D.items[Number(itemChoice.value)];
    if (!item) return;
    const rows = storeyNames.map((s) => D.by_storey.filter((r) => r.code === item.code && r.storey === s).reduce((a, r) => a + (r.quantity || 0), 0));
    const chart = bars(`${T.qty_by_storey} ${item.code} (${item.unit})`, storeyNames.map(storeyLabel), rows, (v) => `${num(v)} ${item.unit}`);
    fill(qtyChart, itemChoice, ...chart.childNodes);
  }
  itemChoice.addEventListener("change", drawQuantities);
  const firstWithStoreys = D.items.findIndex((item) => item.quantity > 0);
  if (firstWithStoreys >= 0) itemChoice.value = String(firstWithStoreys);
  section(T.charts, el("div", { class: "charts" },
    bars(T.cost_by_lot, D.lots.map((l) => l.lot), D.lots.map((l) => l.amount || 0), money),
    bars(T.cost_by_storey, storeyRows.filter((r) => !r.rounding).map((r) => storeyLabel(r.storey)), storeyRows.filter((r) => !r.rounding).map((r) => r.amount), money),
    qtyChart));
  drawQuantities();

  // the works schedule: a Gantt (a bar selects its task's elements) and the manpower per week
  if (D.plan) {
    const P = D.plan, NS = "http://www.w3.org/2000/svg";
    const day = (text) => Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10)) / 86400000;
    const first = day(P.info.start), last = day(P.info.finish) + 1, span = Math.max(1, last - first);
    const svgOf = (width, height) => {
      const svg = document.createElementNS(NS, "svg");
      svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
      svg.setAttribute("width", "100%");
      return svg;
    };
    const node = (tag, attributes, text) => {
      const n = document.createElementNS(NS, tag);
      Object.entries(attributes).forEach(([k, v]) => n.setAttribute(k, String(v)));
      if (text !== undefined) n.textContent = text;
      return n;
    };
    const width = 1200, left = 420, rowH = 16, top = 46, x = (d) => left + (width - left - 10) * (d - first) / span;
    const gantt = svgOf(width, top + P.tasks.length * rowH + 10);
    for (let d = first; d <= last; d++) {  // a tick on each Monday (1 Jan 1970 was a Thursday)
      if (((d % 7) + 7) % 7 !== 4) continue;
      gantt.append(node("line", { x1: x(d), x2: x(d), y1: top - 4, y2: top + P.tasks.length * rowH, stroke: "#e4e4e4" }));
    }
    P.milestones.forEach((m, k) => {
      const at = x(day(m.date));
      gantt.append(node("line", { x1: at, x2: at, y1: 4, y2: top + P.tasks.length * rowH, stroke: "#888", "stroke-dasharray": "3 3" }));
      const near = at > width - 160;  // a label near the right edge ends at its line
      gantt.append(node("text", { x: near ? at - 2 : at + 2, y: 10 + 11 * (k % 3), "text-anchor": near ? "end" : "start" }, `${m.name} ${m.date}`));
    });
    P.tasks.forEach((t, k) => {
      const y = top + k * rowH;
      const label = `${t.task} ${t.code} ${t.label}${t.location ? " (" + t.location + ")" : ""}`;
      const text = node("text", { x: left - 6, y: y + 11, "text-anchor": "end" }, label.length > 70 ? label.slice(0, 69) + "…" : label);
      const bar = node("rect", { x: x(day(t.start)), y: y + 2, height: rowH - 4, width: Math.max(2, x(day(t.finish) + 1) - x(day(t.start))), fill: t.critical ? "#c0392b" : "#4f81bd", cursor: "pointer" });
      bar.append(node("title", {}, `${label}\n${t.start} → ${t.finish}, ${t.duration_days} d, ${t.workers}`));
      bar.addEventListener("click", () => select(t.members, null));
      gantt.append(text, bar);
    });
    const histogram = svgOf(width, Math.max(170, 20 + 13 * P.lots.length));
    const weekW = (width - left - 10) * 7 / span, peak = Math.max(1, ...P.manpower.map((w) => w.lots.reduce((a, b) => a + b, 0)));
    P.manpower.forEach((w) => {
      let base = 150;
      w.lots.forEach((n, k) => {
        const h = 130 * n / peak;
        if (h > 0) {
          const r = node("rect", { x: x(day(w.monday)), y: base - h, width: Math.max(1, weekW - 1), height: h, fill: colourAt(k) });
          r.append(node("title", {}, `${w.week} ${P.lots[k]}: ${num(n)}`));
          histogram.append(r);
        }
        base -= h;
      });
    });
    histogram.append(node("text", { x: left - 6, y: 24, "text-anchor": "end" }, `${num(peak)}`));
    histogram.append(node("text", { x: left - 6, y: 150, "text-anchor": "end" }, "0"));
    P.lots.forEach((lot, k) => {  // the legend: a square in the lot's colour, its name
      histogram.append(node("rect", { x: 4, y: 6 + 13 * k, width: 9, height: 9, fill: colourAt(k) }));
      histogram.append(node("text", { x: 18, y: 14 + 13 * k }, lot.length > 60 ? lot.slice(0, 59) + "…" : lot));
    });
    const said = T.plan_period.replace("{start}", P.info.start).replace("{finish}", P.info.finish)
      .replace("{days}", String(P.info.working_days)).replace("{peak}", String(P.info.peak_workers));
    section(T.plan, el("p", {}, said), el("p", {}, T.gantt_hint),
      el("div", { class: "chart wide", id: "gantt" }, gantt), el("div", { class: "chart wide", id: "manpower" }, el("h3", {}, T.manpower), histogram));
  }

  // elements to check: counted twice, counted without price, failed, authored value suspect
  const check = [];
  for (let i = 0; i < N; i++) {
    const s = statusName(i);
    if (s === "double_counted" || s === "not_priced" || s === "value_unknown" || s === "geometry_failed" || E.suspect[i]) check.push(i);
  }
  if (check.length) {
    section(T.not_counted, el("div", { class: "scroll" }, table("check-table", [
      { key: "gid", label: T.gid },
      { key: "cls", label: T.cls },
      { key: "name", label: T.name },
      { key: "storey", label: T.storey },
      { key: "status", label: T.status },
      { key: "reason", label: T.reason },
    ], check.map((i) => ({
      i, gid: E.global_id[i], cls: E.classes[E.ifc_class[i]], name: E.names[E.name[i]], storey: storeyLabel(E.storeys[E.storey[i]]),
      status: T.statuses[statusName(i)] + (E.suspect[i] ? " · " + T.statuses.suspect : ""), reason: E.reason[i] || E.suspect[i] || "",
    })), { onClick: (row, _, tr) => { select([row.i], tr); showElement(row.i); } })));
  }

  // revision
  if (D.diff) {
    const DT = D.diff.totals || {};
    section(`${T.diff} · ${T.diff_against} ${D.diff.old_file}`,
      el("div", { class: "cards" }, card(T.plus, money(DT.plus_value)), card(T.minus, money(DT.minus_value)), card(T.diff_total, money(DT.total_excl_vat))),
      el("div", { class: "scroll" }, table("diff-table", [
        { key: "code", label: T.code }, { key: "label", label: T.label }, { key: "unit", label: T.unit },
        { key: "old_quantity", label: T.old_q, num: true, format: (v) => num(v) },
        { key: "new_quantity", label: T.new_q, num: true, format: (v) => num(v) },
        { key: "delta_quantity", label: T.delta_q, num: true, format: (v) => num(v) },
        { key: "delta_amount", label: T.delta_amount, num: true, format: (v) => money(v) },
      ], D.diff.items)));
  }

  // ---------- element panel (as `bimquant explain` tells it) ----------
  const panel = document.getElementById("panel");
  panel.append(el("p", {}, T.click_hint));
  function showElement(i) {
    const rows = Object.entries(D.quantities).filter(([, values]) => values[i] !== null && values[i] !== undefined)
      .map(([column, values]) => el("tr", {}, el("td", {}, D.quantity_headers[column] || column), el("td", { class: "num" }, num(values[i], F3))));
    const feeds = feedsOf[i].map((f) => {
      const item = D.items[f[1]];
      return el("tr", {}, el("td", {}, item.code), el("td", {}, item.label), el("td", { class: "num" }, `${num(f[2], F3)} ${item.unit}`), el("td", {}, D.formulas[f[3]] || ""), el("td", {}, f[4] || ""));
    });
    fill(panel,
      el("h3", {}, `${E.classes[E.ifc_class[i]]} · ${E.names[E.name[i]]}`),
      el("div", { class: "gid", id: "panel-gid" }, E.global_id[i]),
      el("div", {}, `${T.storey}${COLON}${storeyLabel(E.storeys[E.storey[i]])}`),
      el("div", {}, `${T.status}${COLON}${T.statuses[statusName(i)]}` + (E.diff_status[i] >= 0 ? ` · ${T.diff}${COLON}${T.diff_statuses[E.diff_statuses[E.diff_status[i]]]}` : "")),
      E.suspect[i] ? el("div", {}, `${T.suspect}${COLON}${E.suspect[i]}`) : null,
      E.reason[i] ? el("div", {}, `${T.reason}${COLON}${E.reason[i]}`) : null,
      el("h3", {}, T.quantities),
      rows.length ? el("table", { class: "data" }, el("tbody", {}, rows)) : el("p", {}, "—"),
      el("h3", {}, T.feeds),
      feeds.length ? el("table", { class: "data", id: "panel-feeds" }, el("thead", {}, el("tr", {}, [T.code, T.label, T.contribution, T.formula, T.values].map((h) => el("th", {}, h)))), el("tbody", {}, feeds)) : el("p", {}, T.feeds_none),
    );
  }

  // ---------- toolbar and legend ----------
  const modeChoice = el("select", { id: "colour-mode" },
    el("option", { value: "item" }, T.by_item), el("option", { value: "lot" }, T.by_lot), el("option", { value: "status" }, T.by_status),
    D.diff ? el("option", { value: "diff" }, T.by_diff) : null);
  modeChoice.value = mode;
  const fitButton = el("button", { type: "button", id: "fit" }, T.fit);
  const clearButton = el("button", { type: "button", id: "clear" }, T.clear);
  document.getElementById("toolbar").append(el("label", { for: "colour-mode" }, T.colour_by), modeChoice, clearButton, fitButton, countNode);
  const legend = document.getElementById("legend");
  function drawLegend() {
    const entries = [];
    const count = (pred) => { let n = 0; for (let i = 0; i < N; i++) if (pred(i)) n++; return n; };
    if (mode === "item") {
      D.items.forEach((item, i) => { if (elementsOfItem[i].size) entries.push([colourAt(i), `${item.code} ${item.label}`, elementsOfItem[i].size, () => selectItem(i)]); });
      entries.push([GREY, T.none, count((i) => firstItem[i] < 0), () => select([...Array(N).keys()].filter((i) => firstItem[i] < 0))]);
    } else if (mode === "lot") {
      lotNames.forEach((lot, k) => entries.push([colourAt(k), lot, elementsOfLot(lot).length, () => select(elementsOfLot(lot))]));
      entries.push([GREY, T.none, count((i) => firstItem[i] < 0), () => select([...Array(N).keys()].filter((i) => firstItem[i] < 0))]);
    } else if (mode === "diff") {
      E.diff_statuses.forEach((s, k) => entries.push([DIFF_COLOURS[s], T.diff_statuses[s], count((i) => E.diff_status[i] === k), () => select([...Array(N).keys()].filter((i) => E.diff_status[i] === k))]));
    } else {
      E.statuses.forEach((s, k) => {
        const n = count((i) => E.status[i] === k);
        const label = T.statuses[s] + (s === "geometry_failed" ? ` (${T.no_mesh})` : "");
        entries.push([STATUS_COLOURS[s], label, n, () => select([...Array(N).keys()].filter((i) => E.status[i] === k))]);
      });
      entries.push([STATUS_COLOURS.suspect, T.statuses.suspect, count((i) => !!E.suspect[i]), () => select([...Array(N).keys()].filter((i) => E.suspect[i]))]);
    }
    fill(legend, ...entries.filter((e) => e[2] > 0).map(([colour, label, n, onClick]) => el("span", { class: "entry", on: onClick ? { click: onClick } : {} }, el("span", { class: "swatch", style: `background:${colour}` }), `${label} (${F0.format(n)})`)),
      mode === "item" || mode === "lot" ? el("span", { class: "note" }, "· " + T.first_item) : null);
  }
  modeChoice.addEventListener("change", () => { mode = modeChoice.value; drawLegend(); listeners.forEach((fn) => fn()); });
  clearButton.addEventListener("click", () => select(null));
  drawLegend();

  // ---------- 3D ----------
  const api = { ready: false, drawn: 0, highlighted: () => (selection === null ? 0 : [...selection].filter((i) => hasMesh[i]).length), selected: () => (selection === null ? 0 : selection.size), selectItem: (i) => selectItem(i) };
  window.bimquant = api;
  const hasMesh = new Uint8Array(N);
  const canvas = document.getElementById("canvas");
  let renderer;
  try {
    renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  } catch (err) {
    renderer = null;
  }
  if (!renderer) {
    const note = document.getElementById("no-webgl");
    note.hidden = false;
    note.textContent = T.no_webgl;
    api.ready = true;
    return;
  }
  const counts = arrayOf("body_counts"), scales = arrayOf("body_scales");
  const qpos = arrayOf("positions"), qidx = arrayOf("indices");
  const instElement = arrayOf("instance_element"), instBody = arrayOf("instance_body"), instOffset = arrayOf("instance_offset");
  const bodies = counts.length / 2;
  const vStart = new Uint32Array(bodies + 1), tStart = new Uint32Array(bodies + 1);
  for (let b = 0; b < bodies; b++) { vStart[b + 1] = vStart[b] + counts[2 * b]; tStart[b + 1] = tStart[b] + counts[2 * b + 1]; }
  // merged chunks of up to a million vertices: a handful of draw calls for any model
  const LIMIT = 1 << 20;
  const chunks = [];
  let current = null;
  const elChunk = new Int32Array(N).fill(-1), elStart = new Uint32Array(N), elCount = new Uint32Array(N);
  const elTStart = new Uint32Array(N), elTCount = new Uint32Array(N);
  for (let k = 0; k < instElement.length; k++) {
    const b = instBody[k], nv = counts[2 * b], nt = counts[2 * b + 1];
    if (!current || current.nv + nv > LIMIT) { current = { nv: 0, nt: 0, instances: [] }; chunks.push(current); }
    current.instances.push(k); current.nv += nv; current.nt += nt;
  }
  const scene = new THREE.Scene();
  scene.background = new THREE.Color("#eef1f5");
  const box = new THREE.Box3();
  const meshes = [];
  chunks.forEach((chunk, c) => {
    const positions = new Float32Array(chunk.nv * 3), index = new Uint32Array(chunk.nt * 3), colours = new Uint8Array(chunk.nv * 3), faceElement = new Uint32Array(chunk.nt);
    let v = 0, t = 0;
    for (const k of chunk.instances) {
      const b = instBody[k], e = instElement[k];
      const sx = scales[3 * b], sy = scales[3 * b + 1], sz = scales[3 * b + 2];
      const ox = instOffset[3 * k], oy = instOffset[3 * k + 1], oz = instOffset[3 * k + 2];
      elChunk[e] = c; elStart[e] = v; elCount[e] = counts[2 * b]; hasMesh[e] = 1;
      for (let q = vStart[b]; q < vStart[b + 1]; q++, v++) {
        positions[3 * v] = qpos[3 * q] * sx + ox; positions[3 * v + 1] = qpos[3 * q + 1] * sy + oy; positions[3 * v + 2] = qpos[3 * q + 2] * sz + oz;
      }
      const base = elStart[e];
      elTStart[e] = t; elTCount[e] = counts[2 * b + 1];
      for (let q = tStart[b]; q < tStart[b + 1]; q++, t++) {
        index[3 * t] = base + qidx[3 * q]; index[3 * t + 1] = base + qidx[3 * q + 1]; index[3 * t + 2] = base + qidx[3 * q + 2];
        faceElement[t] = e;
      }
    }
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute("position", new THREE.BufferAttribute(positions, 3));
    geometry.setAttribute("color", new THREE.BufferAttribute(colours, 3, true));
    geometry.setIndex(new THREE.BufferAttribute(index, 1));
    geometry.computeBoundingBox();
    geometry.computeBoundingSphere();
    box.union(geometry.boundingBox);
    const material = new THREE.MeshLambertMaterial({ vertexColors: true, flatShading: true, side: THREE.DoubleSide });
    const mesh = new THREE.Mesh(geometry, material);
    mesh.userData.faceElement = faceElement;
    meshes.push(mesh);
    scene.add(mesh);
  });
  api.drawn = hasMesh.reduce((a, b) => a + b, 0);
  // what is highlighted is drawn again over everything (x-ray): a door inside the building,
  // a removed wall, stay visible through the walls around them
  const overlay = new THREE.Scene();
  let overlayMeshes = [];
  for (const target of [scene, overlay]) {
    target.add(new THREE.AmbientLight(0xffffff, 1.4));
    const sun = new THREE.DirectionalLight(0xffffff, 1.9); sun.position.set(0.6, -1.0, 1.4); target.add(sun);
    const fillLight = new THREE.DirectionalLight(0xffffff, 0.6); fillLight.position.set(-1, 0.8, -0.4); target.add(fillLight);
  }
  const overlayMaterial = new THREE.MeshLambertMaterial({ vertexColors: true, flatShading: true, side: THREE.DoubleSide });
  function setOverlay(indices) {
    overlayMeshes.forEach((m) => { overlay.remove(m); m.geometry.dispose(); });
    overlayMeshes = [];
    if (!indices) return;
    const perChunk = meshes.map(() => []);
    for (const i of indices) if (elChunk[i] >= 0) perChunk[elChunk[i]].push(i);
    perChunk.forEach((members, c) => {
      if (!members.length) return;
      const source = meshes[c].geometry, from = source.index.array;
      const triangles = members.reduce((a, i) => a + elTCount[i], 0);
      const index = new Uint32Array(triangles * 3), faceElement = new Uint32Array(triangles);
      let t = 0;
      for (const i of members) {
        index.set(from.subarray(3 * elTStart[i], 3 * (elTStart[i] + elTCount[i])), 3 * t);
        faceElement.fill(i, t, t + elTCount[i]);
        t += elTCount[i];
      }
      const geometry = new THREE.BufferGeometry();
      geometry.setAttribute("position", source.attributes.position);
      geometry.setAttribute("color", source.attributes.color);
      geometry.setIndex(new THREE.BufferAttribute(index, 1));
      geometry.boundingSphere = source.boundingSphere;
      geometry.boundingBox = source.boundingBox;
      const mesh = new THREE.Mesh(geometry, overlayMaterial);
      mesh.userData.faceElement = faceElement;
      overlayMeshes.push(mesh);
      overlay.add(mesh);
    });
  }
  const camera = new THREE.PerspectiveCamera(45, 1, 0.05, 1e6);
  camera.up.set(0, 0, 1);
  const controls = new THREE.OrbitControls(camera, canvas);
  function fit(target) {
    const b = target && !target.isEmpty() ? target : box;
    if (b.isEmpty()) { camera.position.set(10, -10, 10); controls.target.set(0, 0, 0); controls.update(); return; }
    const sphere = b.getBoundingSphere(new THREE.Sphere());
    const r = Math.max(sphere.radius, 0.5);
    const d = r / Math.sin((camera.fov * Math.PI) / 360) * 1.05;
    const dir = new THREE.Vector3(0.75, -1.0, 0.65).normalize();
    camera.position.copy(sphere.center).addScaledVector(dir, d);
    camera.near = Math.max(d / 1000, 0.01); camera.far = d * 20; camera.updateProjectionMatrix();
    controls.target.copy(sphere.center);
    controls.update();
  }
  // sRGB colours to the linear values three.js expects in vertex colours
  const linear = new Uint8Array(256).map((_, c) => { const s = c / 255; return Math.round(255 * (s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4))); });
  function paint() {
    const cache = new Map();
    const rgb = (c) => { if (!cache.has(c)) cache.set(c, hex(c).map((x) => linear[x])); return cache.get(c); };
    const pale = (c) => { const [r, g, b] = hex(c); return "#" + [r, g, b].map((x) => Math.round(x * 0.25 + 232 * 0.75).toString(16).padStart(2, "0")).join(""); };
    for (let i = 0; i < N; i++) {
      if (elChunk[i] < 0) continue;
      let colour = colourOf(i, mode);
      if (selection !== null) colour = selection.has(i) ? "#ffb000" : pale(colour);
      else if (mode === "diff" && E.diff_statuses[E.diff_status[i]] === "unchanged") colour = pale(colour);
      const [r, g, b] = rgb(colour);
      const colours = meshes[elChunk[i]].geometry.attributes.color.array;
      for (let v = elStart[i], end = elStart[i] + elCount[i]; v < end; v++) { colours[3 * v] = r; colours[3 * v + 1] = g; colours[3 * v + 2] = b; }
    }
    for (const mesh of meshes) mesh.geometry.attributes.color.needsUpdate = true;
    if (selection !== null) setOverlay(selection);
    else if (mode === "diff") setOverlay([...Array(N).keys()].filter((i) => E.diff_status[i] >= 0 && E.diff_statuses[E.diff_status[i]] !== "unchanged"));
    else setOverlay(null);
    render();
  }
  renderer.autoClear = false;
  renderer.setClearColor(0xeef1f5, 1);
  function render() {
    renderer.clear();
    renderer.render(scene, camera);
    if (overlayMeshes.length) {
      renderer.clearDepth();
      renderer.render(overlay, camera);
    }
  }
  function resize() {
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (!w || !h) return;
    renderer.setPixelRatio(window.devicePixelRatio || 1);
    renderer.setSize(w, h, false);
    camera.aspect = w / h; camera.updateProjectionMatrix();
    render();
  }
  controls.addEventListener("change", render);
  new ResizeObserver(resize).observe(canvas);
  listeners.push(paint);
  // a click (not a drag) on the view: the element under the pointer
  const raycaster = new THREE.Raycaster();
  let down = null;
  canvas.addEventListener("pointerdown", (ev) => { down = [ev.clientX, ev.clientY]; });
  canvas.addEventListener("pointerup", (ev) => {
    if (!down || Math.hypot(ev.clientX - down[0], ev.clientY - down[1]) > 4 || ev.button !== 0) return;
    const rect = canvas.getBoundingClientRect();
    const pointer = new THREE.Vector2(((ev.clientX - rect.left) / rect.width) * 2 - 1, -((ev.clientY - rect.top) / rect.height) * 2 + 1);
    raycaster.setFromCamera(pointer, camera);
    const hit = raycaster.intersectObjects(overlayMeshes, false)[0] || raycaster.intersectObjects(meshes, false)[0];
    if (!hit) { select(null); return; }
    const i = hit.object.userData.faceElement[hit.faceIndex];
    select([i]);
    showElement(i);
  });
  fitButton.addEventListener("click", () => {
    if (selection === null || !selection.size) { fit(); render(); return; }
    const b = new THREE.Box3(), p = new THREE.Vector3();
    for (const i of selection) {
      if (elChunk[i] < 0) continue;
      const pos = meshes[elChunk[i]].geometry.attributes.position;
      for (let v = elStart[i]; v < elStart[i] + elCount[i]; v++) b.expandByPoint(p.fromBufferAttribute(pos, v));
    }
    fit(b); render();
  });
  api.elementAt = (x, y) => {
    raycaster.setFromCamera(new THREE.Vector2(x, y), camera);
    const hit = raycaster.intersectObjects(meshes, false)[0];
    return hit ? hit.object.userData.faceElement[hit.faceIndex] : -1;
  };
  fit();
  resize();
  paint();
  api.ready = true;
})();
