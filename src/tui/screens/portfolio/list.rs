//! The portfolio list: sorts, category filters, and one row per initiative.

use super::*;

/// The sort columns, in the order `s` cycles through them: (Danish, English) as sorted, then
/// reversed.
pub(super) const SORTS: [[(&str, &str); 2]; 8] = [
    [("Nr", "No."), ("Nr, omvendt", "No., reversed")],
    [("navn", "name"), ("navn, Å-A", "name, Z-A")],
    [
        ("ministerium", "ministry"),
        ("ministerium, Å-A", "ministry, Z-A"),
    ],
    [
        ("status, værst først", "status, worst first"),
        ("status, bedst først", "status, best first"),
    ],
    [
        ("udvikling, værst først", "trend, worst first"),
        ("udvikling, bedst først", "trend, best first"),
    ],
    [
        ("budget, størst først", "budget, largest first"),
        ("budget, mindst først", "budget, smallest first"),
    ],
    [
        ("afv.%, størst først", "dev.%, largest first"),
        ("afv.%, mindst først", "dev.%, smallest first"),
    ],
    [
        ("kategori, afvigende først", "category, deviating first"),
        ("kategori, afvigende sidst", "category, deviating last"),
    ],
];

/// The category filters, in the order `f` cycles through them.
pub(super) const MODES: [(&str, &str); 6] = [
    ("alle", "all"),
    ("afvigende", "deviating"),
    ("opmærksomhed", "attention"),
    ("mangler rapport", "report missing"),
    ("afvigende uden sag", "deviating, no case"),
    ("lukkede", "closed"),
];

/// What a row shows about an initiative in the current quarter.
pub(super) struct Info<'a> {
    pub(super) init: &'a Initiative,
    pub(super) rag: Rag,
    pub(super) trend: Option<Trend>,
    pub(super) budget: Option<Decimal>,
    pub(super) pct: Option<Decimal>,
    pub(super) category: Option<Category>,
    pub(super) has_case: bool,
    pub(super) closed: bool,
}

impl Info<'_> {
    /// Deviating and nobody has opened a case about it yet: the row stands out.
    fn needs_case(&self) -> bool {
        self.category == Some(Category::Deviating) && !self.has_case
    }
    fn shown_in(&self, mode: usize) -> bool {
        match mode {
            1 => self.category == Some(Category::Deviating),
            2 => self.category == Some(Category::Attention),
            3 => self.category == Some(Category::Missing),
            4 => self.needs_case(),
            5 => self.closed,
            _ => true,
        }
    }
}

/// Worst first: red, yellow, green, not reported.
pub(super) fn rag_rank(r: Rag) -> u8 {
    match r {
        Rag::Red => 0,
        Rag::Yellow => 1,
        Rag::Green => 2,
        Rag::NotReported => 3,
    }
}

pub(super) fn trend_rank(t: Trend) -> u8 {
    match t {
        Trend::Worse => 0,
        Trend::Same => 1,
        Trend::Better => 2,
    }
}

/// Deviating, attention, missing, nothing, closed.
pub(super) fn category_rank(i: &Info) -> u8 {
    if i.closed {
        return 4;
    }
    match i.category {
        Some(Category::Deviating) => 0,
        Some(Category::Attention) => 1,
        Some(Category::Missing) => 2,
        None => 3,
    }
}

