// The page's language: Indonesian (the official labels) or English. The
// rubric's own texts come in `name`/`name_en` (`label`); the page's own
// buttons and headings are in each module's text table, read through
// `translator(TEXT)`, so a view brings its own texts.

const KEY = "iid-kalkulator:lang";
const events = new EventTarget();
let current = stored();

function stored() {
  try {
    return localStorage.getItem(KEY) === "en" ? "en" : "id";
  } catch {
    return "id";
  }
}

/** "id" or "en". */
export const language = () => current;

export function setLanguage(lang) {
  current = lang === "en" ? "en" : "id";
  try {
    localStorage.setItem(KEY, current);
  } catch {
    // Storage may be disabled; the choice then lasts for this visit.
  }
  document.documentElement.lang = current;
  events.dispatchEvent(new Event("change"));
}

/** Call `listener` after each change of language, until `signal` aborts. */
export function onLanguage(listener, signal) {
  events.addEventListener("change", listener, { signal });
}

/** t(key) in the current language, from a table { id: {...}, en: {...} }. */
export const translator = (texts) => (key) => texts[current][key] ?? texts.id[key];

/** A rubric item's text in the current language: `name_en` (or `<field>_en`) in English when present. */
export const label = (item, field = "name") => (current === "en" && item?.[`${field}_en`]) || item?.[field];

/**
 * Fill the `data-t` (text), `data-t-placeholder` and `data-t-label`
 * (aria-label) elements under `root` from t(), except those inside `except`.
 */
export function applyTexts(root, t, except = null) {
  const mine = (el) => !except?.contains(el);
  for (const el of root.querySelectorAll("[data-t]")) if (mine(el)) el.textContent = t(el.dataset.t);
  for (const el of root.querySelectorAll("[data-t-placeholder]")) if (mine(el)) el.placeholder = t(el.dataset.tPlaceholder);
  for (const el of root.querySelectorAll("[data-t-label]")) if (mine(el)) el.setAttribute("aria-label", t(el.dataset.tLabel));
}
