//! The printable report's words, Indonesian and English: headings,
//! column labels and the short sentences between the figures. Labels of
//! the methodology (indicator names, predicates) come from the rubric.

/// The report's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bahasa Indonesia (the default).
    #[default]
    Id,
    /// English.
    En,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s {
            "id" => Ok(Lang::Id),
            "en" => Ok(Lang::En),
            other => Err(format!("unknown language \"{other}\": id or en")),
        }
    }
}

impl Lang {
    /// The HTML `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// One of two texts.
    pub fn pick<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }
}

/// Every label of the report in one language.
pub struct Words {
    pub title: &'static str,
    pub region: &'static str,
    pub code: &'static str,
    pub province: &'static str,
    pub methodology: &'static str,
    pub date: &'static str,
    pub mode: &'static str,
    pub mode_self: &'static str,
    pub mode_verified: &'static str,
    pub index: &'static str,
    pub predicate: &'static str,
    pub gap: &'static str,
    pub scale: &'static str,
    pub breakdown: &'static str,
    pub aspect: &'static str,
    pub variable: &'static str,
    pub score: &'static str,
    pub max: &'static str,
    pub total: &'static str,
    pub seats: &'static str,
    pub innovations: &'static str,
    pub divisor: &'static str,
    pub empty_seats: &'static str,
    pub seats_note: &'static str,
    pub basic_services: &'static str,
    pub covered: &'static str,
    pub missing: &'static str,
    pub required: &'static str,
    pub count_score: &'static str,
    pub audit: &'static str,
    pub audit_none: &'static str,
    pub answer: &'static str,
    pub level: &'static str,
    pub problem: &'static str,
    pub points_at_risk: &'static str,
    pub of_items: &'static str,
    pub marginal: &'static str,
    pub improvement: &'static str,
    pub gain: &'static str,
    pub index_after: &'static str,
    pub plan: &'static str,
    pub plan_none: &'static str,
    pub step: &'static str,
    pub more_steps: &'static str,
    pub cost: &'static str,
    pub agencies: &'static str,
    pub agency: &'static str,
    pub counted: &'static str,
    pub index_points: &'static str,
    pub no_innovations: &'static str,
    pub findings: &'static str,
    pub provenance: &'static str,
    pub sources: &'static str,
    pub verified_figures: &'static str,
    pub assumed_figures: &'static str,
    pub new_innovation: &'static str,
    pub region_row: &'static str,
    pub innovation: &'static str,
    pub footer: &'static str,
    pub none: &'static str,
}

const ID: Words = Words {
    title: "Laporan Indeks Inovasi Daerah",
    region: "Daerah",
    code: "Kode",
    province: "Provinsi",
    methodology: "Metodologi",
    date: "Tanggal",
    mode: "Mode",
    mode_self: "penilaian mandiri",
    mode_verified: "setelah verifikasi",
    index: "Indeks",
    predicate: "Predikat",
    gap: "Selisih",
    scale: "Skala predikat",
    breakdown: "Rincian per aspek dan variabel",
    aspect: "Aspek",
    variable: "Variabel",
    score: "Nilai",
    max: "Maksimum",
    total: "Total",
    seats: "Kursi inovasi dan urusan pelayanan dasar",
    innovations: "Inovasi dinilai",
    divisor: "Pembagi",
    empty_seats: "Kursi kosong",
    seats_note: "Rata-rata SID dibagi MAX(pembagi minimum, jumlah inovasi): setiap kursi kosong bernilai 0.",
    basic_services: "Urusan wajib pelayanan dasar (yandas)",
    covered: "Tercakup",
    missing: "Belum",
    required: "Wajib",
    count_score: "Nilai jumlah inovasi",
    audit: "Bukti dukung berisiko (audit)",
    audit_none: "Tidak ada jawaban yang dipotong verifikasi.",
    answer: "Jawaban",
    level: "Level",
    problem: "Masalah",
    points_at_risk: "Poin indeks berisiko",
    of_items: "dari",
    marginal: "Sepuluh perbaikan bernilai tertinggi",
    improvement: "Perbaikan",
    gain: "Kenaikan indeks",
    index_after: "Indeks sesudah",
    plan: "Rencana termurah ke predikat berikutnya",
    plan_none: "Tidak ada rencana",
    step: "Langkah",
    more_steps: "langkah lagi (daftar lengkap: iid plan)",
    cost: "Biaya",
    agencies: "Per perangkat daerah (OPD)",
    agency: "Perangkat daerah",
    counted: "Dihitung",
    index_points: "Poin indeks",
    no_innovations: "Perangkat daerah tanpa inovasi",
    findings: "Temuan",
    provenance: "Sumber metodologi",
    sources: "Dokumen sumber",
    verified_figures: "Angka yang diperiksa",
    assumed_figures: "Angka yang diasumsikan",
    new_innovation: "inovasi baru",
    region_row: "SPD",
    innovation: "Inovasi",
    footer: "Dihitung dengan iid, mesin penilaian Indeks Inovasi Daerah; aritmetika eksak, indeks dibulatkan setengah ke atas ke dua desimal.",
    none: "-",
};