/// Compares optional keys with `None` last, whichever the direction.
pub(super) fn cmp_opt<T: Ord>(a: Option<T>, b: Option<T>, reverse: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => {
            if reverse {
                b.cmp(&a)
            } else {
                a.cmp(&b)
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

pub(super) fn compare(a: &Info, b: &Info, sort: usize, reverse: bool) -> Ordering {
    let primary = match sort {
        1 => cmp_opt(
            Some(a.init.name.to_lowercase()),
            Some(b.init.name.to_lowercase()),
            reverse,
        ),
        2 => cmp_opt(
            Some(a.init.ministry.to_lowercase()),
            Some(b.init.ministry.to_lowercase()),
            reverse,
        ),
        3 => cmp_opt(
            Some(rag_rank(a.rag)).filter(|r| *r < 3),
            Some(rag_rank(b.rag)).filter(|r| *r < 3),
            reverse,
        ),
        4 => cmp_opt(a.trend.map(trend_rank), b.trend.map(trend_rank), reverse),
        // Largest first.
        5 => cmp_opt(a.budget, b.budget, !reverse),
        6 => cmp_opt(a.pct, b.pct, !reverse),
        7 => cmp_opt(Some(category_rank(a)), Some(category_rank(b)), reverse),
        _ => Ordering::Equal,
    };
    let by_nr = natural_cmp(&a.init.id, &b.init.id);
    primary.then(if sort == 0 && reverse {
        by_nr.reverse()
    } else {
        by_nr
    })
}

/// "1.250,5" / "1,250.5": an amount in mio. kr. with one decimal, without the unit.
pub(super) fn amount_text(a: Decimal, l: Language) -> String {
    crate::export::dates::mio_kr(a, l)
        .trim_end_matches(" mio. kr.")
        .trim_start_matches("DKK ")
        .trim_end_matches('m')
        .replace("-DKK ", "-")
}

/// "+10,1" / "-3,3" / "0,0": a percentage with one decimal and its sign.
pub(super) fn percent_text(p: Decimal, l: Language) -> String {
    let s = crate::export::dates::percent(p, l);
    let s = s.trim_end_matches(" %").to_string();
    if p > Decimal::ZERO {
        format!("+{s}")
    } else {
        s
    }
}

pub(super) fn trend_arrow(t: Option<Trend>) -> &'static str {
    match t {
        Some(Trend::Better) => "↑",
        Some(Trend::Same) => "→",
        Some(Trend::Worse) => "↓",
        None => "",
    }
}

pub(super) fn trend_words(t: Option<Trend>) -> &'static str {
    match t {
        Some(Trend::Better) => "bedre better",
        Some(Trend::Same) => "samme uændret same",
        Some(Trend::Worse) => "værre worse",
        None => "",
    }
}

/// Both languages' words for a status, so `/rød` and `/red` both find it.
pub(super) fn rag_words(r: Rag) -> &'static str {
    match r {
        Rag::Green => "grøn green",
        Rag::Yellow => "gul yellow",
        Rag::Red => "rød red",
        Rag::NotReported => "ikke rapporteret not reported",
    }
}

/// The short category word of the table.
pub(super) fn category_short(i: &Info, l: Language) -> &'static str {
    if i.closed {
        return crate::i18n::tr(l, "Lukket", "Closed");
    }
    match i.category {
        Some(Category::Deviating) => crate::i18n::tr(l, "Afvigende", "Deviating"),
        Some(Category::Attention) => crate::i18n::tr(l, "Opmærksomhed", "Attention"),
        Some(Category::Missing) => crate::i18n::tr(l, "Mangler", "Missing"),
        None => "",
    }
}

/// The initiatives with a case for the current round: an open one, or one made from this
/// quarter's reports and already decided (see `ops::case::handled_initiatives`).
pub(super) fn with_open_case(app: &App) -> HashSet<&str> {
    crate::ops::case::handled_initiatives(&app.ws, app.latest_quarter)
}

/// The latest quarter with any report.
pub(super) fn latest(app: &App) -> Option<Quarter> {
    app.latest_quarter
}

/// The quarter the screen shows: the one chosen with `[` / `]`, else the latest.
pub(super) fn quarter(app: &App) -> Option<Quarter> {
    app.periods.quarter.or_else(|| latest(app))
}

/// The deviations of the quarter the screen shows (computed for an earlier quarter, kept by the
/// app for the latest).
pub(super) fn quarter_deviations(app: &App) -> Cow<'_, [Deviation]> {
    match app.periods.quarter {
        Some(q) if Some(q) != latest(app) => Cow::Owned(deviations(&app.ws, q)),
        _ => Cow::Borrowed(&app.deviations),
    }
}

pub(super) fn infos(app: &App) -> Vec<Info<'_>> {
    let q = quarter(app);
    let devs = quarter_deviations(app);
    let categories: HashMap<&str, Category> =
        devs.iter().map(|d| (d.id.as_str(), d.category)).collect();
    let open = with_open_case(app);
    app.ws
        .initiatives
        .iter()
        .map(|i| {
            let report = q.and_then(|q| i.report(q));
            Info {
                init: i,
                rag: report.map_or(Rag::NotReported, |r| r.overall),
                trend: q.and_then(|q| trend(i, q)),
                budget: report.and_then(|r| r.budget).or(i.budget),
                pct: report.and_then(|r| forecast_deviation_percent(r, i)),
                category: categories.get(i.id.as_str()).copied(),
                has_case: open.contains(i.id.as_str()),
                closed: i.lifecycle == Lifecycle::Closed,
            }
        })
        .collect()
}

