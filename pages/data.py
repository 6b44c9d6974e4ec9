"""Data: upload exports, map their columns, preview them as stored, import them atomically into a
new or an existing dataset; the datasets with their sources (rename, delete, make current); a
template per table. Importing, renaming and removing datasets ask for the admin password when one is configured."""
import os
import shutil
import tempfile
import threading
import time
import uuid
import weakref
from pathlib import Path

import pandas as pd
import streamlit as st

from lib import access, db, importing, results, ui
from lib.importing import contract, formats
from lib.i18n import LANGS, fmt_int, fmt_num, md_text, source_label, t as translate
from lib.loaders import DatasetKey, warm

ctx = ui.context()
lang = ctx.lang
t = ctx.t
state = st.session_state
TABLES = list(contract.TABLES)
SEPARATORS = {",": "data.sep.comma", ";": "data.sep.semicolon", "\t": "data.sep.tab", "|": "data.sep.pipe",
              ".": "data.sep.point", " ": "data.sep.space", "'": "data.sep.apostrophe", "": "data.sep.none"}
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE",
                  "cp1252": "Windows-1252", "latin-1": "Latin-1 (ISO-8859-1)",
                  "utf-8+cp1252": "UTF-8 + Windows-1252 (line by line)"}
AUTO = "\x00auto"  # sentinels no header or setting can equal

st.title(t("data.title"))
st.markdown(t("data.intro"))


# --- access ------------------------------------------------------------------------------------------
def admin_password() -> str | None:
    """The admin password: $LIFECYCLE_ADMIN_PASSWORD, else `admin_password` in
    .streamlit/secrets.toml; None when neither is set (then everyone may import)."""
    if os.environ.get("LIFECYCLE_ADMIN_PASSWORD"):
        return os.environ["LIFECYCLE_ADMIN_PASSWORD"]
    try:
        return st.secrets.get("admin_password") or None
    except Exception:  # no secrets file at all
        return None


def unlock():
    if access.check_password(state.get("data_pw", ""), admin_password()):
        state["data_unlocked"] = True
    else:
        time.sleep(1)  # slows down guessing
        state["data_flash"] = ("error", t("data.wrong_password"))
    state["data_pw"] = ""


def lock():
    state["data_unlocked"] = False


password = admin_password()
can_write = password is None or bool(state.get("data_unlocked"))
if password is None and not access.is_local(st.get_option("server.address")):
    st.warning(t("data.exposed"), icon=":material/public:")
if password and not can_write:
    with st.container(border=True):
        st.info(t("data.locked"), icon=":material/lock:")
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        c1.text_input(t("data.password"), type="password", key="data_pw")
        c2.button(t("data.unlock"), key="data_unlock", on_click=unlock, icon=":material/lock_open:")
elif password:
    c1, c2 = st.columns([3, 1], vertical_alignment="center")
    c1.caption(t("data.unlocked"))
    c2.button(t("data.lock"), key="data_lock", on_click=lock, icon=":material/lock:")

flash = state.pop("data_flash", None)
if flash:
    getattr(st, flash[0])(flash[1])


# --- uploads: bytes in a private folder, named by us ---------------------------------------------------
class _Folder:
    """This session's upload folder; removed when the session ends."""

    def __init__(self):
        self.path = Path(tempfile.mkdtemp(prefix="lcx-upload-"))
        weakref.finalize(self, shutil.rmtree, self.path, True)


def folder() -> Path:
    if "data_folder" not in state:
        state["data_folder"] = _Folder()
    return state["data_folder"].path


def saved(upload) -> Path:
    """The upload's bytes on disk under a random name (the person's file name is never a path)."""
    files = state.setdefault("data_saved", {})
    if upload.file_id not in files:
        path = folder() / f"{uuid.uuid4().hex}.upload"
        path.write_bytes(upload.getbuffer())
        files[upload.file_id] = path
    return files[upload.file_id]


def forget(keep: set[str]) -> None:
    """Remove the saved bytes and prepared parts of files no longer uploaded."""
    files = state.setdefault("data_saved", {})
    for file_id in [f for f in files if f not in keep]:
        files.pop(file_id).unlink(missing_ok=True)
    parts = state.setdefault("data_parts", {})
    for key in [k for k in parts if k[0] not in keep]:
        parts.pop(key)


