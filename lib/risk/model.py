"""The risk score: the logistic regression fitted on the dataset's history (:func:`fit_logistic`),
the rule points (:class:`Weights`), the :class:`Scorer` that applies either, the drivers, the
bands and the AUC that measures a score."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import optimize, special, stats

from lib.risk.signals import FEATURE_SIGNAL, FEATURES, SIGNALS


BANDS = ("low", "medium", "high")
#: Minimum sample for fitting the logistic model on history.
MIN_TRAIN_CUSTOMERS = 200
MIN_TRAIN_OUTCOMES = 20
#: Ridge penalties tried on time order (fit on the earlier training snapshots, judged on the
#: latest), and the one used when there is nothing to choose on.
L2_GRID = (1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1)
L2_DEFAULT = 3e-3
#: The penalty is chosen on at most this many customer-snapshots of each side (fit, check).
GRID_ROWS = 20_000


@dataclass(frozen=True)
class Weights:
    """Points per flagged signal for the rule-based score (capped at 100).

    Examples
    --------
    >>> Weights().points["cancellation"]
    40.0
    >>> Weights.from_dict({"disputes": 30}).points["disputes"]
    30.0
    """

    values: tuple[tuple[str, float], ...] = (
        ("frequency_drop", 15.0), ("revenue_drop", 10.0), ("silence", 15.0), ("complaints", 15.0),
        ("complaint_handling", 15.0), ("disputes", 15.0), ("payment_delay", 10.0), ("overdue", 10.0),
        ("inbound_decline", 5.0), ("competitor", 15.0), ("market_pressure", 10.0), ("negotiation", 10.0),
        ("satisfaction_drop", 10.0), ("manager_change", 10.0), ("cancellation", 40.0), ("open_notice", 40.0),
        ("p_alive", 20.0), ("new_customer", 10.0),
    )

    @property
    def points(self) -> dict[str, float]:
        return dict(self.values)

    @classmethod
    def from_dict(cls, points: dict[str, float]) -> "Weights":
        base = dict(cls().values)
        base.update({k: float(v) for k, v in points.items() if k in base})
        return cls(tuple((s, float(base[s])) for s in SIGNALS))

    def vector(self) -> np.ndarray:
        p = self.points
        return np.array([p.get(s, 0.0) for s in SIGNALS], dtype=float)


DEFAULT_BANDS = {"logistic": (15.0, 35.0), "rules": (30.0, 60.0)}
"""Score cut-offs per method: low below the first, high from the second on. The model's score
is a probability in % (a typical half-year loss rate is 5-15 %), the rules' score is points."""


def default_bands(method: str) -> tuple[float, float]:
    """The default band cut-offs for ``method`` ('logistic' or 'rules')."""
    return DEFAULT_BANDS.get(method, DEFAULT_BANDS["rules"])


# --- the logistic model ----------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class LogisticFit:
    """A fitted logistic regression on the original feature scale: P(lost) = expit(intercept +
    X @ coef). ``mean`` is the training mean (contributions are measured against it), ``scale``
    the training standard deviation (the ridge penalty acts on ``coef * scale``); ``se`` the
    standard errors of ``coef`` from the penalised Hessian."""

    names: tuple[str, ...]
    intercept: float
    coef: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    se: np.ndarray
    l2: float
    loglik: float
    n: int
    positives: int
    converged: bool
    iterations: int
    cov: np.ndarray | None = None     # covariance of ``coef`` (from the penalised Hessian)
    x_cov: np.ndarray | None = None   # covariance of the training features

    def logit(self, X: np.ndarray) -> np.ndarray:
        return self.intercept + np.asarray(X, dtype=float) @ self.coef

    def predict(self, X: np.ndarray) -> np.ndarray:
        return special.expit(self.logit(X))

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """Per row and feature: coef x (x - training mean), in log-odds; their sum plus the
        log-odds of the average training customer is the row's log-odds."""
        return (np.asarray(X, dtype=float) - self.mean) * self.coef

    def group_weight(self, columns: np.ndarray) -> tuple[float, float]:
        """(spread, p-value) of the features ``columns`` (a boolean mask) taken together: the
        standard deviation of their summed contribution over the training rows, in log-odds
        (sqrt(c' S c), S the features' covariance); and the Wald test that all their
        coefficients are 0 (chi-squared with as many degrees of freedom as non-constant features).
        """
        cols = np.flatnonzero(columns)
        c = self.coef[cols]
        spread = float(np.sqrt(max(c @ self.x_cov[np.ix_(cols, cols)] @ c, 0.0))) if self.x_cov is not None else np.nan
        keep = cols[np.isfinite(self.se[cols]) & (self.se[cols] > 0)]
        if self.cov is None or keep.size == 0:
            return spread, float("nan")
        try:
            wald = float(self.coef[keep] @ np.linalg.solve(self.cov[np.ix_(keep, keep)], self.coef[keep]))
        except np.linalg.LinAlgError:
            return spread, float("nan")
        return spread, float(stats.chi2.sf(wald, keep.size))

    @property
    def standardised(self) -> np.ndarray:
        """Change in log-odds per standard deviation of each feature (comparable weights)."""
        return self.coef * self.scale


