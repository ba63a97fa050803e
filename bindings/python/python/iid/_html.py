"""HTML rendering of a result for Jupyter (``Result._repr_html_``): the
index and predicate, the headline figures, the findings and the
per-indicator breakdown. Labels are the official Indonesian terms with the
English in small type."""

from __future__ import annotations

from html import escape
from typing import Any

_SEVERITY = {"critical": "#b00020", "warning": "#a15c00", "info": "#3b5b8c"}


def _e(v: Any) -> str:
    return "" if v is None else escape(str(v))


def _row(label: str, en: str, value: Any) -> str:
    return (
        f"<tr><th style='text-align:left'>{_e(label)} <small style='font-weight:normal'>"
        f"{_e(en)}</small></th><td style='text-align:right'>{_e(value)}</td></tr>"
    )


def result_html(d: dict[str, Any]) -> str:
    """The result object ``d`` (as ``Result.to_dict()``) as an HTML fragment."""
    region = d.get("region") or {}
    title = _e(d["methodology_name"])
    if region.get("name"):
        title = f"{_e(region['name'])} &middot; {title}"
    pred_en = f" <small>({_e(d['predicate_en'])})</small>" if d.get("predicate_en") else ""
    head = (
        f"<div style='font-size:1.1em;margin-bottom:4px'><b>{title}</b></div>"
        f"<div style='font-size:1.6em'><b>{_e(d['index'])}</b> "
        f"<span>{_e(d['predicate'])}</span>{pred_en}</div>"
        f"<div><small>indeks eksak / exact index {_e(d['index_exact'])}; "
        f"mode {_e(d['mode'])}</small></div>"
    )
    max_total = d.get("max_total_score")
    figures = "".join(
        [
            _row("SPD", "region rows", d["spd_score"]),
            _row("SID", "innovations", d["sid_score"]),
            _row("Rata-rata SID", "average of rows", d["sid_average"]),
            _row("Skor jumlah inovasi", "count score", d["innovation_count_score"]),
            _row(
                "Total",
                "total",
                f"{d['total_score']} / {max_total}" if max_total else d["total_score"],
            ),
            _row("Jumlah inovasi", "innovations n", d["innovation_count"]),
            _row("Pembagi", "divisor MAX(d, n)", d["divisor"]),
            _row(
                "Urusan pelayanan dasar",
                "basic services covered",
                f"{len(d['yandas_covered'])}"
                + (f" (wajib / required {d['yandas_required']})" if d.get("yandas_required") else ""),
            ),
        ]
    )
    findings = d.get("findings") or []
    if findings:
        items = "".join(
            f"<li><span style='color:{_SEVERITY.get(f['severity'], '#333')}'>"
            f"[{_e(f['severity'])}]</span> {_e(f['message_id'])}<br>"
            f"<small>{_e(f['message_en'])} <code>{_e(f['path'])}</code></small></li>"
            for f in findings
        )
        findings_html = f"<h4>Temuan <small>findings</small></h4><ul>{items}</ul>"
    else:
        findings_html = "<h4>Temuan <small>findings</small></h4><p>Tidak ada / none.</p>"

    body = []
    for a in d["breakdown"]["aspects"]:
        body.append(
            f"<tr style='background:#eef'><td colspan='5'><b>{_e(a['code'])} {_e(a['name'])}</b>"
            f"</td><td style='text-align:right'><b>{_e(a['score'])}</b></td>"
            f"<td style='text-align:right'>{_e(a.get('max'))}</td></tr>"
        )
        for v in a["variables"]:
            body.append(
                f"<tr style='background:#f6f6fb'><td colspan='5'>&nbsp;&nbsp;{_e(v['name'])}</td>"
                f"<td style='text-align:right'>{_e(v['score'])}</td>"
                f"<td style='text-align:right'>{_e(v.get('max'))}</td></tr>"
            )
            for i in v["indicators"]:
                answer = i.get("level") if i["kind"] == "region" else i.get("answered")
                star = "*" if i["mandatory"] else ""
                body.append(
                    f"<tr><td>{_e(i['code'])}{star}</td><td>{_e(i['name'])}</td>"
                    f"<td>{_e(i['kind'])}</td><td style='text-align:right'>{_e(i['weight'])}</td>"
                    f"<td style='text-align:right'>{_e(answer)}</td>"
                    f"<td style='text-align:right'>{_e(i['score'])}</td>"
                    f"<td style='text-align:right'>{_e(i.get('max'))}</td></tr>"
                )
    table = (
        "<h4>Rincian <small>breakdown</small></h4>"
        "<table><thead><tr><th>Kode</th><th>Indikator</th><th>Jenis</th><th>Bobot</th>"
        "<th>Level / dijawab</th><th>Skor</th><th>Maks</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
        "<small>* wajib / mandatory. Innovation rows: number of innovations answering, "
        "score averaged over the divisor.</small>"
    )
    return (
        "<div class='iid-result'>"
        f"{head}<table style='margin-top:6px'>{figures}</table>{findings_html}{table}</div>"
    )