def prepared(upload, table, settings: dict, mapping: dict):
    """The file opened for import (memoised per file and choices; opening re-reads its head)."""
    parts = state.setdefault("data_parts", {})
    key = (upload.file_id, table, tuple(sorted(settings.items())), tuple(sorted(mapping.items())))
    if key not in parts:
        try:
            parts[key] = importing.open_part(saved(upload), upload.name, folder(), table=table, settings=settings,
                                             mapping=mapping)
        except formats.FileProblem as exc:
            parts[key] = t(f"data.file.{exc.code}", **{k: md_text(v) for k, v in {"file": upload.name, **exc.params}.items()})
        except importing.ImportProblem as exc:
            parts[key] = exc.message(lang)
    return parts[key]


def sep_label(sep: str) -> str:
    return t(SEPARATORS[sep])


def choice(label, options, detected, key, fmt, **kw):
    """A selectbox whose first option is "automatic" (showing what was detected)."""
    value = st.selectbox(label, [AUTO, *options], key=key,
                         format_func=lambda o: t("data.file.auto", value=fmt(detected)) if o == AUTO else fmt(o), **kw)
    return None if value == AUTO else value


def summary(part) -> str:
    s = part.settings
    dates = formats.DATE_LABELS[s.date_format]
    decimal = sep_label(s.decimal)
    if part.kind == "csv":
        return t("data.summary.detected", kind="CSV", encoding=ENCODING_NAMES.get(s.encoding, s.encoding),
                 delimiter=sep_label(s.delimiter), decimal=decimal, dates=dates)
    return t("data.summary.typed", kind=part.kind.upper(), decimal=decimal, dates=dates)


def table_box(fid: str, guessed: str | None):
    """Which table the file is: the guess, one of the seven, or "do not import"."""
    def label(o):
        if o == AUTO:
            return t("data.file.table.auto", table=t(f"table.{guessed}") if guessed else "?")
        return t("data.file.table.skip") if o == "skip" else t(f"table.{o}")

    st.selectbox(t("data.file.table"), [AUTO, *TABLES, "skip"], key=f"data_{fid}_table",
                 help=t("data.file.table.help"), format_func=label)


def format_box(fid: str, part) -> None:
    """The detected reading settings, each overridable ("automatic" keeps the detection)."""
    with st.expander(t("data.file.format", summary=summary(part))):
        d = part.detected
        cols = st.columns(3)
        if part.kind == "csv":
            with cols[0]:
                choice(t("data.file.encoding"), list(formats.ENCODINGS), d.encoding, f"data_{fid}_encoding",
                       lambda e: ENCODING_NAMES.get(e, e))
            with cols[1]:
                choice(t("data.file.delimiter"), list(formats.DELIMITERS), d.delimiter, f"data_{fid}_delimiter",
                       sep_label)
        if part.kind != "parquet":
            with cols[2]:
                choice(t("data.file.header"), [True, False], d.header, f"data_{fid}_header",
                       lambda h: t("data.file.header.yes") if h else t("data.file.header.no"))
        cols = st.columns(3)
        with cols[0]:
            choice(t("data.file.decimal"), list(formats.DECIMALS), d.decimal, f"data_{fid}_decimal", sep_label)
        with cols[1]:
            choice(t("data.file.thousands"), list(formats.THOUSANDS), d.thousands, f"data_{fid}_thousands", sep_label)
        with cols[2]:
            choice(t("data.file.date_format"), list(formats.DATE_FORMATS), d.date_format,
                   f"data_{fid}_date_format", formats.DATE_LABELS.get, help=t("data.file.date_format.help"))


