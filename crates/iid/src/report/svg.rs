//! The report's charts as inline SVG (a few shapes each; no chart crate,
//! which keeps the `.wasm` small). Geometry is computed with decimals, as
//! every figure is: a bar's width is its score over its maximum.

use maud::{html, Markup};
use rust_decimal::{Decimal, RoundingStrategy};

use super::ReportBand;

/// Band colours, highest band first (print-safe, distinguishable in grey).
const BAND_COLOURS: [&str; 6] = [
    "#1a7f37", "#2f6fb5", "#c98a12", "#9aa1a9", "#b35900", "#6e40c9",
];

/// `value / max * width`, to one decimal (0 when max is 0).
fn scale(value: Decimal, max: Decimal, width: u32) -> String {
    if max <= Decimal::ZERO {
        return "0".into();
    }
    // Checked: a user rubric's figures may be far from the IID's.
    value
        .max(Decimal::ZERO)
        .min(max)
        .checked_div(max)
        .and_then(|f| f.checked_mul(Decimal::from(width)))
        .map_or("0".into(), |x| {
            x.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
                .normalize()
                .to_string()
        })
}

/// The band scale: one coloured segment per band, the index marked.
pub fn band_scale(
    bands: &[ReportBand],
    index: Decimal,
    label: &dyn Fn(&ReportBand) -> String,
) -> Markup {
    const W: u32 = 640;
    let top = bands
        .iter()
        .map(|b| b.max.unwrap_or(b.min))
        .chain([index])
        .max()
        .unwrap_or(Decimal::ONE_HUNDRED);
    // An open top band (a plain-sum rubric) gets a quarter of room more.
    let open = bands.iter().any(|b| b.max.is_none());
    let end = if open {
        top.checked_mul(Decimal::new(125, 2)).unwrap_or(top)
    } else {
        top
    };
    let x = |v: Decimal| scale(v, end, W);
    html! {
        svg class="chart" viewBox="0 0 640 78" width="100%" role="img" aria-label=(format!("{index}")) {
            @for (i, b) in bands.iter().enumerate() {
                @let colour = BAND_COLOURS[i % BAND_COLOURS.len()];
                @let lo = x(b.min);
                @let hi = x(b.max.unwrap_or(end));
                @let w = hi.parse::<Decimal>().unwrap_or_default().checked_sub(lo.parse::<Decimal>().unwrap_or_default()).unwrap_or_default().max(Decimal::ONE).normalize().to_string();
                rect x=(lo) y="18" width=(w) height="22" fill=(colour) opacity=(if b.current { "1" } else { "0.45" }) {}
                @if w.parse::<Decimal>().unwrap_or_default() >= Decimal::from(30) {
                    text x=(lo) y="56" font-size="10" fill="#333" { (b.min) }
                }
                @if b.current {
                    text x=(lo) y="72" font-size="11" font-weight="bold" fill=(colour) { (label(b)) }
                }
            }
            @let ix = x(index);
            line x1=(ix) y1="10" x2=(ix) y2="46" stroke="#000" stroke-width="2.5" {}
            text x=(ix) y="9" font-size="11" font-weight="bold" text-anchor="middle" { (index) }
        }
    }
}

/// Horizontal bars: label, score over maximum.
pub fn bars(rows: &[(String, Decimal, Option<Decimal>)]) -> Markup {
    const W: u32 = 270;
    let fallback = rows
        .iter()
        .map(|r| r.2.unwrap_or(r.1))
        .max()
        .unwrap_or(Decimal::ONE);
    let h = 22 * rows.len() as u32 + 4;
    html! {
        svg class="chart" viewBox=(format!("0 0 640 {h}")) width="100%" role="img" {
            @for (i, (label, score, max)) in rows.iter().enumerate() {
                @let y = 22 * i as u32 + 2;
                @let m = max.unwrap_or(fallback);
                text x="0" y=(y + 14) font-size="11" fill="#222" { (clip(label, 40)) }
                rect x="240" y=(y + 3) width=(W) height="14" fill="#e6e9ee" {}
                rect x="240" y=(y + 3) width=(scale(*score, m, W)) height="14" fill="#2f6fb5" {}
                text x="518" y=(y + 14) font-size="11" fill="#222" {
                    (crate::text::explain::figure(score)) " / " (max.map_or("-".to_string(), |m| crate::text::explain::figure(&m)))
                }
            }
        }
    }
}

/// The innovation seats: counted innovations filled, empty seats hollow
/// (a bar past 60 seats).
pub fn seats(counted: u32, divisor: u32) -> Markup {
    let filled = counted.min(divisor);
    if divisor > 60 {
        let w = scale(Decimal::from(filled), Decimal::from(divisor.max(1)), 600);
        return html! {
            svg class="chart" viewBox="0 0 640 26" width="100%" role="img" {
                rect x="0" y="4" width="600" height="16" fill="#fff" stroke="#2f6fb5" {}
                rect x="0" y="4" width=(w) height="16" fill="#2f6fb5" {}
            }
        };
    }
    let per_row = 30u32;
    let rows = divisor.div_ceil(per_row).max(1);
    html! {
        svg class="chart" viewBox=(format!("0 0 640 {}", rows * 20 + 4)) width="100%" role="img" {
            @for k in 0..divisor {
                @let cx = 10 + (k % per_row) * 20;
                @let cy = 12 + (k / per_row) * 20;
                @if k < filled {
                    circle cx=(cx) cy=(cy) r="7" fill="#2f6fb5" {}
                } @else {
                    circle cx=(cx) cy=(cy) r="7" fill="#fff" stroke="#c98a12" stroke-width="2" {}
                }
            }
        }
    }
}

/// A label cut to `n` characters with an ellipsis.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n - 1).collect();
        out.push('…');
        out
    }
}
