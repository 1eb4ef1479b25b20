// The peer the benchmark compares with: core/RULES.md written the way a JavaScript developer would
// write it for a web app, with no WebAssembly: plain objects, Array.find by id, JSON-shaped
// events. It
// covers the commands of the benchmark's workloads with their checks, and restores by folding the
// events without re-checking them; it is not the product.
const DAY = 86_400_000;
const MAX_AT = 253402300799999;

const err = (code, message) => ({ ok: false, error: { code, message } });
const isInt = (n) => Number.isInteger(n);
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const validDate = (s) => {
  if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const y = +s.slice(0, 4), m = +s.slice(5, 7), d = +s.slice(8, 10);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && !leap ? 28 : MONTH_DAYS[m - 1]);
};
let todayOf = [-1, ""];
const today = (at) => {
  const day = Math.floor(at / DAY);
  if (todayOf[0] !== day) todayOf = [day, new Date(day * DAY).toISOString().slice(0, 10)];
  return todayOf[1];
};
const text = (s, max) => typeof s === "string" && s.trim().length > 0 && s.trim().length <= max;
const ROLE = {
  create_contract: "client", add_milestone: "client", edit_milestone: "client", delete_milestone: "client",
  move_milestone: "client", reorder_milestones: "client", activate_milestone: "client",
  submit_work: "freelancer", request_changes: "client", release_payment: "client",
  propose_due_date: "either", respond_due_date: "either", request_refund: "client",
  respond_refund: "freelancer", end_contract: "client", leave_feedback: "either", tick: "system",
};

export class PlainContract {
  state = null;
  events = [];

  dispatch(cmd) {
    if (!cmd || typeof cmd !== "object") return err("INVALID_JSON", "not an object");
    if (!ROLE[cmd.type]) return err("INVALID_COMMAND", "unknown type");
    if (!isInt(cmd.at) || cmd.at < 0 || cmd.at > MAX_AT) return err("INVALID_COMMAND", "bad at");
    const s = this.state;
    if (s && cmd.at < s.lastAt) return err("CLOCK_BACKWARDS", "time cannot go backwards");
    const role = ROLE[cmd.type];
    if (role === "either" ? !["client", "freelancer"].includes(cmd.actor) : cmd.actor !== role) {
      return err("NOT_PERMITTED", "not permitted");
    }
    const out = [];
    this.base = s?.seq ?? 0;
    // An automatic release that fell due comes first; the command is judged on a copy with it.
    const due = s?.milestones.find((x) => x.status === "submitted" && x.reviewDeadline <= cmd.at);
    let next = s;
    if (due) {
      next = structuredClone(s);
      const e = { seq: this.base + 1, at: due.reviewDeadline, type: "payment_released", milestoneId: due.id,
        amount: due.escrow, returned: 0, extra: 0, auto: true };
      out.push(e);
      this.#apply(next, e);
    }
    const refused = this.#decide(next, cmd, out);
    if (refused) return refused;
    for (const e of out.slice(due ? 1 : 0)) next = this.#apply(next, e);
    next.lastAt = cmd.at;
    this.state = next;
    this.events.push(...out);
    return { ok: true, events: out };
  }

  /** Folds a log's events into the state, trusting them. */
  load(log) {
    let s = null;
    for (const e of log.events) s = this.#apply(s, e);
    s.lastAt = log.lastAt;
    this.state = s;
    this.events = log.events;
  }

