// The SLA countdown of a complaint: its next unmet milestone, how long is
// left, and how close that is (breached, close: under a fifth of the allowed
// time left, or fine).
const ORDER = ['first_response', 'solution_plan', 'resolution'];

export function nextMilestone(c, now = Date.now()) {
  const s = c.sla || {};
  const ms = s.milestones || {};
  let best = null;
  for (const key of ORDER) {
    const m = ms[key];
    if (!m || m.met_at || !m.due_at) continue;
    const due = Date.parse(m.due_at);
    if (!best || due < best.due) best = { key, due, warn: Date.parse(m.warn_at || m.due_at) };
  }
  if (!best) return null;
  const paused = !!s.paused_at;
  const left = best.due - now;
  const level = paused ? 'none' : left < 0 ? 'breached' : now >= best.warn ? 'close' : 'fine';
  return { ...best, left, level, paused };
}

export function duration(ms) {
  const sign = ms < 0 ? '-' : '';
  let m = Math.floor(Math.abs(ms) / 60000);
  const d = Math.floor(m / 1440); m -= d * 1440;
  const hrs = Math.floor(m / 60); m -= hrs * 60;
  return sign + (d ? `${d}d ${hrs}h` : hrs ? `${hrs}h ${m}m` : `${m}m`);
}

// For sorting: breached first, then the soonest due, then those without a clock.
export function urgency(c, now = Date.now()) {
  const n = nextMilestone(c, now);
  if (!n || n.paused) return Number.MAX_SAFE_INTEGER;
  return n.left;
}