class FitError(Exception):
    """The logistic model cannot be fitted (too few customers or outcomes, no convergence)."""


def _newton(objective, Z: np.ndarray, theta: np.ndarray, ridge: np.ndarray, steps: int = 50):
    """Newton's method with backtracking on the convex penalised log-loss: (theta, converged,
    iterations). The Hessian is Z' W Z / n + ``ridge``; converged when the largest gradient
    component is below 1e-9."""
    n = Z.shape[0]
    value, grad = objective(theta)
    for it in range(1, steps + 1):
        p = special.expit(Z @ theta)
        hessian = (Z * (p * (1 - p))[:, None]).T @ Z / n + ridge
        try:
            step = np.linalg.solve(hessian, grad)
        except np.linalg.LinAlgError:
            return theta, False, it
        t, slope = 1.0, float(grad @ step)
        while True:
            new_value, new_grad = objective(theta - t * step)
            if new_value <= value - 1e-4 * t * slope or t < 1e-10:
                break
            t /= 2
        if not np.isfinite(new_value) or t < 1e-10:
            return theta, False, it
        theta, value, grad = theta - t * step, new_value, new_grad
        if np.max(np.abs(grad)) < 1e-9:
            return theta, True, it
    return theta, False, steps


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = 1e-3, names: tuple[str, ...] | None = None) -> LogisticFit:
    """Maximum (penalised) likelihood logistic regression with an analytic gradient.

    Minimises mean(-y log p - (1 - y) log(1 - p)) + l2 / 2 * |beta_std|^2 over the intercept and
    the coefficients of the standardised features (the intercept is not penalised), by Newton's
    method (a handful of steps on this convex problem), or ``scipy.optimize.minimize`` (L-BFGS-B)
    where Newton does not converge (separable data without a penalty). Constant features get
    coefficient 0.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(4000, 2))
    >>> y = rng.random(4000) < special.expit(-1 + X @ np.array([1.5, -0.5]))
    >>> fit = fit_logistic(X, y, l2=0)
    >>> bool(np.allclose(fit.coef, [1.5, -0.5], atol=0.15)), bool(abs(fit.intercept + 1) < 0.15)
    (True, True)
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, k = X.shape
    if n == 0 or y.min(initial=1) == y.max(initial=0):
        raise FitError("the outcome has only one value")
    mean = X.mean(axis=0)
    sd = X.std(axis=0)
    constant = sd < 1e-12
    scale = np.where(constant, 1.0, sd)
    Z = np.column_stack([np.ones(n), np.where(constant, 0.0, (X - mean) / scale)])
    penalty = np.full(k + 1, l2)
    penalty[0] = 0.0

    def objective(theta):
        eta = Z @ theta
        loss = (np.logaddexp(0.0, eta) - y * eta).mean()  # -log-likelihood: log(1 + e^eta) - y eta
        grad = Z.T @ (special.expit(eta) - y) / n
        return loss + 0.5 * np.sum(penalty * theta ** 2), grad + penalty * theta

    theta0 = np.zeros(k + 1)
    rate = y.mean()
    theta0[0] = math.log(rate / (1 - rate))
    fixed = np.diag(np.r_[0.0, constant.astype(float)])   # constant features: stay at 0
    theta, converged, iterations = _newton(objective, Z, theta0, np.diag(penalty) + fixed)
    if not converged:  # e.g. separable data without a penalty: the quasi-Newton search decides
        res = optimize.minimize(objective, theta0, jac=True, method="L-BFGS-B",
                                options={"maxiter": 1000, "gtol": 1e-9, "ftol": 1e-14})
        theta, converged, iterations = res.x, bool(res.success), int(res.nit)
    theta[1:][constant] = 0.0
    p = special.expit(Z @ theta)
    hessian = (Z * (p * (1 - p))[:, None]).T @ Z / n + np.diag(penalty) + np.diag(np.r_[0, constant.astype(float)])
    try:
        cov = np.linalg.inv(hessian) / n
        se_std = np.sqrt(np.clip(np.diag(cov)[1:], 0, None))
        cov_coef = cov[1:, 1:] / np.outer(scale, scale)
        cov_coef[constant, :] = np.nan
        cov_coef[:, constant] = np.nan
    except np.linalg.LinAlgError:
        se_std = np.full(k, np.nan)
        cov_coef = np.full((k, k), np.nan)
    coef = theta[1:] / scale
    intercept = float(theta[0] - np.sum(coef * mean))
    loglik = float((y * special.log_expit(Z @ theta) + (1 - y) * special.log_expit(-(Z @ theta))).sum())
    return LogisticFit(tuple(names or (f"x{i}" for i in range(k))), intercept, coef, mean, scale,
                       np.where(constant, np.nan, se_std / scale), l2, loglik, n, int(y.sum()),
                       converged, iterations, cov_coef, np.atleast_2d(np.cov(X, rowvar=False)))


# --- scoring ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scorer:
    """Everything needed to score features: the method, the logistic coefficients (log-odds) and
    training means, or the rule points; and the BG/NBD parameters P(alive) is computed with.
    Small, frozen and hashable, so the story and the exports can be cached on it."""

    method: str                                   # 'logistic' | 'rules'
    intercept: float = 0.0
    coef: tuple[float, ...] = ()
    mean: tuple[float, ...] = ()
    weights: Weights = Weights()
    bgnbd: tuple[float, ...] | None = None

    def score(self, features: np.ndarray, flags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(score 0-100, contributions per signal). Logistic: 100 x P(lost within the horizon),
        contributions in log-odds against the average training customer, each signal's the sum
        over its features (:data:`lib.risk.signals.FEATURES`), so the contributions add up to the
        customer's log-odds minus the average customer's. Rules: the sum of the points of the
        flagged signals, capped at 100; contributions in points."""
        flags = np.asarray(flags, dtype=bool).reshape(-1, len(SIGNALS))
        if self.method == "logistic":
            features = np.asarray(features, dtype=float).reshape(-1, len(FEATURES))
            coef, mean = np.asarray(self.coef), np.asarray(self.mean)
            contrib = ((features - mean) * coef) @ FEATURE_SIGNAL
            score = 100 * special.expit(self.intercept + features @ coef)
            return score, contrib
        contrib = flags * self.weights.vector()
        return np.minimum(contrib.sum(axis=1), 100.0), contrib

    @property
    def min_contribution(self) -> float:
        """A driver must add at least this much (0.1 log-odds, or any points)."""
        return 0.1 if self.method == "logistic" else 1e-9


