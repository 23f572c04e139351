// Small DOM helpers: the console builds its pages from these, never from HTML
// strings, so text from complaints is always text.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function mount(target, ...children) {
  target.replaceChildren();
  append(target, children);
}

export function banner(kind, text) {
  return h('div', { class: `banner ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

// "2026-11-23 10:05" in the browser's time zone.
export function when(iso) {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// The value of an <input type="datetime-local"> as RFC 3339 with the local offset.
export function fromLocalInput(value) {
  if (!value) return undefined;
  const d = new Date(value);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const p = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${value.length === 16 ? `${value}:00` : value}${sign}${p(off / 60)}:${p(off % 60)}`;
}

// Shows a refused request: the API's message, and each field's next to it.
export function showProblem(form, error, t) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  const box = form.querySelector('.problem') || form.prepend(h('div', { class: 'problem' })) || form.querySelector('.problem');
  const messages = [];
  for (const e of error.errors || []) {
    const name = String(e.field || '').replace(/^\//, '').split('/')[0];
    const input = name && form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (input) input.after(h('div', { class: 'field-error' }, e.message));
    else messages.push(`${e.field}: ${e.message}`);
  }
  mount(box, banner('error', [t('refused'), ': ', error.message, messages.length ? ` (${messages.join('; ')})` : '']));
}
