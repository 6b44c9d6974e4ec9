"""Two generated datasets whose churn works differently from the demo's, for testing that the
risk model holds on data it was not built on (``python -m tests.churn_worlds DB`` writes both).

Both run month by month (30-day steps) over 2023-01-01 .. 2025-12-31: every living customer may
*decide* to leave with a monthly probability driven by the world's mechanism; the loss follows
after a lag, and the lag is when the warning signs show. About 60 % of losses are recorded (a
cancellation notice 10-45 days before, then a churn record), the rest are silent (the purchases
simply stop). Deterministic for a seed.

* ``market``: churn driven by competitor pressure. Competitors run campaigns of 200-300 days in
  one region at a time (and one in a segment); during a campaign competitor mentions rise across
  everyone in the region, and price-sensitive customers there decide to leave far more often.
  Before leaving they talk the supplier down in negotiations and their NPS falls; purchases
  hardly change before the loss. Noise: loyal price-sensitive customers negotiate too, surveys
  are noisy.
* ``service``: churn driven by service failures and payment trouble. Complaints are handled well
  (fast, customer satisfied: risk falls) or badly (unresolved, slow or unsatisfied: risk triples
  for eight months); payment-trouble episodes make invoices late or leave them open and double
  the risk; a change of account manager raises it by half. Purchases decline moderately before
  a loss; competitor mentions and negotiations are pure noise.
"""
from __future__ import annotations

import sys
from datetime import date, timedelta

import numpy as np
import pandas as pd

from lib import db, derived

START = date(2023, 1, 1)
DAYS = 1096
STEP = 30
SEGMENTS = ("B2B Key Account", "B2B SME", "B2C Premium", "B2C Standard")
REGIONS = ("Nord", "Süd", "West", "Ost", "Mitte")
WORLDS = ("market", "service")


def _dates(days) -> list[date]:
    return [START + timedelta(days=int(x)) for x in np.asarray(days)]


