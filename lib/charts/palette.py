"""The colours every chart shares (matching .streamlit/config.toml's theme)."""

PRIMARY = "#1f5f8b"
ACCENT = "#e07a1f"
GOOD = "#2e7d4f"
BAD = "#c0392b"
NEUTRAL = "#8a99a8"
#: An ordered palette for categories (stages, segments, groups), colour-blind safe (Okabe-Ito).
CATEGORICAL = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")
