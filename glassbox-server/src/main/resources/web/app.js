// Glassbox web UI: vanilla JavaScript over the /v1 API, no build step, no network beyond this server.
'use strict';

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
};
const pct = (p) => (100 * p).toFixed(1) + '%';
const num = (x, d = 3) => (x >= 0 ? '+' : '') + Number(x).toFixed(d);

const state = {
  token: sessionStorage.getItem('glassbox-token') || '',
  model: null,        // GET /v1/models/{name}
  weights: null,      // GET /v1/models/{name}/weights (cached per version)
  input: null,        // {embedding, label}
  base: null,         // explain response for the current input
  interventions: {},  // concept -> 'zero' | 'high' | 'low'
  selectedClass: null,
};

// ---------------------------------------------------------------------------------------------
// API

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (state.token) headers['Authorization'] = 'Bearer ' + state.token;
  const res = await fetch(path, Object.assign({}, options, { headers }));
  const type = res.headers.get('Content-Type') || '';
  const body = type.startsWith('application/json') ? await res.json() : await res.blob();
  if (!res.ok) {
    const msg = body && body.message ? body.message : res.status + ' ' + res.statusText;
    const err = new Error(msg + (body && body.field ? ' [' + body.field + ']' : ''));
    err.status = res.status;
    throw err;
  }
  return body;
}

const postJson = (path, obj) => api(path, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(obj),
});

function status(text, bad = false) {
  const s = $('#status');
  s.textContent = text;
  s.classList.toggle('bad', bad);
}