def top_drivers(contrib: np.ndarray, minimum: float, k: int = 3) -> np.ndarray:
    """Indices into :data:`SIGNALS` of each row's ``k`` largest contributions above ``minimum``,
    largest first; -1 where there are fewer.

    Examples
    --------
    >>> top_drivers(np.array([[0.5, 0.0, 2.0, 0.05]]), 0.1).tolist()
    [[2, 0, -1]]
    """
    c = np.asarray(contrib, dtype=float)
    order = np.argsort(-c, axis=1, kind="stable")[:, :k]
    best = np.take_along_axis(c, order, axis=1)
    return np.where(best > minimum, order, -1).astype(np.int8)


def bands(score: np.ndarray, cuts: tuple[float, float] = (30.0, 60.0)) -> np.ndarray:
    """0 low, 1 medium, 2 high: medium from ``cuts[0]``, high from ``cuts[1]`` on.

    Examples
    --------
    >>> bands(np.array([0, 29.9, 30, 59.9, 60, 100])).tolist()
    [0, 0, 1, 1, 2, 2]
    """
    return np.digitize(np.asarray(score, dtype=float), np.asarray(cuts, dtype=float)).astype(np.int8)


def auc(score_values: np.ndarray, labels: np.ndarray) -> float:
    """Area under the ROC curve from ranks (ties count one half): the probability that a
    random lost customer scores higher than a random staying one. Equals the Mann-Whitney U
    statistic divided by n_lost x n_stayed. NaN when one of the groups is empty.

    Examples
    --------
    >>> auc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1]))
    0.75
    """
    s = np.asarray(score_values, dtype=float)
    y = np.asarray(labels, dtype=bool)
    n1, n0 = int(y.sum()), int((~y).sum())
    if n1 == 0 or n0 == 0:
        return float("nan")
    ranks = stats.rankdata(s)
    return float((ranks[y].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))
