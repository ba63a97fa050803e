// The page's views, in the order of the navigation. A view is one module
// exporting mount(root, { signal }) (see README.md in this folder); adding
// one is that module plus one line here. `id` is its address (#/id).

export default [
  { id: "kalkulator", title: { id: "Kalkulator", en: "Calculator" }, load: () => import("./calculator/index.js") },
  { id: "peringkat", title: { id: "Peringkat", en: "Ranking" }, load: () => import("./national.js") },
  { id: "ketahanan", title: { id: "Ketahanan", en: "Robustness" }, load: () => import("./robustness.js") },
  { id: "risiko", title: { id: "Risiko", en: "Risk" }, load: () => import("./risk.js") },
  { id: "riwayat", title: { id: "Riwayat", en: "History" }, load: () => import("./history.js") },
  { id: "lembar-kerja", title: { id: "Lembar kerja", en: "Workbook" }, load: () => import("./workbook.js") },
  { id: "metodologi", title: { id: "Metodologi", en: "Methodology" }, load: () => import("./methodology.js") },
];