class _Sim:
    """Month-by-month simulation; subclasses set the hazard and the warning behaviour."""

    lag = (60, 200)

    def __init__(self, n: int, seed: int):
        self.rng = rng = np.random.default_rng(seed)
        self.n = n
        self.seg = rng.integers(0, len(SEGMENTS), n)
        self.region = rng.integers(0, len(REGIONS), n)
        self.start = np.floor(rng.uniform(0, 780, n))
        self.rate = rng.gamma(2.5, 1.0 / 2.5, n) * np.array([3.0, 2.0, 1.5, 1.2])[self.seg] / 30.0
        self.spend = np.array([300.0, 150.0, 80.0, 45.0])[self.seg] * rng.lognormal(0, 0.4, n)
        self.decide = np.full(n, np.inf)
        self.loss = np.full(n, np.inf)
        self.rows = {k: [] for k in ("tx", "events", "invoices", "surveys")}
        self.nps_base = np.clip(rng.normal(7.6, 1.3, n), 0, 10)

    # -- helpers --------------------------------------------------------------------------------
    def points(self, who: np.ndarray, lo: float, hi: np.ndarray | float, rate: np.ndarray):
        """Poisson points per customer in [max(lo, start), min(hi, loss)) at ``rate`` per day."""
        a = np.maximum(lo, self.start[who])
        b = np.minimum(np.minimum(hi, self.loss[who]), DAYS)
        length = np.clip(b - a, 0, None)
        k = self.rng.poisson(rate * length)
        idx = np.repeat(np.arange(who.size), k)
        return who[idx], np.floor(a[idx] + self.rng.random(idx.size) * length[idx])

    def event(self, who, day, kind, direction="inbound", **extra):
        for i, (c, d) in enumerate(zip(who, day)):
            row = {"c": int(c), "d": float(d), "type": kind, "direction": direction}
            row.update({k: (v[i] if isinstance(v, np.ndarray) else v) for k, v in extra.items()})
            self.rows["events"].append(row)

    def warning(self, lo: float) -> np.ndarray:
        """Per customer: is the step starting at ``lo`` inside the warning lag before the loss."""
        return (self.decide <= lo) & (lo < self.loss)

    def hazard(self, lo: float) -> np.ndarray:  # monthly probability of deciding to leave
        raise NotImplementedError

    def step_events(self, lo: float, hi: float, alive: np.ndarray, warn: np.ndarray) -> None:
        raise NotImplementedError

    def purchase_factor(self, lo: float, warn: np.ndarray) -> np.ndarray:
        return np.ones(self.n)

    # -- the run --------------------------------------------------------------------------------
    def run(self) -> dict[str, pd.DataFrame]:
        rng = self.rng
        for lo in range(0, DAYS, STEP):
            hi = lo + STEP
            alive = (self.start < hi) & (self.loss > lo)
            undecided = alive & ~np.isfinite(self.decide) & (self.start <= lo)
            p = self.hazard(lo)
            new = undecided & (rng.random(self.n) < p)
            self.decide[new] = lo + np.floor(rng.uniform(0, STEP, new.sum()))
            self.loss[new] = self.decide[new] + np.floor(rng.uniform(*self.lag, new.sum()))
            warn = self.warning(lo)
            who = np.flatnonzero(alive)
            c, d = self.points(who, lo, hi, self.rate[who] * self.purchase_factor(lo, warn)[who])
            self.rows["tx"].append((c, d))
            self.step_events(lo, hi, alive, warn)
        # every customer's first purchase on the start day
        self.rows["tx"].append((np.arange(self.n), self.start))
        # inbound contacts at an own rate, fewer in the warning lag
        return self.tables()

    def tables(self) -> dict[str, pd.DataFrame]:
        rng = self.rng
        c = np.concatenate([t[0] for t in self.rows["tx"]]).astype(int)
        d = np.concatenate([t[1] for t in self.rows["tx"]])
        keep = d < np.minimum(self.loss[c], DAYS)
        c, d = c[keep], d[keep]
        tx = pd.DataFrame({"customer_id": [f"C{x:05d}" for x in c], "date": _dates(d),
                           "amount": np.round(self.spend[c] * rng.lognormal(-0.05, 0.3, c.size), 2)})
        customers = pd.DataFrame({"customer_id": [f"C{x:05d}" for x in range(self.n)],
                                  "segment": [SEGMENTS[s] for s in self.seg],
                                  "region": [REGIONS[r] for r in self.region]})
        ev = pd.DataFrame(self.rows["events"]) if self.rows["events"] else pd.DataFrame(
            columns=["c", "d", "type", "direction"])
        # recorded losses: a notice 10-45 days before and a churn record; the rest silent
        lost = np.flatnonzero(np.isfinite(self.loss) & (self.loss < DAYS))
        explicit = lost[rng.random(lost.size) < 0.6]
        notice = np.maximum(self.loss[explicit] - rng.uniform(10, 45, explicit.size), self.start[explicit])
        ev = pd.concat([ev, pd.DataFrame({
            "c": explicit, "d": np.floor(notice), "type": "cancellation_notice", "direction": "inbound",
            "outcome": np.where(self.loss[explicit] < DAYS - 1, "took_effect", "open"),
            "odate": np.where(self.loss[explicit] < DAYS - 1, self.loss[explicit], np.nan),
            "eff": self.loss[explicit]})], ignore_index=True)
        ev = ev.loc[(ev["d"] >= 0) & (ev["d"] < DAYS)]
        events = pd.DataFrame({
            "customer_id": [f"C{int(x):05d}" for x in ev["c"]], "date": _dates(ev["d"]), "type": ev["type"],
            "direction": ev["direction"],
            "outcome": ev.get("outcome", pd.Series(None, index=ev.index)).astype(object),
            "outcome_date": [None if not np.isfinite(x) or x >= DAYS else START + timedelta(days=int(x))
                             for x in ev.get("odate", pd.Series(np.nan, index=ev.index)).astype(float)],
            "effective_date": [None if not np.isfinite(x) else START + timedelta(days=int(x))
                               for x in ev.get("eff", pd.Series(np.nan, index=ev.index)).astype(float)],
            "satisfied": ev.get("sat", pd.Series(None, index=ev.index)).astype(object),
        })
        events = events.where(pd.notna(events), None)
        churn = pd.DataFrame({"customer_id": [f"C{x:05d}" for x in explicit], "date": _dates(self.loss[explicit]),
                              "kind": "cancellation"})
        churn = churn.loc[self.loss[explicit] < DAYS]
        inv = pd.DataFrame(self.rows["invoices"], columns=["c", "d", "due", "paid", "amount"])
        invoices = pd.DataFrame({
            "customer_id": [f"C{int(x):05d}" for x in inv["c"]], "invoice_date": _dates(inv["d"]),
            "due_date": _dates(inv["due"]), "amount": inv["amount"].round(2),
            "paid_date": [None if not np.isfinite(x) or x >= DAYS else START + timedelta(days=int(x))
                          for x in inv["paid"].astype(float)]})
        sv = pd.DataFrame(self.rows["surveys"], columns=["c", "d", "nps"])
        sv = sv.loc[sv["d"] < DAYS]
        surveys = pd.DataFrame({"customer_id": [f"C{int(x):05d}" for x in sv["c"]], "date": _dates(sv["d"]),
                                "nps": sv["nps"].astype(int)})
        return {"transactions": tx, "customers": customers, "events": events, "invoices": invoices,
                "churn": churn, "surveys": surveys}

    # shared behaviour ----------------------------------------------------------------------------
    def contacts_and_surveys(self, lo, hi, alive, warn, nps_drop: float, contact_keep: float) -> None:
        rng = self.rng
        who = np.flatnonzero(alive)
        c, d = self.points(who, lo, hi, np.full(who.size, 0.25 / 30))
        keep = ~warn[c] | (rng.random(c.size) < contact_keep)
        self.event(c[keep], d[keep], "contact")
        # a survey every ~6 months for half the customers
        c, d = self.points(who, lo, hi, np.where(self.n_survey[who], 1 / 180, 0.0))
        nps = np.clip(np.round(self.nps_base[c] - nps_drop * warn[c] + rng.normal(0, 1.0, c.size)), 0, 10)
        self.rows["surveys"].extend(zip(c, d, nps))

    def monthly_invoices(self, lo, hi, alive, late: np.ndarray, unpaid: np.ndarray) -> None:
        """One invoice per living B2B customer per step, due 30 days later; ``late`` days late,
        never paid where ``unpaid``."""
        who = np.flatnonzero(alive & (self.seg <= 1) & (self.start < lo))
        amount = self.spend[who] * self.rate[who] * STEP
        paid = np.where(unpaid[who], np.nan, hi + 30 + late[who])
        self.rows["invoices"].extend(zip(who, np.full(who.size, hi - 1), np.full(who.size, hi + 29), paid, amount))


