//! The parts of a diff before and after rounding: each part and item as
//! an exact fraction, then published to the index's decimals so that
//! they add up level by level ([`super::round::apportion`]).

use rust_decimal::Decimal;

use super::round;
use super::{overflow, DiffItem, PartKind};
use crate::analysis::frac::Frac;
use crate::error::Error;

/// A part before rounding.
pub(super) struct Raw {
    pub(super) kind: PartKind,
    pub(super) exact: Frac,
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
    pub(super) items: Vec<RawItem>,
    pub(super) message: (String, String),
}

pub(super) struct RawItem {
    pub(super) item: DiffItem,
    pub(super) exact: Frac,
    pub(super) rows: Vec<RawItem>,
}

pub(super) fn raw_item(item: DiffItem, exact: Frac) -> RawItem {
    RawItem {
        item,
        exact,
        rows: Vec::new(),
    }
}

pub(super) fn blank() -> DiffItem {
    DiffItem {
        indicator: None,
        innovation: None,
        from: None,
        to: None,
        urusan_from: None,
        urusan_to: None,
        reason: None,
        points: Decimal::ZERO,
        exact: Decimal::ZERO,
        fraction: String::new(),
        rows: Vec::new(),
    }
}

/// A part made of items: its exact value is their sum.
pub(super) fn group(
    kind: PartKind,
    items: Vec<RawItem>,
    message: (String, String),
) -> Result<Raw, Error> {
    let exact = Frac::sum(items.iter().map(|x| &x.exact)).ok_or_else(overflow)?;
    Ok(Raw {
        kind,
        exact,
        from: None,
        to: None,
        items,
        message,
    })
}

pub(super) fn single<T: ToString>(
    kind: PartKind,
    exact: Frac,
    from: T,
    to: T,
    message: (String, String),
) -> Raw {
    Raw {
        kind,
        exact,
        from: Some(from.to_string()),
        to: Some(to.to_string()),
        items: Vec::new(),
        message,
    }
}

/// `d` as an integer of 10^-dp (`d` has at most `dp` decimals).
pub(super) fn to_units(mut d: Decimal, dp: u32) -> Option<i128> {
    d.rescale(dp);
    (d.scale() == dp).then(|| d.mantissa())
}

/// Round items to add up to their part's `units`, rows to their item's.
pub(super) fn publish(
    items: Vec<RawItem>,
    units: i128,
    dp: u32,
    edp: u32,
) -> Result<Vec<DiffItem>, Error> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let exact: Vec<Frac> = items.iter().map(|x| x.exact).collect();
    let rounded = round::apportion(&exact, units, dp).ok_or_else(overflow)?;
    items
        .into_iter()
        .zip(rounded)
        .map(|(x, u)| {
            let rows = publish(x.rows, u, dp, edp)?;
            Ok(DiffItem {
                points: Decimal::from_i128_with_scale(u, dp),
                exact: x.exact.to_decimal(edp),
                fraction: x.exact.to_string(),
                rows,
                ..x.item
            })
        })
        .collect()
}