def file_card(upload):
    """Table, sheet, format, mapping and preview of one uploaded file; returns the part (or None)."""
    fid = upload.file_id
    cap = int(st.get_option("server.maxUploadSize"))
    with st.container(border=True):
        st.markdown(f"**{md_text(upload.name)}**")
        if upload.size > cap * 1024 * 1024:
            st.error(t("data.file.too_large", file=md_text(upload.name), size=f"{upload.size / 1048576:.0f}", cap=cap))
            return None
        table_pick = state.get(f"data_{fid}_table", AUTO)
        if table_pick == "skip":
            table_box(fid, None)
            return None
        settings = {name: state[f"data_{fid}_{name}"] for name in
                    ("encoding", "delimiter", "header", "decimal", "thousands", "date_format", "sheet")
                    if state.get(f"data_{fid}_{name}", AUTO) != AUTO}
        part = prepared(upload, None if table_pick == AUTO else table_pick, settings, {})
        if isinstance(part, str):
            st.error(part)
            if settings:  # an override made it unreadable: keep the settings reachable
                base = prepared(upload, None if table_pick == AUTO else table_pick, {}, {})
                if not isinstance(base, str):
                    format_box(fid, base)
            return None
        mapping = {}
        for col in contract.TABLES[part.table]:
            value = state.get(f"data_{fid}_{part.table}_{col.name}", AUTO)
            if value != AUTO:
                mapping[col.name] = None if value == "" else value
        if mapping:
            part = prepared(upload, part.table, settings, mapping)
            if isinstance(part, str):
                st.error(part)
                return None
        if part.notice:
            st.info(t(f"data.notice.{part.notice}", file=md_text(upload.name)))
        guessed = importing.guess_table(part.headers, upload.name) if table_pick == AUTO else part.table
        c1, c2 = st.columns(2)
        with c1:
            table_box(fid, guessed)
        if part.kind == "xlsx":
            with c2:
                choice(t("data.file.sheet"), list(part.sheets), part.detected.sheet, f"data_{fid}_sheet", str)
        format_box(fid, part)
        missing = part.missing_required()
        with st.expander(t("data.mapping"), expanded=bool(missing)):
            st.caption(t("data.mapping.help"))
            guess = importing.guess_mapping(part.table, part.headers)
            cols = st.columns(4)
            for i, col in enumerate(contract.TABLES[part.table]):
                found = part.headers[guess[col.name]] if col.name in guess else None
                with cols[i % 4]:
                    st.selectbox(f"{col.name}{' *' if col.required and not col.default else ''}",
                                 [AUTO, "", *part.headers], key=f"data_{fid}_{part.table}_{col.name}",
                                 format_func=lambda h, found=found: (
                                     t("data.mapping.auto", header=found or t("data.mapping.none")) if h == AUTO
                                     else t("data.mapping.none") if h == "" else h))
        if missing:
            st.warning(importing.ImportProblem(
                "missing_column", file=part.label, table=part.table, columns=", ".join(missing),
                headers=", ".join(part.headers)).message(lang))
            return part
        st.markdown(f"**{t('data.preview')}**")
        if ctx.anon:   # the file's rows hold the real ids and names
            st.info(t("anon.data.preview"), icon=":material/visibility_off:")
            return part
        try:
            head = importing.preview(part, 8, lang)
            if not head["problems"].any():
                head = head.drop(columns="problems")
            config = {c.name: st.column_config.NumberColumn(format="%.2f") for c in contract.TABLES[part.table]
                      if c.kind == "decimal"}
            config["problems"] = st.column_config.TextColumn(width="large")
            # the preview of the reader's own file: nothing to download that the file does not hold
            ui.table(head, key=f"data_{fid}_{part.table}_preview", lang=lang, column_config=config, downloadable=False)
            st.caption(t("data.preview.caption"))
        except importing.ImportProblem as exc:
            st.error(exc.message(lang))
        return part


# --- the import ------------------------------------------------------------------------------------------
def make_current(name: str):
    ui._catalog.clear()
    state["app_dataset"] = name


