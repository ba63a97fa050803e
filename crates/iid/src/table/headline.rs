//! The headline row: one region's figures as a table of many regions
//! holds them, read from the core's [`Summary`].

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::rubric::CompiledRubric;
use crate::scoring::Summary;

/// One region's headline figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Headline {
    /// Region code (`region.code` of a submission; none for a table row,
    /// whose code is the table's).
    pub code: Option<String>,
    /// Region name, likewise.
    pub name: Option<String>,
    pub methodology: String,
    /// The official index, rounded to the rubric's `index_decimals`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index: Decimal,
    /// The index to the rubric's `exact_decimals`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index_exact: Decimal,
    pub predicate: String,
    pub assessable: bool,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub spd_score: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub sid_average: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub innovation_count_score: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub sid_score: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub total_score: Decimal,
    /// MAX(d, n).
    pub divisor: u32,
    /// n.
    pub innovation_count: u32,
    /// Basic-service affairs covered.
    pub yandas_count: u32,
}

impl Headline {
    /// The figures of a scored matrix, as the core reports them.
    pub fn of(
        rubric: &CompiledRubric,
        s: &Summary,
        code: Option<String>,
        name: Option<String>,
    ) -> Headline {
        let index = s.index(rubric);
        Headline {
            code,
            name,
            methodology: rubric.id().to_string(),
            index,
            index_exact: s.index_exact(rubric),
            predicate: s.predicate_of(rubric, index).to_string(),
            assessable: s.assessable(),
            spd_score: s.spd_score(rubric),
            sid_average: s.innovation_average(rubric),
            innovation_count_score: s.count_score(rubric),
            sid_score: s.sid_score(rubric),
            total_score: s.total_score(rubric),
            divisor: s.divisor,
            innovation_count: s.innovation_count,
            // One bit per basic-service affair covered.
            yandas_count: s.basic_covered.count_ones(),
        }
    }
}

/// Headline rows as columns (what a data-frame library takes): decimals
/// stay exact (strings in JSON); `index_float` is `index` as a float, for
/// plotting only.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HeadlineColumns {
    pub code: Vec<Option<String>>,
    pub name: Vec<Option<String>>,
    pub methodology: Vec<String>,
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub index: Vec<Decimal>,
    pub index_float: Vec<f64>,
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub index_exact: Vec<Decimal>,
    pub predicate: Vec<String>,
    pub assessable: Vec<bool>,
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub spd_score: Vec<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub sid_average: Vec<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub innovation_count_score: Vec<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub sid_score: Vec<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub total_score: Vec<Decimal>,
    pub divisor: Vec<u32>,
    pub innovation_count: Vec<u32>,
    pub yandas_count: Vec<u32>,
}

impl HeadlineColumns {
    /// The exact decimal columns by name, in the order of the fields,
    /// taken out of the table (for bindings that convert them together).
    pub fn take_decimals(&mut self) -> [(&'static str, Vec<Decimal>); 7] {
        let take = |v: &mut Vec<Decimal>| std::mem::take(v);
        [
            ("index", take(&mut self.index)),
            ("index_exact", take(&mut self.index_exact)),
            ("spd_score", take(&mut self.spd_score)),
            ("sid_average", take(&mut self.sid_average)),
            (
                "innovation_count_score",
                take(&mut self.innovation_count_score),
            ),
            ("sid_score", take(&mut self.sid_score)),
            ("total_score", take(&mut self.total_score)),
        ]
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.methodology.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl FromIterator<Headline> for HeadlineColumns {
    fn from_iter<I: IntoIterator<Item = Headline>>(rows: I) -> Self {
        let mut c = HeadlineColumns::default();
        for h in rows {
            c.code.push(h.code);
            c.name.push(h.name);
            c.methodology.push(h.methodology);
            c.index_float.push(h.index.to_f64().unwrap_or(f64::NAN));
            c.index.push(h.index);
            c.index_exact.push(h.index_exact);
            c.predicate.push(h.predicate);
            c.assessable.push(h.assessable);
            c.spd_score.push(h.spd_score);
            c.sid_average.push(h.sid_average);
            c.innovation_count_score.push(h.innovation_count_score);
            c.sid_score.push(h.sid_score);
            c.total_score.push(h.total_score);
            c.divisor.push(h.divisor);
            c.innovation_count.push(h.innovation_count);
            c.yandas_count.push(h.yandas_count);
        }
        c
    }
}