async function guarded(fn) {
  try {
    status('');
    await fn();
  } catch (e) {
    status(e.message, true);
    if (e.status === 401) $('#token-box').hidden = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Models

async function loadModels() {
  const health = await api('/health');
  if (health.auth) $('#token-box').hidden = false;
  const list = await api('/v1/models');
  const sel = $('#model-select');
  const previous = sel.value;
  sel.innerHTML = '';
  for (const m of list.models) sel.append(el('option', { value: m.name, text: m.name }));
  if (!list.models.length) {
    status('no models are loaded from the models directory', true);
    return;
  }
  sel.value = list.models.some((m) => m.name === previous) ? previous : list.models[0].name;
  await selectModel(sel.value);
  if (health.samples) await loadSamples();
  else $('#sample-box').hidden = true;
}

async function selectModel(name) {
  state.model = await api('/v1/models/' + encodeURIComponent(name));
  state.weights = null;
  $('#version-badge').textContent = 'v' + state.model.version;
  const img = state.model.image_input;
  $('#image-input').hidden = !img.available;
  $('#image-unavailable').hidden = img.available;
  $('#image-unavailable').textContent = img.available ? '' : 'Images: ' + img.reason;
  await fillEditForm();
  renderCard();
  renderClassList();
  resetInput();
  if (activeTab() === 'heatmap') await renderHeatmap();
}

async function refreshModel() {
  await selectModel(state.model.name);
}

// ---------------------------------------------------------------------------------------------
// Predict and intervene

function resetInput() {
  state.input = null;
  state.base = null;
  state.interventions = {};
  $('#result').hidden = false;
  $('#result-body').hidden = true;
}

async function loadSamples() {
  const res = await api('/v1/samples');
  const box = $('#sample-list');
  box.innerHTML = '';
  $('#sample-box').hidden = res.samples.length === 0;
  for (const s of res.samples) {
    const blob = await api(s.url);
    const url = URL.createObjectURL(blob);
    const b = el('button', { class: 'sample', title: s.name, 'data-name': s.name }, el('img', { src: url, alt: s.name }));
    b.addEventListener('click', () => guarded(async () => {
      document.querySelectorAll('.sample').forEach((x) => x.classList.toggle('active', x === b));
      await explainImage(blob, s.name);
    }));
    box.append(b);
  }
}

async function explainImage(blob, label) {
  $('#preview').src = URL.createObjectURL(blob);
  $('#preview-name').textContent = label;
  $('#preview-box').hidden = false;
  const form = new FormData();
  form.append('image', blob, label);
  form.append('request', JSON.stringify({ top: 5, return_embedding: true }));
  const res = await api('/v1/models/' + encodeURIComponent(state.model.name) + '/explain?version=' + state.model.version,
    { method: 'POST', body: form });
  showExplanation(res, label);
}

async function explainEmbedding(values, label) {
  const res = await postJson('/v1/models/' + encodeURIComponent(state.model.name) + '/explain?version=' + state.model.version,
    { embedding: values, top: 5, return_embedding: true });
  showExplanation(res, label);
}

function showExplanation(res, label) {
  state.input = { embedding: res.embedding, label };
  state.base = res;
  state.interventions = {};
  $('#result').hidden = true;
  $('#result-body').hidden = false;
  $('#predicted-class').textContent = res.predicted.class;
  $('#predicted-prob').textContent = pct(res.predicted.probability) + ' · model v' + res.model.version;
  $('#after-box').hidden = true;
  $('#logit-line').hidden = false;
  $('#explained-class').textContent = res.explained.class;
  renderClassBars(res.classes);
  renderContributions($('#contrib-chart'), res.contributions.slice(0, 12), new Set());
  const e = res.explained;
  $('#logit-line').textContent = 'logit ' + e.logit.toFixed(3) + ' = contributions ' + e.sum_contributions.toFixed(3)
    + ' + bias ' + e.bias.toFixed(3) + (e.residual ? ' + residual ' + e.residual.toFixed(3) : '')
    + ' · ' + e.non_zero_weights + ' non-zero weights';
  renderInterventionTable(res.contributions.slice(0, 8));
}

function renderClassBars(classes, target = $('#class-bars')) {
  target.innerHTML = '';
  for (const c of classes) {
    target.append(el('div', { class: 'row' },
      el('span', { class: 'name', text: c.class, title: c.class }),
      el('div', { class: 'track' }, el('div', { class: 'fill', style: 'left:0;width:' + (100 * c.probability).toFixed(2) + '%' })),
      el('span', { class: 'value', text: pct(c.probability) })));
  }
}

/** A diverging bar chart of contributions (or weights): positive right of the centre, negative left. */
function renderContributions(target, items, changed, valueKey = 'contribution') {
  target.innerHTML = '';
  if (items.length === 0) {
    target.append(el('p', { class: 'note', text: valueKey === 'weight'
      ? 'No non-zero weights: this class is predicted from its bias alone.' : 'No concept contributes.' }));
    return;
  }
  const max = Math.max(1e-9, ...items.map((c) => Math.abs(c[valueKey])));
  for (const c of items) {
    const v = c[valueKey];
    const w = (50 * Math.abs(v) / max).toFixed(2);
    const label = c.label || c.concept;
    const fill = el('div', { class: 'fill ' + (v >= 0 ? 'pos' : 'neg'),
      style: v >= 0 ? 'left:50%;width:' + w + '%' : 'right:50%;width:' + w + '%' });
    const title = c.activation !== undefined
      ? label + ': activation ' + c.activation.toFixed(3) + ' × weight ' + c.weight.toFixed(3) : label;
    target.append(el('div', { class: 'row bar' + (changed.has(c.concept) ? ' changed' : ''), 'data-concept': c.concept },
      el('span', { class: 'name' + (label.startsWith('NOT ') ? ' not' : ''), text: label, title }),
      el('div', { class: 'track' }, fill),
      el('span', { class: 'value', text: num(v) })));
  }
}

function renderInterventionTable(contribs) {
  const t = $('#iv-table');
  t.innerHTML = '';
  for (const c of contribs) {
    const buttons = el('td');
    for (const [kind, text] of [['zero', 'zero'], ['high', 'set high'], ['low', 'set low']]) {
      buttons.append(el('button', {
        class: 'iv-btn', 'data-concept': c.concept, 'data-kind': kind, text,
        onclick: () => guarded(() => toggleIntervention(c.concept, kind)),
      }));
    }
    t.append(el('tr', {}, el('td', { text: c.concept }), el('td', { class: 'act', text: 'act ' + num(c.activation, 2) }), buttons));
  }
}

async function toggleIntervention(concept, kind) {
  if (state.interventions[concept] === kind) delete state.interventions[concept];
  else state.interventions[concept] = kind;
  document.querySelectorAll('.iv-btn').forEach((b) =>
    b.classList.toggle('on', state.interventions[b.dataset.concept] === b.dataset.kind));
  await applyInterventions();
}

async function applyInterventions() {
  const entries = Object.entries(state.interventions);
  if (!entries.length) {
    $('#after-box').hidden = true;
    renderClassBars(state.base.classes);
    renderContributions($('#contrib-chart'), state.base.contributions.slice(0, 12), new Set());
    $('#explained-class').textContent = state.base.explained.class;
    $('#logit-line').hidden = false;
    return;
  }
  const body = { embedding: state.input.embedding, top: 5, set: {}, zero: [] };
  for (const [concept, kind] of entries) {
    if (kind === 'zero') body.zero.push(concept);
    else body.set[concept] = kind === 'high' ? 3 : -3;
  }
  const res = await postJson('/v1/models/' + encodeURIComponent(state.model.name) + '/intervene?version='
    + state.base.model.version, body);
  $('#after-box').hidden = false;
  $('#after-class').textContent = res.after.predicted.class;
  $('#after-prob').textContent = pct(res.after.predicted.probability) + (res.changed ? ' · changed' : ' · unchanged');
  $('#explained-class').textContent = res.after.predicted.class + ' (after interventions)';
  $('#logit-line').hidden = true;
  renderClassBars(res.after.classes);
  renderContributions($('#contrib-chart'), res.after.contributions.slice(0, 12), new Set(Object.keys(state.interventions)));
}

async function onFile(ev) {
  const f = ev.target.files[0];
  if (!f) return;
  document.querySelectorAll('.sample').forEach((x) => x.classList.remove('active'));
  await guarded(() => explainImage(f, f.name));
}

async function onEmbedding() {
  await guarded(async () => {
    let values;
    try {
      values = JSON.parse($('#embedding-input').value);
    } catch (e) {
      throw new Error('the embedding is not a JSON array: ' + e.message);
    }
    $('#preview-box').hidden = true;
    await explainEmbedding(values, 'pasted embedding');
  });
}

// ---------------------------------------------------------------------------------------------
// Classes

function renderClassList() {
  const ul = $('#class-list');
  const filter = $('#class-filter').value.toLowerCase();
  ul.innerHTML = '';
  state.model.classes.forEach((name, i) => {
    if (filter && !name.toLowerCase().includes(filter)) return;
    const li = el('li', { 'data-class': name },
      el('span', { text: name }), el('span', { class: 'count', text: state.model.non_zeros_per_class[i] + ' concepts' }));
    if (name === state.selectedClass) li.classList.add('active');
    li.addEventListener('click', () => guarded(() => showClass(name)));
    ul.append(li);
  });
  if (!state.selectedClass || !state.model.classes.includes(state.selectedClass)) {
    state.selectedClass = state.model.classes[0];
  }
  if (activeTab() === 'classes') guarded(() => showClass(state.selectedClass));
}

async function showClass(name) {
  state.selectedClass = name;
  document.querySelectorAll('#class-list li').forEach((li) => li.classList.toggle('active', li.dataset.class === name));
  const res = await api('/v1/models/' + encodeURIComponent(state.model.name) + '/classes/' + encodeURIComponent(name)
    + '/weights?version=' + state.model.version);
  // A slower answer for a class clicked earlier must not overwrite the class clicked last.
  if (state.selectedClass !== name) return;
  $('#class-title').textContent = name + ' — ' + res.weights.length + ' concept weights';
  $('#class-bias').textContent = 'bias ' + res.bias.toFixed(3);
  renderContributions($('#class-weights'), res.weights, new Set(), 'weight');
}

// ---------------------------------------------------------------------------------------------
// Heat map

async function renderHeatmap() {
  if (!state.weights || state.weights.model.version !== state.model.version) {
    state.weights = await api('/v1/models/' + encodeURIComponent(state.model.name) + '/weights?version=' + state.model.version);
  }
  const w = state.weights;
  const used = new Set(w.entries.map((e) => e[1]));
  const cols = $('#heat-all').checked ? w.concepts.map((_, j) => j) : [...used].sort((a, b) => a - b);
  const colOf = new Map(cols.map((j, x) => [j, x]));
  const cell = Math.max(3, Math.min(16, Math.floor(1100 / Math.max(1, cols.length))));
  const rowH = Math.max(3, Math.min(16, Math.floor(640 / Math.max(1, w.classes.length))));
  const left = 150;
  const labelled = cell >= 9;
  const top = labelled ? 130 : 8;
  const canvas = $('#heatmap');
  canvas.width = left + cols.length * cell + 8;
  canvas.height = top + w.classes.length * rowH + 8;
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#f3f4f7';
  g.fillRect(left, top, cols.length * cell, w.classes.length * rowH);
  const max = w.max_abs_weight || 1;
  for (const [c, j, v] of w.entries) {
    const x = colOf.get(j);
    if (x === undefined) continue;
    const t = Math.min(1, Math.abs(v) / max);
    const base = v >= 0 ? [46, 139, 87] : [200, 68, 60];
    const rgb = base.map((b) => Math.round(255 + (b - 255) * Math.sqrt(t)));
    g.fillStyle = 'rgb(' + rgb.join(',') + ')';
    g.fillRect(left + x * cell, top + c * rowH, cell, rowH);
  }
  if (rowH >= 8) {
    g.fillStyle = '#1d2330';
    g.font = Math.min(12, rowH - 1) + 'px system-ui, sans-serif';
    g.textBaseline = 'middle';
    w.classes.forEach((name, c) => g.fillText(name.length > 22 ? name.slice(0, 21) + '…' : name, 4, top + c * rowH + rowH / 2));
  }
  if (labelled) {
    g.save();
    g.fillStyle = '#1d2330';
    g.font = Math.min(11, cell) + 'px system-ui, sans-serif';
    g.textBaseline = 'middle';
    cols.forEach((j, x) => {
      g.save();
      g.translate(left + x * cell + cell / 2, top - 4);
      g.rotate(-Math.PI / 3);
      const name = w.concepts[j];
      g.fillText(name.length > 24 ? name.slice(0, 23) + '…' : name, 0, 0);
      g.restore();
    });
    g.restore();
  }
  $('#heat-max-neg').textContent = max.toFixed(2);
  $('#heat-max-pos').textContent = max.toFixed(2);
  const lookup = new Map(w.entries.map(([c, j, v]) => [c + ':' + j, v]));
  canvas.onmousemove = (ev) => {
    const r = canvas.getBoundingClientRect();
    const x = Math.floor((ev.clientX - r.left - left) / cell);
    const y = Math.floor((ev.clientY - r.top - top) / rowH);
    const tip = $('#heat-tip');
    if (x < 0 || y < 0 || x >= cols.length || y >= w.classes.length) {
      tip.hidden = true;
      return;
    }
    const j = cols[x];
    const v = lookup.get(y + ':' + j) || 0;
    tip.textContent = w.classes[y] + ' × ' + w.concepts[j] + ': ' + num(v);
    tip.style.left = (ev.clientX - r.left + 12) + 'px';
    tip.style.top = (ev.clientY - r.top + 12) + 'px';
    tip.hidden = false;
  };
  canvas.onmouseleave = () => { $('#heat-tip').hidden = true; };
}

// ---------------------------------------------------------------------------------------------
// Edit

async function fillEditForm() {
  const res = await api('/v1/models/' + encodeURIComponent(state.model.name) + '/concepts?version=' + state.model.version);
  const dl = $('#concept-options');
  dl.innerHTML = '';
  for (const c of res.concepts) dl.append(el('option', { value: c.concept }));
  const sel = $('#edit-class');
  sel.innerHTML = '';
  sel.append(el('option', { value: '', text: 'every class' }));
  for (const c of state.model.classes) sel.append(el('option', { value: c, text: c }));
  const hist = $('#edit-history');
  hist.innerHTML = '';
  for (const e of state.model.provenance.edits || []) {
    hist.append(el('li', { text: describeEdit(e) + (e.at ? ' · ' + e.at : '') }));
  }
  if (!hist.children.length) hist.append(el('li', { class: 'note', text: 'none: this version is as trained' }));
}

function describeEdit(e) {
  const scope = e.class && e.class !== '*' ? ' for ' + e.class : '';
  if (e.edit === 'zero') return 'zeroed “' + e.concept + '”' + scope;
  if (e.edit === 'remove') return 'removed “' + e.concept + '”';
  if (e.edit === 'reweight') return 're-weighted “' + e.concept + '” × ' + e.factor + scope;
  return JSON.stringify(e);
}

async function applyEdit() {
  const concept = $('#edit-concept').value.trim();
  const action = $('#edit-action').value;
  const cls = $('#edit-class').value;
  const body = {};
  if (action === 'reweight') body.reweight = { [concept]: Number($('#edit-factor').value) };
  else body[action] = [concept];
  if (cls && action !== 'remove') body.class = cls;
  $('#edit-error').hidden = true;
  $('#edit-apply').disabled = true;
  try {
    const res = await postJson('/v1/models/' + encodeURIComponent(state.model.name) + '/edits', body);
    showEditResult(res);
    await refreshModel();
    switchTab('edit');
  } catch (e) {
    $('#edit-error').textContent = e.message;
    $('#edit-error').hidden = false;
  } finally {
    $('#edit-apply').disabled = false;
  }
}

function showEditResult(res) {
  const box = $('#edit-result');
  box.className = '';
  box.innerHTML = '';
  const card = el('div', { class: 'edit-card' },
    el('div', { class: 'note', text: 'saved from version ' + res.base_version }),
    el('div', { class: 'big' }, 'New version ', el('span', { id: 'edit-version', text: String(res.model.version) })),
    el('div', { class: 'note', text: res.edits.map(describeEdit).join('; ') + ' · ' + res.num_concepts + ' concepts, '
      + res.non_zero_weights + ' non-zero weights' }));
  if (res.validation) {
    const b = res.validation.accuracy_before;
    const a = res.validation.accuracy_after;
    const d = a - b;
    card.append(el('div', { class: 'acc' },
      el('div', {}, el('div', { class: 'pred-label', text: 'val. accuracy before' }), el('span', { id: 'acc-before', class: 'num', text: pct(b) })),
      el('span', { class: 'arrow', text: '→' }),
      el('div', {}, el('div', { class: 'pred-label', text: 'after' }), el('span', { id: 'acc-after', class: 'num', text: pct(a) })),
      el('span', { class: 'delta ' + (d > 0 ? 'up' : d < 0 ? 'down' : ''), text: (d >= 0 ? '+' : '') + (100 * d).toFixed(1) + ' pts' })));
    card.append(el('div', { class: 'note', text: 'on the validation split of ' + res.validation.dataset }));
  } else {
    card.append(el('p', { class: 'note', text: 'No validation dataset is configured for this model (start the server with --data NAME=DIR).' }));
  }
  box.append(card);
}

// ---------------------------------------------------------------------------------------------
// Model card

function renderCard() {
  const m = state.model;
  const p = m.provenance || {};
  const dl = (pairs) => {
    const d = el('dl');
    for (const [k, v] of pairs) d.append(el('dt', { text: k }), el('dd', { text: v === null || v === undefined ? '—' : String(v) }));
    return d;
  };
  const metrics = Object.entries(p.metrics || {}).filter(([, v]) => typeof v !== 'object' || v === null)
    .map(([k, v]) => [k, typeof v === 'number' ? (Math.abs(v) < 1 && k.includes('accuracy') ? pct(v) : +v.toFixed(4)) : v]);
  const card = $('#card');
  card.innerHTML = '';
  card.append(
    el('section', {}, el('h3', { text: 'Model' }), dl([
      ['name', m.name], ['version', m.version + ' (versions ' + m.versions.join(', ') + ')'], ['loaded', m.loaded_at],
      ['method', p.method], ['classes', m.num_classes], ['concepts', m.num_concepts], ['input dimension', m.input_dim],
      ['non-zero weights', m.non_zero_weights], ['bottleneck', m.bottleneck.kind + ' ' + JSON.stringify(m.bottleneck.config)],
      ['residual head', m.residual ? 'yes' : 'no'],
      ['validation accuracy (live)', m.validation_accuracy === null ? 'no dataset configured' : pct(m.validation_accuracy)],
    ])),
    el('section', {}, el('h3', { text: 'Metrics at training' }), dl(metrics.length ? metrics : [['—', 'none recorded']])),
    el('section', {}, el('h3', { text: 'Provenance' }), dl([
      ['Glassbox', p.glassboxVersion + ' @ ' + p.glassboxCommit], ['created', p.createdAt], ['Java', p.java], ['OS', p.os],
      ['seed', p.seed], ['dataset fingerprint', p.datasetFingerprint], ['concept-set hash', p.conceptSetHash],
      ['encoder', p.encoder ? p.encoder.name + ' (' + p.encoder.dim + '-d, ' + (p.encoder.sha256 || 'no hash') + ')' : 'unknown'],
      ['images', m.image_input.available ? 'accepted' : m.image_input.reason],
    ])),
    el('section', {}, el('h3', { text: 'Edits' }),
      (p.edits && p.edits.length) ? el('ol', {}, ...p.edits.map((e) => el('li', { text: describeEdit(e) })))
        : el('p', { class: 'note', text: 'none: as trained' })));
}

// ---------------------------------------------------------------------------------------------
// Tabs and start-up

function activeTab() {
  return document.querySelector('.tab.active').dataset.tab;
}

function switchTab(name) {
  document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t.dataset.tab === name));
  document.querySelectorAll('.panel').forEach((p) => p.classList.toggle('active', p.id === 'tab-' + name));
  if (name === 'heatmap') guarded(renderHeatmap);
  if (name === 'classes' && state.selectedClass) guarded(() => showClass(state.selectedClass));
}

document.querySelectorAll('.tab').forEach((t) => t.addEventListener('click', () => switchTab(t.dataset.tab)));
$('#model-select').addEventListener('change', (e) => guarded(() => selectModel(e.target.value)));
$('#file-input').addEventListener('change', onFile);
$('#embedding-go').addEventListener('click', onEmbedding);
$('#iv-reset').addEventListener('click', () => guarded(async () => {
  state.interventions = {};
  document.querySelectorAll('.iv-btn').forEach((b) => b.classList.remove('on'));
  await applyInterventions();
}));
$('#class-filter').addEventListener('input', renderClassList);
$('#heat-all').addEventListener('change', () => guarded(renderHeatmap));
$('#edit-action').addEventListener('change', (e) => { $('#factor-field').hidden = e.target.value !== 'reweight'; });
$('#edit-apply').addEventListener('click', applyEdit);
$('#token-input').value = state.token;
$('#token-input').addEventListener('change', (e) => {
  state.token = e.target.value.trim();
  sessionStorage.setItem('glassbox-token', state.token);
  guarded(loadModels);
});

guarded(loadModels);