def run(parts, name: str, mode: str, skip: bool) -> None:
    """Import with a progress bar (the import runs in a worker thread; this one draws), then the
    new dataset's first views (:func:`warm_up`). The result is kept in the session before those
    start, so a reader who leaves meanwhile finds it when coming back."""
    plan = importing.Plan(name, parts, skip_bad_rows=skip, mode=mode)
    con = ui.cursor(ctx.db_path)
    progress = importing.Progress()
    box: dict = {}
    workdir = folder()

    def work():
        try:
            box["outcome"] = importing.run_import(con, plan, workdir, progress, lang)
        except Exception as exc:  # a bug, not bad data: say so instead of a half-drawn page
            box["outcome"] = importing.Outcome(False, name, error=importing.ImportProblem("failed", error=str(exc)[:300]))

    worker = threading.Thread(target=work)
    bar = st.progress(0.0, text=t("data.stage.prepare"))
    worker.start()
    while worker.is_alive():
        worker.join(0.3)
        bar.progress(progress.fraction(), text=t(f"data.stage.{progress.stage}", file=progress.file))
    ui._catalog.clear()
    o = box["outcome"]
    result = state["data_result"] = {
        "ok": o.ok, "dataset": o.dataset, "counts": o.counts, "seconds": o.seconds, "views": None,
        "problems": pd.DataFrame([p.as_row(lang) for p in o.problems],
                                 columns=["file", "line", "column", "value", "problem"]),
        "total": o.total_problems, "rejected_rows": o.rejected_rows, "rejected": o.rejected,
        "error": o.error.message(lang) if o.error else None,
        "notices": [t(f"data.notice.{n}", **{k: md_text(v) for k, v in p.items()}) for n, p in o.notices]}
    views = warm_up(o, bar) if o.ok and o.prepared and o.dataset_id is not None else None
    bar.empty()
    if views is not None:
        result["views"] = {"seconds": views.seconds, "failed": len(views.failed), "total": views.total,
                           "stopped": views.stopped, "stored": results.enabled()}


def warm_up(o, bar) -> warm.Run | None:
    """The new dataset's default views computed and stored (lib/loaders/warm.py) while the bar
    shows how far: then every page opens at once, also after a restart. The finished run, or None
    when warm-ups are off. Leaving the page does not stop it."""
    key = DatasetKey(ctx.db_path, int(o.dataset_id))
    run = warm.start(key, background=False) or warm.running(key)   # or another session opened it first
    if run is None:
        return None
    while not run.finished:
        text = t("data.stage.warm", done=run.done, total=run.total) if run.total else t("data.stage.warm.start")
        bar.progress(run.fraction(), text=text)
        time.sleep(0.3)
    return run


def show_result(r: dict):
    for notice in r["notices"]:
        st.info(notice)
    if r["ok"]:
        counts = ", ".join(t("data.result.rows", table=t(f"table.{k}"), rows=fmt_int(v, lang)) for k, v in r["counts"].items())
        st.success(t("data.result.ok", name=md_text(r["dataset"]), counts=counts, seconds=fmt_num(r["seconds"], lang, 1)))
        views = r.get("views")
        if views is not None and not views["stopped"] and not views["failed"]:
            st.caption(t("data.result.views" if views["stored"] else "data.result.views.memory",
                         seconds=fmt_num(views["seconds"], lang, 1)))
        elif views is not None:   # logged on the server; the pages compute the rest when opened
            st.caption(t("data.result.views.stopped") if views["stopped"] else
                       t("data.result.views.partial" + (".one" if views["failed"] == 1 else ""),
                         failed=fmt_int(views["failed"], lang), total=fmt_int(views["total"], lang)))
        if r["dataset"] != ctx.dataset:
            st.button(t("data.result.show"), key="data_show", on_click=make_current, args=(r["dataset"],),
                      icon=":material/visibility:")
        if r["rejected_rows"]:
            st.warning(t("data.result.rejected", rows=fmt_int(r["rejected_rows"], lang),
                         problems=fmt_int(r["total"], lang)))
    elif r["error"]:
        st.error(t("data.result.refused", message=md_text(r["error"])))
    else:
        st.error(t("data.result.failed.one") if r["total"] == 1 else
                 t("data.result.failed", total=fmt_int(r["total"], lang)))
        st.caption(t("data.result.failed.caption", shown=len(r["problems"])))
    if ctx.anon and (len(r["problems"]) or (r["ok"] and r["rejected"] is not None and len(r["rejected"]))):
        st.info(t("anon.data.problems"), icon=":material/visibility_off:")   # their values may be ids or names
        return
    if len(r["problems"]):
        ui.table(r["problems"], key="data_problems", lang=lang, stem=f"import-problems-{r['dataset']}", column_config={
            "file": t("data.col.file"),
            "line": st.column_config.NumberColumn(t("data.col.line"), help=t("data.col.line.help"), format="%d"),
            "column": t("data.col.column"), "value": t("data.col.value"),
            "problem": st.column_config.TextColumn(t("data.col.problem"), width="large")})
    if r["ok"] and r["rejected"] is not None and len(r["rejected"]):
        st.markdown(f"**{t('data.result.rejected_rows')}**")
        ui.download(r["rejected"], f"{r['dataset']}-rejected", "data_rejected", lang, rows=len(r["rejected"]))


