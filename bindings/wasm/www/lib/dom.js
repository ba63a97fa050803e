// Building the page's DOM: no templates, no inline styles (the page's
// Content-Security-Policy allows neither), so every view builds its
// elements with h() and sets widths through the CSSOM.

export const $ = (id) => document.getElementById(id);

/**
 * Create an element: h("p", {class: "x", onclick: f}, child, "text").
 * `on*` attributes become listeners, `text` the text content; a property
 * of the element given a non-string (`checked: true`, `hidden: false`) is
 * set as a property; null, undefined and false attributes are skipped.
 * Children may be nested arrays; null and false children are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) if (c != null && c !== false) el.append(c);
  return el;
}

/**
 * Load a view's own style sheet (a file beside it: `new URL("x.css",
 * import.meta.url)`) for as long as the view lives (until `signal`
 * aborts). Resolves once the sheet is applied (or failed), so a view can
 * wait for it before it renders. The CSP allows style sheets from the
 * page's origin, never inline styles.
 */
export function stylesheet(url, signal) {
  const link = h("link", { rel: "stylesheet", href: String(url) });
  const loaded = new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
  document.head.append(link);
  signal?.addEventListener("abort", () => link.remove(), { once: true });
  return loaded;
}

/** Offer `data` (text or bytes) to the user as a file named `name`. */
export function download(name, data, type = "application/octet-stream") {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
