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
    /// The exact decimal columns as one block, taken out of the table:
    /// their names in the order of the fields, and their values column
    /// after column (for bindings that hand a data-frame library 2-D
    /// blocks, one row per column, as pandas keeps them).
    pub fn take_decimal_block(&mut self) -> ([&'static str; 7], Vec<Decimal>) {
        let names = [
            "index",
            "index_exact",
            "spd_score",
            "sid_average",
            "innovation_count_score",
            "sid_score",
            "total_score",
        ];
        let columns = [
            &mut self.index,
            &mut self.index_exact,
            &mut self.spd_score,
            &mut self.sid_average,
            &mut self.innovation_count_score,
            &mut self.sid_score,
            &mut self.total_score,
        ];
        (
            names,
            columns.into_iter().flat_map(std::mem::take).collect(),
        )
    }

    /// The counts (`innovation_count`, `divisor`, `yandas_count`) as one
    /// block of 64-bit integers, taken out of the table as
    /// [`take_decimal_block`](Self::take_decimal_block) takes the decimals.
    pub fn take_count_block(&mut self) -> ([&'static str; 3], Vec<i64>) {
        let names = ["innovation_count", "divisor", "yandas_count"];
        let columns = [
            &mut self.innovation_count,
            &mut self.divisor,
            &mut self.yandas_count,
        ];
        let values = columns.into_iter().flat_map(std::mem::take);
        (names, values.map(i64::from).collect())
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.methodology.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A column of decimals as its distinct figures, in the order first met,
/// and each row's index into them: a binding makes one object per figure
/// and shares it among its rows (a nation's seven score columns hold about
/// a quarter repeats). Figures are told apart as written: `1.0` and `1.00`
/// are two, as are `0` and `-0`.
pub fn distinct(column: &[Decimal]) -> (Vec<Decimal>, Vec<u32>) {
    let mut values = Vec::new();
    let mut index: super::column::KeyMap<[u8; 16], u32> =
        super::column::KeyMap::with_capacity_and_hasher(column.len(), Default::default());
    let rows = column
        .iter()
        .map(|d| {
            *index.entry(d.serialize()).or_insert_with(|| {
                values.push(*d);
                (values.len() - 1) as u32
            })
        })
        .collect();
    (values, rows)
}

/// A decimal's text exactly as its `Display` writes it (`-12.50`, `0.5`,
/// `-0` for a negative zero), on the stack: for bindings that hand
/// thousands of figures over as text. A mantissa that fits 64 bits is
/// split once by a power of ten from a table, then written two digits at
/// a time from a table of digit pairs: the nation's 3,836 figures take
/// about 50 us, against 72 us dividing digit by digit and 200 us through
/// `Display` (a scratch timing, `as_bytes`).
pub struct DecimalText {
    buf: [u8; 40],
    start: usize,
}

/// `10^i` for every `i` a 64-bit mantissa's scale can use.
const POW10: [u64; 20] = {
    let mut p = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        p[i] = p[i - 1] * 10;
        i += 1;
    }
    p
};

/// The two digits of `x` < 100 at `2x..2x + 2`.
const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

impl DecimalText {
    pub fn new(d: &Decimal) -> DecimalText {
        // At most 29 digits, a point, a leading zero and a sign: 32 bytes.
        // Unwritten bytes are '0': a fraction's leading zeros.
        let mut t = DecimalText {
            buf: [b'0'; 40],
            start: 40,
        };
        let scale = d.scale() as usize;
        let m = d.mantissa().unsigned_abs();
        match (u64::try_from(m), POW10.get(scale)) {
            (Ok(m), Some(&p)) => {
                if scale > 0 {
                    t.number(m % p);
                    t.start = 40 - scale;
                    t.push(b'.');
                }
                t.number(m / p);
            }
            // 10^scale is past 64 bits, so past `m`: all fraction.
            (Ok(m), None) => {
                t.number(m);
                t.start = 40 - scale;
                t.push(b'.');
                t.push(b'0');
            }
            _ => {
                let mut digits = 0usize;
                let mut m = m;
                while m > 0 || digits <= scale {
                    t.digit((m % 10) as u8, scale, &mut digits);
                    m /= 10;
                }
            }
        }
        if d.is_sign_negative() {
            t.push(b'-');
        }
        t
    }

    /// The digits of `x` (at least one) to the left of those written.
    fn number(&mut self, mut x: u64) {
        while x >= 100 {
            self.pair((x % 100) as usize);
            x /= 100;
        }
        if x >= 10 {
            self.pair(x as usize);
        } else {
            self.push(b'0' + x as u8);
        }
    }

    /// Two digits (`x` < 100), to the left of those written.
    fn pair(&mut self, x: usize) {
        self.start -= 2;
        self.buf[self.start..self.start + 2].copy_from_slice(&PAIRS[2 * x..2 * x + 2]);
    }

    fn push(&mut self, b: u8) {
        self.start -= 1;
        self.buf[self.start] = b;
    }

    /// The next digit to the left, after the point once `scale` are written.
    fn digit(&mut self, digit: u8, scale: usize, digits: &mut usize) {
        if *digits == scale && scale > 0 {
            self.push(b'.');
        }
        self.push(b'0' + digit);
        *digits += 1;
    }

    /// The text's bytes: ASCII digits, '.' and '-' only.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits, '.' and '-' are written.
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or("")
    }
}

impl FromIterator<Headline> for HeadlineColumns {
    fn from_iter<I: IntoIterator<Item = Headline>>(rows: I) -> Self {
        let rows = rows.into_iter();
        let n = rows.size_hint().0;
        let mut c = HeadlineColumns {
            code: Vec::with_capacity(n),
            name: Vec::with_capacity(n),
            methodology: Vec::with_capacity(n),
            index: Vec::with_capacity(n),
            index_float: Vec::with_capacity(n),
            index_exact: Vec::with_capacity(n),
            predicate: Vec::with_capacity(n),
            assessable: Vec::with_capacity(n),
            spd_score: Vec::with_capacity(n),
            sid_average: Vec::with_capacity(n),
            innovation_count_score: Vec::with_capacity(n),
            sid_score: Vec::with_capacity(n),
            total_score: Vec::with_capacity(n),
            divisor: Vec::with_capacity(n),
            innovation_count: Vec::with_capacity(n),
            yandas_count: Vec::with_capacity(n),
        };
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

#[cfg(test)]
mod tests {
    use super::{distinct, DecimalText, HeadlineColumns};
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    /// Each named column of a block is the field of that name, as the
    /// columns serialise it, and the blocks take the fields out.
    #[test]
    fn blocks_hold_the_named_columns_one_after_another() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let mut c = HeadlineColumns::default();
        for (k, (name, v)) in [("index", &mut c.index), ("index_exact", &mut c.index_exact)]
            .into_iter()
            .chain([
                ("spd_score", &mut c.spd_score),
                ("sid_average", &mut c.sid_average),
                ("innovation_count_score", &mut c.innovation_count_score),
                ("sid_score", &mut c.sid_score),
                ("total_score", &mut c.total_score),
            ])
            .enumerate()
        {
            *v = vec![d(&format!("{k}.5")), d(&format!("-{k}.25"))];
            assert!(!name.is_empty());
        }
        c.methodology = vec!["a".into(), "b".into()];
        c.innovation_count = vec![1, 2];
        c.divisor = vec![30, 40];
        c.yandas_count = vec![5, 6];
        let json = serde_json::to_value(&c).unwrap();
        let (names, decimals) = c.take_decimal_block();
        let (counts, ints) = c.take_count_block();
        for (i, name) in names.iter().enumerate() {
            let want: Vec<String> = serde_json::from_value(json[name].clone()).unwrap();
            let got: Vec<String> = decimals[2 * i..2 * i + 2]
                .iter()
                .map(|x| x.to_string())
                .collect();
            assert_eq!(got, want, "{name}");
        }
        for (i, name) in counts.iter().enumerate() {
            let want: Vec<i64> = serde_json::from_value(json[name].clone()).unwrap();
            assert_eq!(ints[2 * i..2 * i + 2], want[..], "{name}");
        }
        assert_eq!(decimals.len(), 14);
        assert!(c.index.is_empty() && c.total_score.is_empty() && c.divisor.is_empty());
    }

    #[test]
    fn decimal_text_examples() {
        for (m, scale, text) in [
            (0i128, 0u32, "0"),
            (0, 2, "0.00"),
            (5, 1, "0.5"),
            (-5, 3, "-0.005"),
            (524566666667, 10, "52.4566666667"),
            (3798, 2, "37.98"),
            (100, 0, "100"),
            (-1, 0, "-1"),
            (
                79_228_162_514_264_337_593_543_950_335,
                28,
                "7.9228162514264337593543950335",
            ),
            (
                -79_228_162_514_264_337_593_543_950_335,
                0,
                "-79228162514264337593543950335",
            ),
        ] {
            let d = Decimal::from_i128_with_scale(m, scale);
            assert_eq!(DecimalText::new(&d).as_str(), text);
            assert_eq!(d.to_string(), text);
        }
        let negative_zero = Decimal::from_parts(0, 0, 0, true, 3);
        assert_eq!(
            DecimalText::new(&negative_zero).as_str(),
            negative_zero.to_string()
        );
    }

    proptest! {
        #[test]
        fn decimal_text_is_display(lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28) {
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            let text = DecimalText::new(&d);
            prop_assert_eq!(text.as_str(), d.to_string());
        }

        /// Mantissas within 64 bits (the scores of a table) take the
        /// two-digit path; small ones test the padding of the fraction.
        #[test]
        fn decimal_text_is_display_within_64_bits(
            m in prop_oneof![any::<u64>(), 0u64..1000],
            negative: bool,
            scale in 0u32..=28,
        ) {
            let d = Decimal::from_parts(m as u32, (m >> 32) as u32, 0, negative, scale);
            let text = DecimalText::new(&d);
            prop_assert_eq!(text.as_str(), d.to_string());
        }

        /// Each row gets back its figure exactly (same text), each
        /// distinct figure is listed once, in the order first met.
        #[test]
        fn distinct_figures_give_back_each_row(
            cells in prop::collection::vec((-30i64..30, 0u32..4, any::<bool>()), 0..200)
        ) {
            let column: Vec<Decimal> = cells
                .iter()
                .map(|&(m, scale, neg)| {
                    let d = Decimal::new(m, scale);
                    if m == 0 && neg { Decimal::from_parts(0, 0, 0, true, scale) } else { d }
                })
                .collect();
            let (values, rows) = distinct(&column);
            prop_assert_eq!(rows.len(), column.len());
            for (d, &k) in column.iter().zip(&rows) {
                prop_assert_eq!(values[k as usize].to_string(), d.to_string());
                prop_assert_eq!(values[k as usize].serialize(), d.serialize());
            }
            let texts: Vec<String> = values.iter().map(|d| d.to_string()).collect();
            let mut first_met: Vec<String> = Vec::new();
            for d in &column {
                if !first_met.iter().any(|t| *t == d.to_string()) {
                    first_met.push(d.to_string());
                }
            }
            prop_assert_eq!(texts, first_met);
        }

        #[test]
        fn decimal_text_is_display_small(m in -10_000_000_000i64..10_000_000_000, scale in 0u32..=12) {
            let d = Decimal::new(m, scale);
            let text = DecimalText::new(&d);
            prop_assert_eq!(text.as_str(), d.to_string());
        }
    }
}