def import_tab():
    if not can_write:
        st.info(t("data.read_only"), icon=":material/lock:")
        return
    cap = int(st.get_option("server.maxUploadSize"))
    uploads = st.file_uploader(t("data.upload"), type=["csv", "tsv", "txt", "xlsx", "xlsm", "parquet", "pq"],
                               accept_multiple_files=True, key="data_files", help=t("data.upload.help"),
                               max_upload_size=cap)
    st.caption(t("data.upload.caption", cap=cap))
    uploads = uploads or []
    forget({u.file_id for u in uploads})
    if not uploads:
        st.info(t("data.upload.none"))
        if "data_result" in state:
            show_result(state["data_result"])
        return
    parts = [p for p in (file_card(u) for u in uploads) if p is not None]
    names = ui._catalog(ctx.db_path)["name"].tolist()
    mode = st.radio(t("data.target"), ["new", "replace"], key="data_target", horizontal=True,
                    format_func=lambda m: t(f"data.target.{m}"))
    c2, c3 = st.columns([3, 2], vertical_alignment="bottom")
    if mode == "new":
        name = c2.text_input(t("data.name"), key="data_name", help=t("data.name.help"), max_chars=63).strip()
    else:
        name = c2.selectbox(t("data.replace"), names, key="data_replace", help=t("data.replace.help"))
    skip = c3.checkbox(t("data.skip"), key="data_skip", help=t("data.skip.help"))
    if name and not db.valid_name(name):
        st.error(t("data.error.bad_name", name=md_text(name)))
    ready = bool(parts) and db.valid_name(name) and all(not p.missing_required() for p in parts)
    if st.button(t("data.go"), key="data_go", type="primary", disabled=not ready, icon=":material/upload:"):
        run(parts, name, mode, skip)
    if "data_result" in state:
        show_result(state["data_result"])


# --- datasets ----------------------------------------------------------------------------------------------
def store_message(exc: db.StoreError) -> str:
    """The store's refusal in the page's language (its English message when it has no sentence)."""
    return t(f"data.error.{exc.code}", **{k: md_text(v) for k, v in exc.params.items()}) if exc.code else md_text(exc)


def do_rename(old: str):
    new = (state.get("data_new_name") or "").strip()
    try:
        db.rename_dataset(ui.cursor(ctx.db_path), old, new)
    except db.StoreError as exc:
        state["data_flash"] = ("error", store_message(exc))
        return
    ui._catalog.clear()
    if state.get("app_dataset") == old:
        state["app_dataset"] = new
    state["data_ds"] = new
    state["data_new_name"] = ""
    state["data_flash"] = ("success", t("data.manage.renamed", old=md_text(old), new=md_text(new)))


def do_delete(name: str):
    try:
        db.drop_dataset(ui.cursor(ctx.db_path), name)
    except db.StoreError as exc:
        state["data_flash"] = ("error", store_message(exc))
        return
    ui._catalog.clear()
    state.pop("data_ds", None)
    state["data_confirm"] = False
    state["data_flash"] = ("success", t("data.manage.deleted", name=md_text(name)))