const EN: Words = Words {
    title: "Regional Innovation Index report",
    region: "Region",
    code: "Code",
    province: "Province",
    methodology: "Methodology",
    date: "Date",
    mode: "Mode",
    mode_self: "self-assessment",
    mode_verified: "after verification",
    index: "Index",
    predicate: "Predicate",
    gap: "Gap",
    scale: "Predicate scale",
    breakdown: "Breakdown by aspect and variable",
    aspect: "Aspect",
    variable: "Variable",
    score: "Score",
    max: "Maximum",
    total: "Total",
    seats: "Innovation seats and basic-service affairs",
    innovations: "Innovations counted",
    divisor: "Divisor",
    empty_seats: "Empty seats",
    seats_note: "The SID average is divided by MAX(minimum divisor, number of innovations): each empty seat scores 0.",
    basic_services: "Basic-service affairs (yandas)",
    covered: "Covered",
    missing: "Missing",
    required: "Required",
    count_score: "Innovation count score",
    audit: "Evidence at risk (audit)",
    audit_none: "Verification cuts no answer.",
    answer: "Answer",
    level: "Level",
    problem: "Problem",
    points_at_risk: "Index points at risk",
    of_items: "of",
    marginal: "The ten most valuable improvements",
    improvement: "Improvement",
    gain: "Index gain",
    index_after: "Index after",
    plan: "Cheapest plan to the next predicate",
    plan_none: "No plan",
    step: "Step",
    more_steps: "more steps (the full list: iid plan)",
    cost: "Cost",
    agencies: "By agency (OPD)",
    agency: "Agency",
    counted: "Counted",
    index_points: "Index points",
    no_innovations: "Agencies without innovations",
    findings: "Findings",
    provenance: "Methodology provenance",
    sources: "Source documents",
    verified_figures: "Figures checked",
    assumed_figures: "Figures assumed",
    new_innovation: "new innovation",
    region_row: "SPD",
    innovation: "Innovation",
    footer: "Computed with iid, the Regional Innovation Index engine; exact arithmetic, the index rounded half-up to two decimals.",
    none: "-",
};

/// The report's words in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// Why a report has no plan: the region is in the top band already.
pub fn plan_top_band() -> (String, String) {
    (
        "Daerah sudah berada pada predikat tertinggi.".into(),
        "The region is in the top predicate band already.".into(),
    )
}

/// Why a report has no plan: the search could not answer within its
/// bounds (the error's message, in English, follows).
pub fn plan_not_found(message: &str) -> (String, String) {
    (
        format!("Rencana tidak dapat dihitung: {message}"),
        format!("No plan could be computed: {message}"),
    )
}
