// Growth Chart: pure rendering. renderGrowthCharts(container, patient, observations) draws one
// hand-written inline SVG chart per measure (height, weight, head circumference against age in
// months) into `container`. No chart library, nothing loaded from the network, no FHIR calls.
"use strict";

(() => {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const LOINC = "http://loinc.org";
  const MS_PER_MONTH = 30.4375 * 24 * 60 * 60 * 1000;

  // ---------------------------------------------------------------------------------------------
  // Reference curves.
  //
  // APPROXIMATION, NOT CLINICAL DATA: these are rounded values read from the published WHO Child
  // Growth Standards percentile tables (3rd, 50th and 97th percentile; length before 24 months,
  // standing height after), sampled at the ages below and joined by straight lines. They are good
  // enough to show a realistic "WHO-like" band in a demo app. They are not the WHO LMS data, are
  // not interpolated the way WHO specifies, and must not be used to assess a real child.
  // When the patient's gender is neither male nor female, the mean of both sexes is drawn.
  // ---------------------------------------------------------------------------------------------
  const REF_AGES = [0, 1, 2, 3, 4, 6, 9, 12, 15, 18, 24, 30, 36, 42, 48, 54, 60];
  const REFERENCE = {
    height: {
      male: {
        p3: [46.3, 51.1, 54.7, 57.6, 60.0, 63.6, 68.0, 71.3, 74.4, 77.2, 81.4, 85.5, 89.1, 92.4, 95.4, 98.4, 101.2],
        p50: [49.9, 54.7, 58.4, 61.4, 63.9, 67.6, 72.0, 75.7, 79.1, 82.3, 87.1, 91.9, 96.1, 99.9, 103.3, 106.7, 110.0],
        p97: [53.4, 58.4, 62.2, 65.3, 67.8, 71.6, 76.2, 80.2, 83.9, 87.3, 92.9, 98.3, 103.1, 107.4, 111.2, 114.9, 118.7],
      },
      female: {
        p3: [45.6, 50.0, 53.2, 55.8, 58.0, 61.5, 65.6, 69.2, 72.4, 75.2, 79.3, 83.6, 87.4, 90.9, 94.1, 97.1, 99.9],
        p50: [49.1, 53.7, 57.1, 59.8, 62.1, 65.7, 70.1, 74.0, 77.5, 80.7, 85.7, 90.7, 95.1, 99.0, 102.7, 106.2, 109.4],
        p97: [52.7, 57.4, 60.9, 63.8, 66.2, 70.0, 74.7, 78.9, 82.7, 86.2, 92.0, 97.7, 102.7, 107.2, 111.3, 115.2, 118.9],
      },
    },
    weight: {
      male: {
        p3: [2.5, 3.4, 4.4, 5.1, 5.6, 6.4, 7.2, 7.8, 8.4, 8.9, 9.8, 10.7, 11.4, 12.2, 12.9, 13.6, 14.3],
        p50: [3.3, 4.5, 5.6, 6.4, 7.0, 7.9, 8.9, 9.6, 10.3, 10.9, 12.2, 13.3, 14.3, 15.3, 16.3, 17.3, 18.3],
        p97: [4.3, 5.7, 7.0, 7.9, 8.6, 9.7, 10.9, 11.8, 12.7, 13.5, 15.1, 16.6, 18.0, 19.4, 20.9, 22.3, 23.8],
      },
      female: {
        p3: [2.4, 3.2, 4.0, 4.6, 5.1, 5.8, 6.6, 7.1, 7.7, 8.2, 9.2, 10.1, 11.0, 11.8, 12.5, 13.2, 14.0],
        p50: [3.2, 4.2, 5.1, 5.8, 6.4, 7.3, 8.2, 8.9, 9.6, 10.2, 11.5, 12.7, 13.9, 15.0, 16.1, 17.2, 18.2],
        p97: [4.2, 5.4, 6.5, 7.4, 8.1, 9.2, 10.4, 11.3, 12.2, 13.0, 14.6, 16.2, 17.8, 19.5, 21.2, 22.9, 24.6],
      },
    },
    head: {
      male: {
        p3: [32.1, 35.1, 36.9, 38.3, 39.4, 41.0, 42.6, 43.5, 44.2, 44.7, 45.5, 46.1, 46.6, 47.0, 47.3, 47.6, 47.9],
        p50: [34.5, 37.3, 39.1, 40.5, 41.6, 43.3, 45.0, 46.1, 46.8, 47.4, 48.3, 48.9, 49.5, 49.9, 50.2, 50.5, 50.7],
        p97: [36.9, 39.5, 41.3, 42.7, 43.9, 45.6, 47.4, 48.6, 49.3, 50.0, 51.0, 51.6, 52.3, 52.7, 53.1, 53.4, 53.6],
      },
      female: {
        p3: [31.7, 34.3, 35.8, 37.1, 38.1, 39.7, 41.2, 42.2, 42.9, 43.5, 44.4, 45.0, 45.5, 45.9, 46.2, 46.5, 46.8],
        p50: [33.9, 36.5, 38.3, 39.5, 40.6, 42.2, 43.8, 44.9, 45.6, 46.2, 47.2, 47.8, 48.3, 48.7, 49.0, 49.3, 49.6],
        p97: [36.1, 38.8, 40.5, 41.9, 43.0, 44.6, 46.3, 47.5, 48.3, 48.9, 49.9, 50.6, 51.1, 51.5, 51.9, 52.2, 52.5],
      },
    },
  };

  // The three measures, in display order. `units` maps UCUM codes (and common unit strings) to
  // the factor that converts a value to the chart's unit.
  const MEASURES = [
    {
      key: "height", code: "8302-2", title: "Height / length", shortTitle: "Height", unit: "cm", axisLabel: "Height (cm)", digits: 1,
      units: { cm: 1, m: 100, mm: 0.1, "[in_i]": 2.54, in: 2.54, "[ft_i]": 30.48 },
    },
    {
      key: "weight", code: "29463-7", title: "Weight", shortTitle: "Weight", unit: "kg", axisLabel: "Weight (kg)", digits: 2,
      units: { kg: 1, g: 0.001, "[lb_av]": 0.45359237, lb: 0.45359237, lbs: 0.45359237, "[oz_av]": 0.028349523 },
    },
    {
      key: "head", code: "9843-4", title: "Head circumference", shortTitle: "Head circ.", unit: "cm", axisLabel: "Head circumference (cm)", digits: 1,
      units: { cm: 1, mm: 0.1, "[in_i]": 2.54, in: 2.54 },
    },
  ];

  // ---------------------------------------------------------------------------------------------
  // Data extraction
  // ---------------------------------------------------------------------------------------------

  function parseDate(value) {
    if (!value) return null;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }

  function effectiveDate(observation) {
    return parseDate(observation.effectiveDateTime)
      || parseDate(observation.effectivePeriod && observation.effectivePeriod.start)
      || parseDate(observation.effectiveInstant)
      || parseDate(observation.issued);
  }

  function measureOf(observation) {
    const codings = (observation.code && observation.code.coding) || [];
    return MEASURES.find((m) => codings.some((c) => c.code === m.code && (!c.system || c.system === LOINC)));
  }

  function valueIn(measure, quantity) {
    if (!quantity || typeof quantity.value !== "number" || !Number.isFinite(quantity.value)) return null;
    const unit = quantity.code || quantity.unit;
    if (!unit) return quantity.value; // assume the chart's unit
    const factor = measure.units[unit] ?? measure.units[String(unit).toLowerCase()];
    return factor === undefined ? null : quantity.value * factor;
  }

  /** Groups plottable observations by measure: { height: [{ age, value, date, id }], ... }. */
  function extractSeries(birthDate, observations) {
    const series = Object.fromEntries(MEASURES.map((m) => [m.key, []]));
    if (!birthDate) return series;
    for (const observation of observations || []) {
      if (!observation || observation.resourceType !== "Observation") continue;
      if (observation.status === "entered-in-error" || observation.status === "cancelled") continue;
      const measure = measureOf(observation);
      const date = effectiveDate(observation);
      if (!measure || !date) continue;
      const value = valueIn(measure, observation.valueQuantity);
      const age = (date - birthDate) / MS_PER_MONTH;
      if (value === null || age < -0.5) continue;
      series[measure.key].push({ age: Math.max(0, age), value, date, id: observation.id });
    }
    for (const points of Object.values(series)) points.sort((a, b) => a.age - b.age);
    return series;
  }

  function referenceFor(key, gender) {
    const table = REFERENCE[key];
    if (gender === "male" || gender === "female") return { ...table[gender], label: gender === "male" ? "boys" : "girls" };
    const mean = (p) => table.male[p].map((v, i) => Math.round(((v + table.female[p][i]) / 2) * 10) / 10);
    return { p3: mean("p3"), p50: mean("p50"), p97: mean("p97"), label: "both sexes" };
  }

  /** The reference value of `series` at `age` months (straight lines between REF_AGES), or null past 60 months. */
  function referenceAt(series, age) {
    if (age < REF_AGES[0] || age > REF_AGES[REF_AGES.length - 1]) return null;
    let i = 1;
    while (REF_AGES[i] < age) i += 1;
    const [a0, a1] = [REF_AGES[i - 1], REF_AGES[i]];
    return series[i - 1] + ((series[i] - series[i - 1]) * (age - a0)) / (a1 - a0);
  }

  /** Where a value falls against the P3/P50/P97 reference at its age, in words. */
  function percentileBand(reference, point, digits) {
    const [p3, p50, p97] = ["p3", "p50", "p97"].map((p) => referenceAt(reference[p], point.age));
    if (p50 === null) return "beyond the 0–60 month reference";
    const value = Number(point.value.toFixed(digits));
    if (value < p3) return "below P3";
    if (value > p97) return "above P97";
    if (value === Number(p50.toFixed(digits))) return "at P50";
    return value < p50 ? "between P3 and P50" : "between P50 and P97";
  }

  /** The chart's text equivalent: the latest value and its percentile band, and where all the values are. */
  function chartSummary(measure, reference, points) {
    const latest = points[points.length - 1];
    if (!latest) return `${measure.title}: no measurements recorded.`;
    return `Latest ${formatNumber(latest.value, measure.digits)} ${measure.unit} at ${latest.age.toFixed(1)} months ` +
      `(${formatDate(latest.date)}), ${percentileBand(reference, latest, measure.digits)} (${reference.label}). ` +
      `${points.length} measurement${points.length === 1 ? "" : "s"}; every value is listed in the Measurements table.`;
  }

  // ---------------------------------------------------------------------------------------------
  // SVG helpers
  // ---------------------------------------------------------------------------------------------

  function svg(name, attributes = {}, parent = null) {
    const element = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    if (parent) parent.appendChild(element);
    return element;
  }

  function svgText(parent, x, y, text, attributes = {}) {
    const element = svg("text", { x, y, ...attributes }, parent);
    element.textContent = text;
    return element;
  }

  function html(name, className, text) {
    const element = document.createElement(name);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  /** A "nice" tick step (1, 2, 2.5 or 5 times a power of ten) giving about `count` ticks. */
  function niceStep(range, count) {
    const raw = range / Math.max(1, count);
    const power = 10 ** Math.floor(Math.log10(raw));
    const fraction = raw / power;
    const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
    return nice * power;
  }

  const round = (value) => Math.round(value * 100) / 100;
  const formatDate = (date) => date.toISOString().slice(0, 10);
  const formatNumber = (value, digits) => Number(value.toFixed(digits)).toString();

  // ---------------------------------------------------------------------------------------------
  // One chart
  // ---------------------------------------------------------------------------------------------

  const WIDTH = 640;
  const HEIGHT = 360;
  const MARGIN = { top: 18, right: 46, bottom: 62, left: 60 };

  function drawChart(measure, reference, points, maxAgeMonths) {
    const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
    const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;

    // x: age in months, at least the 0–60 month reference range, extended in whole years.
    const xMax = Math.max(60, Math.ceil(maxAgeMonths / 12) * 12);
    const xStep = xMax <= 72 ? 6 : 12;

    // y: the reference band plus every patient value, padded and rounded to nice ticks.
    const values = [...reference.p3, ...reference.p97, ...points.map((p) => p.value)];
    const rawMin = Math.min(...values);
    const rawMax = Math.max(...values);
    const yStep = niceStep(rawMax - rawMin, 6);
    const yMin = Math.max(0, Math.floor((rawMin - yStep * 0.25) / yStep) * yStep);
    const yMax = Math.ceil((rawMax + yStep * 0.25) / yStep) * yStep;

    const x = (age) => MARGIN.left + (age / xMax) * plotWidth;
    const y = (value) => MARGIN.top + plotHeight - ((value - yMin) / (yMax - yMin)) * plotHeight;

    const root = svg("svg", {
      class: "growth-svg",
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: "img",
      "aria-label": `${measure.title} by age, ${points.length} measurement${points.length === 1 ? "" : "s"}`,
      "data-measure": measure.key,
      "aria-describedby": `chart-${measure.key}-summary`,
    });
    svg("rect", { class: "plot-bg", x: MARGIN.left, y: MARGIN.top, width: plotWidth, height: plotHeight }, root);

    // Grid and ticks.
    const grid = svg("g", { class: "grid" }, root);
    const axes = svg("g", { class: "axes" }, root);
    for (let v = yMin; v <= yMax + 1e-9; v += yStep) {
      const py = round(y(v));
      svg("line", { x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: py, y2: py }, grid);
      svg("line", { class: "tick", x1: MARGIN.left - 5, x2: MARGIN.left, y1: py, y2: py }, axes);
      svgText(axes, MARGIN.left - 8, py + 4, formatNumber(v, 2), { class: "tick-label", "text-anchor": "end" });
    }
    for (let age = 0; age <= xMax; age += xStep) {
      const px = round(x(age));
      svg("line", { class: age % 12 === 0 ? "year" : "", x1: px, x2: px, y1: MARGIN.top, y2: MARGIN.top + plotHeight }, grid);
      svg("line", { class: "tick", x1: px, x2: px, y1: MARGIN.top + plotHeight, y2: MARGIN.top + plotHeight + 5 }, axes);
      svgText(axes, px, MARGIN.top + plotHeight + 18, String(age), { class: "tick-label", "text-anchor": "middle" });
      if (age > 0 && age % 12 === 0) {
        svgText(axes, px, MARGIN.top + plotHeight + 32, `${age / 12} y`, { class: "tick-label tick-year", "text-anchor": "middle" });
      }
    }

    // Reference band (P3–P97), median and the outer percentile lines, labelled at their end.
    const band = svg("g", { class: "reference" }, root);
    const along = (series) => REF_AGES.map((age, i) => `${round(x(age))},${round(y(series[i]))}`);
    svg("polygon", { class: "band", points: [...along(reference.p97), ...along(reference.p3).reverse()].join(" ") }, band);
    for (const [name, series] of [["p97", reference.p97], ["p50", reference.p50], ["p3", reference.p3]]) {
      svg("polyline", { class: `curve curve-${name}`, points: along(series).join(" ") }, band);
      const last = series[series.length - 1];
      svgText(band, round(x(60)) + 5, round(y(last)) + 4, name.toUpperCase(), { class: "curve-label" });
    }

    // Axes lines and titles.
    svg("line", { class: "axis", x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: MARGIN.top + plotHeight, y2: MARGIN.top + plotHeight }, axes);
    svg("line", { class: "axis", x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: MARGIN.top + plotHeight }, axes);
    svgText(axes, MARGIN.left + plotWidth / 2, HEIGHT - 8, "Age (months)", { class: "axis-title", "text-anchor": "middle" });
    const yTitleX = 16;
    const yTitleY = MARGIN.top + plotHeight / 2;
    svgText(axes, yTitleX, yTitleY, measure.axisLabel, {
      class: "axis-title", "text-anchor": "middle", transform: `rotate(-90 ${yTitleX} ${yTitleY})`,
    });

    // The patient's measurements.
    const patient = svg("g", { class: "patient" }, root);
    if (points.length > 1) {
      svg("polyline", { class: "patient-line", points: points.map((p) => `${round(x(p.age))},${round(y(p.value))}`).join(" ") }, patient);
    }
    for (const p of points) {
      const dot = svg("circle", { class: "patient-point", cx: round(x(p.age)), cy: round(y(p.value)), r: 4 }, patient);
      const title = svg("title", {}, dot);
      title.textContent = `${formatNumber(p.value, measure.digits)} ${measure.unit} at ${p.age.toFixed(1)} months (${formatDate(p.date)})`;
    }
    if (points.length === 0) {
      svgText(root, MARGIN.left + plotWidth / 2, MARGIN.top + 28, "No measurements recorded", { class: "empty-label", "text-anchor": "middle" });
    }
    return root;
  }

  function legend(reference) {
    const list = html("ul", "legend");
    const item = (swatchClass, text) => {
      const li = html("li");
      li.append(html("span", `swatch ${swatchClass}`), document.createTextNode(text));
      list.append(li);
    };
    item("swatch-patient", "Patient");
    item("swatch-median", `P50 (${reference.label})`);
    item("swatch-band", "P3–P97 reference (approx. WHO)");
    return list;
  }

  /** A table of every plotted measurement, newest first, one row per date. */
  function measurementsTable(series) {
    const rows = new Map();
    for (const measure of MEASURES) {
      for (const p of series[measure.key]) {
        const key = formatDate(p.date);
        if (!rows.has(key)) rows.set(key, { date: key, age: p.age, values: {} });
        rows.get(key).values[measure.key] = p.value.toFixed(measure.digits);
      }
    }
    const figure = html("figure", "chart card measurements");
    figure.dataset.testid = "measurements";
    const header = html("figcaption", "chart-header");
    const heading = html("div", "chart-heading");
    const title = html("h2", "chart-title", "Measurements");
    title.id = "measurements-title";
    heading.append(title, html("span", "chart-latest", `${rows.size} visit${rows.size === 1 ? "" : "s"}, newest first`));
    header.append(heading);
    figure.append(header);

    // It scrolls: a keyboard user must be able to focus it to scroll it (WCAG 2.1.1), and it is named by its heading.
    const scroller = html("div", "table-scroll");
    scroller.tabIndex = 0;
    scroller.setAttribute("role", "region");
    scroller.setAttribute("aria-labelledby", "measurements-title");
    const table = html("table", "measurements-table");
    const headRow = html("tr");
    const headers = [["Date", ""], ["Age", "months"], ...MEASURES.map((m) => [m.shortTitle, m.unit])];
    for (const [label, unit] of headers) {
      const th = html("th", "", label);
      th.scope = "col";
      if (unit) th.append(html("small", "", unit));
      headRow.append(th);
    }
    table.append(html("thead"));
    table.tHead.append(headRow);
    const body = html("tbody");
    for (const row of [...rows.values()].sort((a, b) => b.date.localeCompare(a.date))) {
      const tr = html("tr");
      tr.append(html("td", "", row.date), html("td", "num", row.age.toFixed(1)));
      for (const m of MEASURES) tr.append(html("td", "num", row.values[m.key] ?? "—"));
      body.append(tr);
    }
    if (rows.size === 0) {
      const tr = html("tr");
      const td = html("td", "empty", "No growth measurements recorded.");
      td.colSpan = 2 + MEASURES.length;
      tr.append(td);
      body.append(tr);
    }
    table.append(body);
    scroller.append(table);
    figure.append(scroller);
    return figure;
  }

  // ---------------------------------------------------------------------------------------------
  // Public entry point
  // ---------------------------------------------------------------------------------------------

  /**
   * Draws the growth charts of `patient` (FHIR Patient) from `observations` (FHIR Observations,
   * any order; non-growth or unusable ones are skipped) into `container`, replacing its content.
   * @returns {{ plotted: number, counts: { height: number, weight: number, head: number } }}
   */
  function renderGrowthCharts(container, patient, observations) {
    container.replaceChildren();
    const birthDate = parseDate(patient && patient.birthDate);
    const gender = patient && patient.gender;
    const series = extractSeries(birthDate, observations);
    const maxAge = Math.max(0, ...Object.values(series).flat().map((p) => p.age));

    if (!birthDate) {
      container.append(html("p", "notice", "The patient has no birth date, so measurements cannot be plotted against age."));
    }

    const counts = {};
    for (const measure of MEASURES) {
      const points = series[measure.key];
      counts[measure.key] = points.length;
      const reference = referenceFor(measure.key, gender);

      const figure = html("figure", "chart card");
      figure.dataset.testid = `chart-${measure.key}`;
      const header = html("figcaption", "chart-header");
      const heading = html("div", "chart-heading");
      heading.append(html("h2", "chart-title", measure.title));
      const latest = points[points.length - 1];
      heading.append(html("span", "chart-latest", latest
        ? `Latest ${formatNumber(latest.value, measure.digits)} ${measure.unit} · ${formatDate(latest.date)} · ${points.length} measurement${points.length === 1 ? "" : "s"}`
        : "No measurements"));
      header.append(heading, legend(reference));
      const summary = html("p", "visually-hidden", chartSummary(measure, reference, points));
      summary.id = `chart-${measure.key}-summary`;
      figure.append(header, drawChart(measure, reference, points, maxAge), summary);
      container.append(figure);
    }

    container.append(measurementsTable(series));

    const plotted = Object.values(counts).reduce((a, b) => a + b, 0);
    return { plotted, counts };
  }

  window.renderGrowthCharts = renderGrowthCharts;
})();