def datasets_tab():
    frame = db.datasets_frame(ui.cursor(ctx.db_path))
    if frame.empty:
        st.info(t("data.datasets.none"))
        return
    st.caption(t("data.datasets.caption"))
    shown = frame.assign(kind=frame["kind"].map(lambda k: t(f"data.kind.{k}") if k in ("demo", "import") else k),
                         source=frame["source"].map(lambda s: source_label(s, lang)))
    shown = shown[["name", "kind", *db.TABLES, "first_date", "last_date", "created_at", "source"]]
    config = {"name": t("data.col.name"), "kind": t("data.col.kind"),
              "created_at": st.column_config.DatetimeColumn(t("data.col.created"), format="YYYY-MM-DD HH:mm"),
              "source": st.column_config.TextColumn(t("data.col.source"), width="medium"),
              "first_date": st.column_config.DateColumn(t("data.col.first")),
              "last_date": st.column_config.DateColumn(t("data.col.last"))}
    config.update({tb: st.column_config.NumberColumn(t(f"table.{tb}")) for tb in db.TABLES})
    # the datasets' own names: no customer in this table, nothing to mask in anonymised mode
    ui.table(shown, key="data_datasets", lang=lang, stem="datasets", column_config=config, mask=False,
             formats={"created_at": "datetime", "first_date": "date", "last_date": "date",
                      **{tb: "int" for tb in db.TABLES}})

    st.subheader(t("data.manage"))
    names = frame["name"].tolist()
    if state.get("data_ds") not in names:
        state["data_ds"] = ctx.dataset if ctx.dataset in names else names[0]
    picked = st.selectbox(t("data.manage.pick"), names, key="data_ds")
    c1, c2, c3 = st.columns(3)
    with c1:
        if picked == state.get("app_dataset", ctx.dataset):
            st.caption(t("data.manage.is_current", name=md_text(picked)))
        st.button(t("data.manage.current"), key="data_make_current", on_click=make_current, args=(picked,),
                  help=t("data.manage.current.help"), icon=":material/check_circle:",
                  disabled=picked == state.get("app_dataset", ctx.dataset))
    with c2:
        st.text_input(t("data.manage.new_name"), key="data_new_name", max_chars=63, disabled=not can_write,
                      help=t("data.name.help"))
        st.button(t("data.manage.rename"), key="data_rename", on_click=do_rename, args=(picked,),
                  disabled=not can_write or not (state.get("data_new_name") or "").strip(), icon=":material/edit:")
    with c3:
        if len(names) == 1:
            st.caption(t("data.manage.last"))
        else:
            confirmed = st.checkbox(t("data.manage.confirm", name=md_text(picked)), key="data_confirm", disabled=not can_write)
            st.button(t("data.manage.delete"), key="data_delete", on_click=do_delete, args=(picked,),
                      disabled=not (can_write and confirmed), icon=":material/delete:")


# --- templates -------------------------------------------------------------------------------------------
def type_label(col: contract.Column) -> str:
    if col.kind == "int" and col.hi is not None and col.hi < 1000:
        return t("data.type.int_range", lo=col.lo, hi=col.hi)
    if col.kind in ("enum", "code"):
        return t(f"data.type.{col.kind}", values=", ".join(col.values))
    return t(f"data.type.{col.kind}")


def templates_tab():
    table = st.selectbox(t("data.templates.pick"), TABLES, key="data_tpl", format_func=lambda x: t(f"table.{x}"),
                         on_change=ui.url_state("data_tpl", TABLES[0], options=list(TABLES)))
    st.caption(t("data.templates.caption"))
    example = contract.template(table)
    ui.table(pd.DataFrame({
        t("data.templates.column"): [c.name for c in contract.TABLES[table]],
        t("data.templates.required"): [t("data.yes") if c.required and not c.default else t("data.no")
                                       for c in contract.TABLES[table]],
        t("data.templates.type"): [type_label(c) for c in contract.TABLES[table]],
        t("data.templates.example"): [str(example[c.name].dropna().iloc[0]) for c in contract.TABLES[table]],
        t("data.templates.also"): [", ".join(h for h in c.headers if h != c.name) for c in contract.TABLES[table]],
    }), key=f"data_columns_{table}", lang=lang, stem=f"columns-{table}", static=True, column_config={
        t("data.templates.type"): st.column_config.TextColumn(width="medium"),
        t("data.templates.also"): st.column_config.TextColumn(width="large")})
    ui.download(example, f"template-{table}", f"data_tpl_{table}", lang, mask=False)   # made-up rows


# The URL keeps the open tab's id (data_tab=datasets); a link made before that names its English or
# German title.
TABS = {"import": import_tab, "datasets": datasets_tab, "templates": templates_tab}
old_title = {translate(f"data.tab.{k}", other): k for k in TABS for other in LANGS}
if st.query_params.get("data_tab") in old_title:
    st.query_params["data_tab"] = old_title[st.query_params["data_tab"]]
for tab_name, container in ui.tabs("data_tab", TABS, lambda k: t(f"data.tab.{k}")).items():
    if container.open:
        with container:
            TABS[tab_name]()