class Market(_Sim):
    lag = (60, 210)

    def __init__(self, n, seed):
        super().__init__(n, seed)
        self.price_sensitive = self.rng.random(n) < 0.45
        # campaigns: (first day, last day) per region; one in the segment B2B SME
        self.waves = {0: [(300, 560), (880, 1096)], 1: [(420, 700)], 2: [(560, 800)], 3: [(700, 960)],
                      4: [(180, 400), (960, 1096)]}
        self.segment_wave = (780, 1000)
        self.n_survey = self.rng.random(n) < 0.55

    def pressure(self, lo) -> np.ndarray:
        on = np.array([any(a <= lo < b for a, b in self.waves[r]) for r in range(len(REGIONS))])
        a, b = self.segment_wave
        return on[self.region] | ((self.seg == 1) & (a <= lo < b))

    def hazard(self, lo):
        base = np.array([0.05, 0.08, 0.10, 0.12])[self.seg] / 12
        return base * np.where(self.pressure(lo), np.where(self.price_sensitive, 5.0, 1.6), 1.0)

    def purchase_factor(self, lo, warn):
        return np.where(warn, 0.85, 1.0)

    def step_events(self, lo, hi, alive, warn):
        who = np.flatnonzero(alive)
        comp = np.where(self.pressure(lo)[who], 0.22, 0.02) / 30 * np.where(warn[who], 1.5, 1.0)
        c, d = self.points(who, lo, hi, comp)
        self.event(c, d, "competitor_mention")
        neg = np.where(warn[who], 0.7, np.where(self.price_sensitive[who], 0.08, 0.02)) / 30
        c, d = self.points(who, lo, hi, neg)
        self.event(c, d, "negotiation")
        c, d = self.points(who, lo, hi, np.full(who.size, 0.05 / 30))
        self.event(c, d, "complaint", outcome=np.where(self.rng.random(c.size) < 0.8, "resolved", "unresolved"),
                   odate=d + 5, sat=np.where(self.rng.random(c.size) < 0.8, "yes", "no"))
        self.contacts_and_surveys(lo, hi, alive, warn, nps_drop=3.0, contact_keep=0.8)
        late = np.round(self.rng.normal(0, 5, self.n))
        self.monthly_invoices(lo, hi, alive, late, np.zeros(self.n, bool))