  #emit(state, out, at, type, data) {
    out.push({ seq: this.base + out.length + 1, at, type, ...data });
  }

  #decide(s, c, out) {
    if (c.type === "create_contract") {
      if (s) return err("CONTRACT_EXISTS", "exists");
      const d = c.contract;
      if (!d || !text(d.title, 200) || !text(d.client, 100) || !text(d.freelancer, 100)) return err("INVALID_FIELD", "bad contract");
      const ms = [];
      for (const [i, m] of (d.milestones ?? []).entries()) {
        if (!text(m.title, 200) || !isInt(m.amount) || m.amount < 500 || m.amount > 1e9) return err("INVALID_AMOUNT", "bad milestone");
        if (!validDate(m.dueDate) || m.dueDate < today(c.at)) return err("INVALID_DATE", "bad date");
        ms.push({ id: `m${i + 1}`, title: m.title.trim(), description: m.description ?? "", amount: m.amount, dueDate: m.dueDate });
      }
      this.#emit(s, out, c.at, "contract_created", {
        contract: { id: d.id ?? "contract", title: d.title.trim(), accountType: d.accountType, currency: "USD",
          client: d.client.trim(), freelancer: d.freelancer.trim(), endDate: d.endDate ?? null },
        milestones: ms });
      return null;
    }
    if (!s) return err("NO_CONTRACT", "no contract");
    if (s.status === "ended" && !["request_refund", "respond_refund", "leave_feedback", "tick"].includes(c.type)) {
      return err("CONTRACT_ENDED", "ended");
    }
    const m = c.milestoneId === undefined ? null : s.milestones.find((x) => x.id === c.milestoneId);
    if (c.milestoneId !== undefined && !m) return err("UNKNOWN_MILESTONE", "unknown milestone");
    const pendingFrom = s.milestones.findIndex((x) => x.status === "pending");
    switch (c.type) {
      case "move_milestone": {
        const from = s.milestones.indexOf(m);
        if (m.status !== "pending" || !isInt(c.toIndex) || c.toIndex < pendingFrom || c.toIndex >= s.milestones.length || c.toIndex === from) {
          return err("INVALID_FIELD", "bad move");
        }
        this.#emit(s, out, c.at, "milestone_moved", { milestoneId: m.id, toIndex: c.toIndex });
        return null;
      }
      case "reorder_milestones": {
        const pending = s.milestones.filter((x) => x.status === "pending").map((x) => x.id);
        if (!Array.isArray(c.order) || c.order.length !== pending.length || [...c.order].sort().join() !== [...pending].sort().join()) {
          return err("INVALID_FIELD", "bad order");
        }
        this.#emit(s, out, c.at, "milestones_reordered", { order: [...c.order] });
        return null;
      }
      case "activate_milestone": {
        if (m.status !== "pending") return err("INVALID_STATE", "not pending");
        if (s.milestones.some((x) => ["active", "submitted", "changes_requested"].includes(x.status))) return err("ANOTHER_MILESTONE_ACTIVE", "another");
        if (s.milestones[pendingFrom] !== m) return err("NOT_NEXT_MILESTONE", "not next");
        const fromCredit = Math.min(s.totals.credit, m.amount);
        this.#emit(s, out, c.at, "milestone_activated", { milestoneId: m.id, amount: m.amount, fromCredit, charged: m.amount - fromCredit });
        return null;
      }
      case "submit_work":
        if (!text(c.message, 5000)) return err("INVALID_FIELD", "message");
        if (m.status !== "active" && m.status !== "changes_requested") return err("INVALID_STATE", "not active");
        this.#emit(s, out, c.at, "work_submitted", { milestoneId: m.id, message: c.message, reviewDeadline: c.at + 14 * DAY });
        return null;
      case "request_changes":
        if (!text(c.message, 5000)) return err("INVALID_FIELD", "message");
        if (m.status !== "submitted") return err("INVALID_STATE", "not submitted");
        this.#emit(s, out, c.at, "changes_requested", { milestoneId: m.id, message: c.message });
        return null;
      case "release_payment": {
        if (!["active", "submitted", "changes_requested"].includes(m.status)) return err("INVALID_STATE", "no escrow");
        const amount = c.amount ?? m.escrow;
        if (!isInt(amount) || amount < 1 || amount > 1e9) return err("INVALID_AMOUNT", "amount");
        this.#emit(s, out, c.at, "payment_released", { milestoneId: m.id, amount,
          returned: Math.max(0, m.escrow - amount), extra: Math.max(0, amount - m.escrow), auto: false });
        return null;
      }
      case "propose_due_date":
        if (!validDate(c.dueDate) || c.dueDate < today(c.at)) return err("INVALID_DATE", "date");
        if (m.status !== "pending") return err("MILESTONE_LOCKED", "locked");
        this.#emit(s, out, c.at, "due_date_proposed", { milestoneId: m.id, dueDate: c.dueDate, by: c.actor });
        return null;
      case "respond_due_date": {
        const p = m.dueDateProposal;
        if (typeof c.accept !== "boolean") return err("INVALID_COMMAND", "accept");
        if (!p) return err("NO_OPEN_REQUEST", "no proposal");
        if (p.by === c.actor) return err("NOT_PERMITTED", "own proposal");
        this.#emit(s, out, c.at, c.accept ? "due_date_accepted" : "due_date_rejected", { milestoneId: m.id, dueDate: p.dueDate, by: c.actor });
        return null;
      }
      case "tick":
        return null;
      default:
        return err("INVALID_COMMAND", "not in the workload");
    }
  }

  #apply(s, e) {
    if (e.type === "contract_created") {
      return {
        contract: { ...e.contract, status: "open", createdAt: e.at, endedAt: null },
        milestones: e.milestones.map((m) => ({ ...m, status: "pending", funded: 0, escrow: 0, released: 0, returned: 0,
          refunded: 0, submission: null, reviewDeadline: null, revisions: 0, autoReleased: false, changeRequest: null,
          dueDateProposal: null, refundRequest: null })),
        totals: { budget: e.milestones.reduce((a, m) => a + m.amount, 0), funded: 0, escrow: 0, released: 0, returned: 0,
          refunded: 0, charged: 0, credit: 0, creditReturned: 0 },
        feedback: { client: null, freelancer: null }, seq: e.seq, lastAt: e.at,
      };
    }
    const m = s.milestones.find((x) => x.id === e.milestoneId);
    switch (e.type) {
      case "milestone_moved": {
        s.milestones.splice(s.milestones.indexOf(m), 1);
        s.milestones.splice(e.toIndex, 0, m);
        break;
      }
      case "milestones_reordered": {
        const first = s.milestones.findIndex((x) => x.status === "pending");
        s.milestones.splice(first, e.order.length, ...e.order.map((id) => s.milestones.find((x) => x.id === id)));
        break;
      }
      case "milestone_activated":
        Object.assign(m, { status: "active", funded: e.amount, escrow: e.amount, dueDateProposal: null });
        s.totals.funded += e.amount; s.totals.escrow += e.amount; s.totals.charged += e.charged; s.totals.credit -= e.fromCredit;
        break;
      case "work_submitted":
        Object.assign(m, { status: "submitted", submission: { message: e.message, at: e.at }, reviewDeadline: e.reviewDeadline });
        break;
      case "changes_requested":
        Object.assign(m, { status: "changes_requested", changeRequest: { message: e.message, at: e.at }, reviewDeadline: null });
        m.revisions++;
        break;
      case "payment_released":
        s.totals.escrow -= m.escrow; s.totals.released += e.amount; s.totals.returned += e.returned;
        s.totals.funded += e.extra; s.totals.charged += e.extra; s.totals.credit += e.returned;
        Object.assign(m, { released: m.released + e.amount, returned: m.returned + e.returned, funded: m.funded + e.extra,
          escrow: 0, status: "paid", autoReleased: e.auto, reviewDeadline: null });
        break;
      case "due_date_proposed":
        m.dueDateProposal = { dueDate: e.dueDate, by: e.by };
        break;
      case "due_date_accepted":
        m.dueDate = e.dueDate; m.dueDateProposal = null;
        break;
      case "due_date_rejected":
        m.dueDateProposal = null;
        break;
    }
    s.seq = e.seq;
    s.lastAt = Math.max(s.lastAt, e.at);
    return s;
  }
}

/**
 * Restores a log the way such an app would: parse it and fold its events into the state, trusting
 * them. (The engine re-checks every event against the rules instead; this is the faster peer.)
 */
export function restorePlain(text) {
  const log = JSON.parse(text);
  const c = new PlainContract();
  c.load(log);
  return c;
}