pub fn model(app: &App) -> ListModel {
    let th = Theme::new(app.color);
    let l = app.lang;
    let v = app.view_of(ScreenId::Portfolio);
    let (sort, reverse, mode) = (v.sort % SORTS.len(), v.sort_reverse, v.mode % MODES.len());
    let mut infos: Vec<Info> = infos(app)
        .into_iter()
        .filter(|i| i.shown_in(mode))
        .collect();
    infos.sort_by(|a, b| compare(a, b, sort, reverse));
    let no_case = app.t("uden sag", "without case");
    // Folding (for `/`) is the costly part of a row; ministries, institutions and labels repeat, so
    // each distinct one is folded once.
    let mut folded: HashMap<&str, String> = HashMap::new();
    let mut rows = Vec::with_capacity(infos.len());
    for x in &infos {
        let i = x.init;
        let cat_style = match (x.closed, x.category) {
            (true, _) => th.hint(),
            (_, Some(Category::Deviating)) => th.error(),
            (_, Some(Category::Attention)) => th.warn(),
            _ => th.hint(),
        };
        let trend_style = match x.trend {
            Some(Trend::Better) => th.ok(),
            Some(Trend::Worse) => th.error(),
            _ => th.hint(),
        };
        let case_text = if x.has_case {
            app.t("sag", "case")
        } else if x.needs_case() {
            "!!"
        } else {
            ""
        };
        let case_cell = if x.needs_case() {
            Line::from(span(case_text, th.error()))
        } else {
            cell(case_text)
        };
        let budget = x.budget.map(|b| amount_text(b, l)).unwrap_or_default();
        let pct = x.pct.map(|p| percent_text(p, l)).unwrap_or_default();
        let short = category_short(x, l);
        let mut search = crate::tui::text::fold(&format!("{} {}", i.id, i.name));
        for part in [
            i.ministry.as_str(),
            i.institution.as_str(),
            rag_words(x.rag),
            crate::i18n::rag_letter(x.rag, l),
            trend_words(x.trend),
            x.category.map_or("", |c| c.label(l)),
            short,
            case_text,
            if x.needs_case() { no_case } else { "" },
            if x.closed { i.lifecycle.label(l) } else { "" },
        ] {
            if part.is_empty() {
                continue;
            }
            let f = folded
                .entry(part)
                .or_insert_with(|| crate::tui::text::fold(part));
            search.push(' ');
            search.push_str(f);
        }
        for n in [&budget, &pct] {
            search.push(' ');
            search.push_str(n);
        }
        rows.push(ListRow::with_folded(
            &i.id,
            vec![
                cell(&i.id),
                cell(&i.name),
                cell(&i.ministry),
                Line::from(th.dot(x.rag, l)),
                Line::from(span(trend_arrow(x.trend), trend_style)).centered(),
                cell(budget).right_aligned(),
                cell(pct).right_aligned(),
                Line::from(span(short, cat_style)),
                case_cell,
            ],
            search,
        ));
    }
    ListModel {
        headers: vec![
            app.t("Nr", "No."),
            app.t("Initiativ", "Initiative"),
            app.t("Ministerium", "Ministry"),
            app.t("Stat", "Stat"),
            app.t("Udv.", "Trend"),
            app.t("Budget", "Budget"),
            app.t("Afv.%", "Dev.%"),
            app.t("Kategori", "Category"),
            app.t("Sag", "Case"),
        ],
        widths: vec![
            Constraint::Length(5),
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(4),
            Constraint::Length(5),
            Constraint::Length(7),
            Constraint::Length(6),
            Constraint::Length(12),
            Constraint::Length(4),
        ],
        rows,
    }
}

/// The list's title: the quarter, the sort and the category filter.
pub(super) fn list_title(app: &App) -> String {
    let v = app.view_of(ScreenId::Portfolio);
    let (sda, sen) = SORTS[v.sort % SORTS.len()][usize::from(v.sort_reverse)];
    let (mda, men) = MODES[v.mode % MODES.len()];
    let q = match (quarter(app), latest(app)) {
        (Some(q), Some(l)) if q != l => format!(
            " {} ({} {})",
            q.label(app.lang),
            app.t("seneste:", "latest:"),
            l.label(app.lang)
        ),
        (Some(q), _) => format!(" {}", q.label(app.lang)),
        _ => String::new(),
    };
    format!(
        "{}{q} · {}: {} · {}: {}",
        app.t("Portefølje", "Portfolio"),
        app.t("sortering", "sort"),
        app.t(sda, sen),
        app.t("vis", "show"),
        app.t(mda, men),
    )
}