class Service(_Sim):
    lag = (30, 150)

    def __init__(self, n, seed):
        super().__init__(n, seed)
        self.bad_until = np.full(n, -np.inf)      # a badly handled complaint raises the risk until
        self.good_until = np.full(n, -np.inf)
        self.manager_until = np.full(n, -np.inf)
        rng = self.rng
        trouble = rng.random(n) < 0.18
        self.trouble_start = np.where(trouble, rng.uniform(200, DAYS, n), np.inf)
        self.trouble_end = self.trouble_start + rng.uniform(120, 300, n)
        self.n_survey = rng.random(n) < 0.4

    def trouble(self, lo):
        return (self.trouble_start <= lo) & (lo < self.trouble_end)

    def hazard(self, lo):
        base = np.array([0.04, 0.06, 0.08, 0.10])[self.seg] / 12
        h = base * np.where(self.bad_until > lo, 3.5, 1.0) * np.where(self.good_until > lo, 0.6, 1.0)
        return h * np.where(self.trouble(lo), 3.0, 1.0) * np.where(self.manager_until > lo, 1.6, 1.0)

    def purchase_factor(self, lo, warn):
        return np.where(warn, 0.6, 1.0)

    def step_events(self, lo, hi, alive, warn):
        rng = self.rng
        who = np.flatnonzero(alive)
        c, d = self.points(who, lo, hi, np.where(warn[who], 0.25, 0.1) / 30)
        good = rng.random(c.size) < np.where(warn[c], 0.3, 0.65)
        slow = ~good & (rng.random(c.size) < 0.5)
        outcome = np.where(good | slow, "resolved", np.where(rng.random(c.size) < 0.5, "unresolved", "open"))
        days = np.where(good, rng.integers(1, 8, c.size), rng.integers(25, 70, c.size))
        self.event(c, d, "complaint", outcome=outcome,
                   odate=np.where(outcome == "open", np.nan, d + days),
                   sat=np.where(good, "yes", np.where(rng.random(c.size) < 0.8, "no", None)))
        np.maximum.at(self.bad_until, c[~good], d[~good] + 240)
        np.maximum.at(self.good_until, c[good], d[good] + 240)
        c, d = self.points(who, lo, hi, np.full(who.size, 0.02 / 30))
        self.event(c, d, "manager_change", direction="outbound")
        np.maximum.at(self.manager_until, c, d + 180)
        for kind, r in (("competitor_mention", 0.04), ("negotiation", 0.05), ("dispute", 0.01)):
            c, d = self.points(who, lo, hi, np.full(who.size, r / 30))
            self.event(c, d, kind)
        self.contacts_and_surveys(lo, hi, alive, warn, nps_drop=0.5, contact_keep=0.6)
        tr = self.trouble(lo)
        late = np.where(tr, rng.uniform(20, 60, self.n), rng.normal(0, 4, self.n)).round()
        self.monthly_invoices(lo, hi, alive, late, tr & (rng.random(self.n) < 0.3))


def simulate(world: str, n: int = 3000, seed: int = 11) -> dict[str, pd.DataFrame]:
    """The input tables of ``world`` ('market' or 'service') for ``n`` customers."""
    return {"market": Market, "service": Service}[world](n, seed).run()


def write(con, name: str, tables: dict[str, pd.DataFrame]) -> int:
    """Store ``tables`` as dataset ``name`` (replacing it) with its derived tables; its id."""
    con.execute("BEGIN TRANSACTION")
    try:
        ds = db.new_dataset_id(con)
        for table, frame in tables.items():
            con.register("cw_frame", frame)
            cols = ", ".join(f'"{c}"' for c in frame.columns)
            con.execute(f"INSERT INTO {table} (dataset_id, {cols}) SELECT $ds, {cols} FROM cw_frame", {"ds": ds})
            con.unregister("cw_frame")
        db.swap_in(con, name, ds, f"test world {name}", "demo")
        derived.build(con, ds)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return db.dataset_id(con, name)


def generate(con, world: str, n: int = 3000, seed: int = 11) -> int:
    return write(con, world, simulate(world, n, seed))


if __name__ == "__main__":
    connection = db.connect(sys.argv[1])
    for w in WORLDS:
        print(w, generate(connection, w, int(sys.argv[2]) if len(sys.argv) > 2 else 3000))
