// Long but one concern: planning a CSV import (columns, row checks, the plan), step after step.

//! CSV import of initiatives (stamdata) and quarterly status reports: dialect detection, header
//! matching, row validation, and a plan of the records to write. Pure: nothing is written here; the
//! store applies an [`ImportPlan`] (all of it) or, when [`plan_import`] returns problems, nothing.
//!
//! Rules, in short:
//! - The header row names the columns, in Danish or English, any letter case, surrounding spaces ignored.
//!   Unknown columns are ignored with a [`Warning`]; a missing required column is a [`Problem`].
//! - Encoding, separator and number format: see [`Dialect`].
//! - Any bad row refuses the whole file; every bad thing found is reported, each with its line (the
//!   physical line where the record starts) and column.
//! - Initiatives: a row for a known Nr updates only the stamdata fields whose columns the file has; reports,
//!   lifecycle and unknown fields are kept. An unknown Nr is a new initiative.
//! - Reports: the initiative must exist in the workspace. A row updates the report of that quarter (only
//!   the fields whose columns the file has) or adds one; reports stay sorted by quarter.
//! - Text fields are trimmed and CRLF inside them becomes LF; other control characters are kept as data.

pub mod file;
pub mod generate;
mod parse;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;

use chrono::NaiveDate;
use csv::StringRecord;

use crate::model::{
    Amount, Initiative, Language, Quarter, Rag, StatusReport, Workspace, validate_id,
};

pub use generate::generate_portfolio_csv;
pub use parse::{AmountError, DateError, Dialect, SourceEncoding, parse_amount, parse_date};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// One row per initiative (stamdata).
    Initiatives,
    /// One row per initiative and quarter (status reports).
    Reports,
}

/// Something that makes the file unusable; the file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file label given to [`plan_import`].
    pub file: String,
    /// The physical line (1-based) where the record starts.
    pub line: usize,
    /// The column as named in the file's header, if the problem is in one field.
    pub column: Option<String>,
    pub message: String,
}

/// Something the user should know that does not stop the import (e.g. an unknown column, ignored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub line: usize,
    pub column: Option<String>,
    pub message: String,
}

fn fmt_located(
    f: &mut fmt::Formatter<'_>,
    file: &str,
    line: usize,
    column: &Option<String>,
    msg: &str,
) -> fmt::Result {
    f.write_str(&describe_located(Language::En, file, line, column, msg))
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_located(f, &self.file, self.line, &self.column, &self.message)
    }
}

impl Problem {
    /// `FILE:LINE: kolonne "X": ...` in Danish, or the English form of `Display`.
    pub fn describe(&self, lang: Language) -> String {
        describe_located(lang, &self.file, self.line, &self.column, &self.message)
    }
}

impl Warning {
    /// `FILE:LINE: kolonne "X": ...` in Danish, or the English form of `Display`.
    pub fn describe(&self, lang: Language) -> String {
        describe_located(lang, &self.file, self.line, &self.column, &self.message)
    }
}

/// `FILE:LINE: column "X": message` (the column word in `lang`); `Display` writes the English form.
fn describe_located(
    lang: Language,
    file: &str,
    line: usize,
    column: &Option<String>,
    msg: &str,
) -> String {
    let word = match lang {
        Language::Da => "kolonne",
        Language::En => "column",
    };
    match column {
        Some(c) => format!("{file}:{line}: {word} \"{c}\": {msg}"),
        None => format!("{file}:{line}: {msg}"),
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_located(f, &self.file, self.line, &self.column, &self.message)
    }
}

/// What a row (or an initiative record) does to the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowChange {
    New,
    Changed,
    Unchanged,
}

/// The outcome of one data row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowOutcome {
    pub line: usize,
    /// The initiative's Nr.
    pub id: String,
    /// The report's quarter (reports only).
    pub quarter: Option<Quarter>,
    pub change: RowChange,
}

/// What importing a file would do. Nothing has been written.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    pub kind: ImportKind,
    pub file: String,
    pub dialect: Dialect,
    /// Every initiative the file touches, in the order it first appears in the file, as the full record
    /// to write (bookkeeping fields as they were in the workspace; new ones from [`Initiative::new`]).
    /// For reports, an initiative is `Changed` when any of its rows is new or changed, else `Unchanged`
    /// (never `New`: reports need the initiative to exist).
    pub initiatives: Vec<(Initiative, RowChange)>,
    /// One entry per data row, in file order.
    pub rows: Vec<RowOutcome>,
    /// Counts of `rows` (rows, not initiatives).
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub warnings: Vec<Warning>,
}

impl ImportPlan {
    /// The records the store must write (new and changed).
    pub fn to_write(&self) -> impl Iterator<Item = &Initiative> {
        self.initiatives
            .iter()
            .filter(|(_, c)| *c != RowChange::Unchanged)
            .map(|(i, _)| i)
    }

    /// What to hand to `Store::apply`: a create for each new initiative, an update for each changed one.
    pub fn changes(&self) -> Vec<crate::store::Change> {
        use crate::model::AnyRecord;
        use crate::store::Change;
        self.initiatives
            .iter()
            .filter_map(|(i, c)| match c {
                RowChange::New => Some(Change::Create(AnyRecord::Initiative(i.clone()))),
                RowChange::Changed => Some(Change::Update(AnyRecord::Initiative(i.clone()))),
                RowChange::Unchanged => None,
            })
            .collect()
    }

    /// Applies the plan to an in-memory workspace (no bookkeeping: revisions and stamps are the store's job).
    pub fn apply(&self, ws: &mut Workspace) {
        let index: HashMap<String, usize> = ws
            .initiatives
            .iter()
            .enumerate()
            .map(|(n, i)| (i.id.clone(), n))
            .collect();
        for ini in self.to_write() {
            match index.get(&ini.id) {
                Some(&n) => ws.initiatives[n] = ini.clone(),
                None => ws.initiatives.push(ini.clone()),
            }
        }
    }
}

/// The columns the importer knows, across both kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Name,
    FocusArea,
    Ministry,
    Institution,
    Funding,
    Budget,
    StatusReporter,
    WorkingGroupChair,
    ProjectManager,
    ProjectOwner,
    ProgrammeManager,
    StartDate,
    EndDate,
    Comments,
    Quarter,
    Overall,
    Time,
    Cost,
    Scope,
    Risk,
    Forecast,
    Spent,
    PlannedEnd,
    ForecastEnd,
    Comment,
    ReportedBy,
    ReportDate,
}
const FIELD_COUNT: usize = Field::ReportDate as usize + 1;

struct ColumnSpec {
    field: Field,
    da: &'static str,
    en: &'static str,
    required: bool,
}

const fn col(field: Field, da: &'static str, en: &'static str, required: bool) -> ColumnSpec {
    ColumnSpec {
        field,
        da,
        en,
        required,
    }
}

const INITIATIVE_COLUMNS: &[ColumnSpec] = &[
    col(Field::Id, "Nr", "Id", true),
    col(Field::Name, "Initiativnavn", "Name", true),
    col(Field::FocusArea, "Indsatsområde", "Focus area", false),
    col(Field::Ministry, "Ministerium", "Ministry", true),
    col(Field::Institution, "Institution", "Institution", false),
    col(Field::Funding, "Budget og finansiering", "Funding", false),
    col(Field::Budget, "Budget (mio. kr.)", "Budget (DKK m)", false),
    col(
        Field::StatusReporter,
        "Ansvarlig for statusrapportering",
        "Status reporter",
        false,
    ),
    col(
        Field::WorkingGroupChair,
        "Formand for følge-/arbejdsgruppe",
        "Working group chair",
        false,
    ),
    col(
        Field::ProjectManager,
        "Projektleder",
        "Project manager",
        false,
    ),
    col(Field::ProjectOwner, "Projektejer", "Project owner", false),
    col(
        Field::ProgrammeManager,
        "Programleder",
        "Programme manager",
        false,
    ),
    col(Field::StartDate, "Starttidspunkt", "Start date", false),
    col(Field::EndDate, "Sluttidspunkt", "End date", false),
    col(Field::Comments, "Øvrige kommentarer", "Comments", false),
];

const REPORT_COLUMNS: &[ColumnSpec] = &[
    col(Field::Id, "Nr", "Id", true),
    col(Field::Quarter, "Kvartal", "Quarter", true),
    col(Field::Overall, "Samlet status", "Overall", true),
    col(Field::Time, "Tid", "Time", false),
    col(Field::Cost, "Økonomi", "Cost", false),
    col(Field::Scope, "Indhold", "Scope", false),
    col(Field::Risk, "Risiko", "Risk", false),
    col(Field::Budget, "Budget (mio. kr.)", "Budget (DKK m)", false),
    col(
        Field::Forecast,
        "Forventet forbrug (mio. kr.)",
        "Forecast (DKK m)",
        false,
    ),
    col(
        Field::Spent,
        "Forbrug til dato (mio. kr.)",
        "Spent (DKK m)",
        false,
    ),
    col(
        Field::PlannedEnd,
        "Planlagt sluttidspunkt",
        "Planned end",
        false,
    ),
    col(
        Field::ForecastEnd,
        "Forventet sluttidspunkt",
        "Forecast end",
        false,
    ),
    col(Field::Comment, "Bemærkning", "Comment", false),
    col(Field::ReportedBy, "Rapporteret af", "Reported by", false),
    col(Field::ReportDate, "Dato", "Report date", false),
];

fn specs(kind: ImportKind) -> &'static [ColumnSpec] {
    match kind {
        ImportKind::Initiatives => INITIATIVE_COLUMNS,
        ImportKind::Reports => REPORT_COLUMNS,
    }
}

/// The header row the importer reads for a kind, in the given language (all known columns, in order).
pub fn column_headers(kind: ImportKind, lang: Language) -> Vec<&'static str> {
    specs(kind)
        .iter()
        .map(|s| if lang == Language::En { s.en } else { s.da })
        .collect()
}

/// Lower case, surrounding white space dropped, inner runs of white space as one space.
fn normalize_header(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Where each known column sits in the file, and its header as written there.
struct Columns {
    pos: [Option<usize>; FIELD_COUNT],
    names: Vec<String>,
    width: usize,
}

impl Columns {
    fn get(&self, f: Field) -> Option<usize> {
        self.pos[f as usize]
    }
    fn name(&self, f: Field) -> String {
        self.get(f)
            .and_then(|p| self.names.get(p))
            .cloned()
            .unwrap_or_default()
    }
}

/// Collects problems and warnings for one file.
struct Ctx {
    file: String,
    lang: Language,
    dialect: Dialect,
    /// The first [`MAX_PROBLEMS`] problems.
    problems: Vec<Problem>,
    /// How many more were found, and the line of the last one.
    more: usize,
    last_line: usize,
    warnings: Vec<Warning>,
}

/// At most this many problems (and warnings) are listed; the rest are counted. A garbage file of
/// a million rows gives a screenful, not a gigabyte.
pub const MAX_PROBLEMS: usize = 100;

impl Ctx {
    /// The message in the language the problems are reported in.
    fn tr(&self, da: String, en: String) -> String {
        match self.lang {
            Language::Da => da,
            Language::En => en,
        }
    }
    fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }
    /// The problems listed, and a last line saying how many more there are.
    fn into_problems(mut self) -> Vec<Problem> {
        if self.more > 0 {
            let (n, max) = (group_thousands(self.more), MAX_PROBLEMS);
            let m = self.tr(
                format!("og {n} problemer mere (kun de første {max} er vist); ret dem først"),
                format!("and {n} more problems (only the first {max} are shown); fix those first"),
            );
            self.problems.push(Problem {
                file: self.file.clone(),
                line: self.last_line,
                column: None,
                message: m,
            });
        }
        self.problems
    }
    fn problem(&mut self, line: usize, column: Option<String>, message: String) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.more += 1;
            self.last_line = line;
            return;
        }
        self.problems.push(Problem {
            file: self.file.clone(),
            line,
            column,
            message,
        });
    }
    fn warning(&mut self, line: usize, column: Option<String>, message: String) {
        if self.warnings.len() >= MAX_PROBLEMS {
            return;
        }
        self.warnings.push(Warning {
            file: self.file.clone(),
            line,
            column,
            message,
        });
    }
}

fn read_header(kind: ImportKind, header: &StringRecord, line: usize, ctx: &mut Ctx) -> Columns {
    let specs = specs(kind);
    let lowered: Vec<(String, String)> = specs
        .iter()
        .map(|s| (normalize_header(s.da), normalize_header(s.en)))
        .collect();
    let mut cols = Columns {
        pos: [None; FIELD_COUNT],
        names: Vec::with_capacity(header.len()),
        width: header.len(),
    };
    for (n, raw) in header.iter().enumerate() {
        let written = raw.trim().to_string();
        cols.names.push(written.clone());
        let norm = normalize_header(raw);
        if norm.is_empty() {
            // Excel writes trailing separators; an unnamed column is ignored.
            continue;
        }
        match lowered
            .iter()
            .position(|(da, en)| *da == norm || *en == norm)
        {
            Some(k) => {
                let f = specs[k].field;
                if let Some(first) = cols.pos[f as usize] {
                    ctx.problem(
                        line,
                        Some(written),
                        ctx.tr(
                            format!(
                                "kolonnen står to gange (kolonne {} og {})",
                                first + 1,
                                n + 1
                            ),
                            format!(
                                "the column appears twice (columns {} and {})",
                                first + 1,
                                n + 1
                            ),
                        ),
                    );
                } else {
                    cols.pos[f as usize] = Some(n);
                }
            }
            None => {
                let m = ctx.tr(
                    "ukendt kolonne, springes over".into(),
                    "unknown column, ignored".into(),
                );
                ctx.warning(line, Some(written), m)
            }
        }
    }
    for s in specs
        .iter()
        .filter(|s| s.required && cols.get(s.field).is_none())
    {
        let m = ctx.tr(
            format!(
                "den påkrævede kolonne mangler (kald den \"{}\" eller \"{}\")",
                s.da, s.en
            ),
            format!(
                "the required column is missing (name it \"{}\" or \"{}\")",
                s.da, s.en
            ),
        );
        ctx.problem(line, Some(s.da.to_string()), m);
    }
    cols
}

/// One data row being read: field access that records problems as it goes.
struct Row<'a> {
    rec: &'a StringRecord,
    line: usize,
    cols: &'a Columns,
    ctx: &'a mut Ctx,
    bad: bool,
}

impl<'a> Row<'a> {
    fn has(&self, f: Field) -> bool {
        self.cols.get(f).is_some()
    }
    fn raw(&self, f: Field) -> Option<&'a str> {
        let rec: &'a StringRecord = self.rec;
        self.cols.get(f).and_then(|p| rec.get(p))
    }
    fn problem(&mut self, f: Field, message: String) {
        self.bad = true;
        let name = self.cols.name(f);
        self.ctx.problem(self.line, Some(name), message);
    }
    /// Trimmed text, CRLF as LF, "" when the column is absent.
    fn text(&self, f: Field) -> String {
        clean_text(self.raw(f).unwrap_or(""))
    }
    /// Non-empty text of a required column, or a problem.
    fn required(&mut self, f: Field) -> Option<String> {
        let t = self.text(f);
        if t.is_empty() {
            let m = self.ctx.tr(
                "er tom, men skal udfyldes".into(),
                "is empty, but it is required".into(),
            );
            self.problem(f, m);
            None
        } else {
            Some(t)
        }
    }
    fn amount(&mut self, f: Field) -> Option<Amount> {
        let raw = self.raw(f).unwrap_or("");
        match parse_amount(raw, self.ctx.dialect.decimal_comma()) {
            Ok(Some(a)) if a.is_sign_negative() && !a.is_zero() => {
                let m = self.ctx.tr(
                    format!(
                        "\"{}\" er negativt; et budget eller forbrug kan ikke være under nul (skriv beløbet uden minus)",
                        raw.trim()
                    ),
                    format!(
                        "\"{}\" is negative; a budget or spending cannot be below zero (write the amount without the minus)",
                        raw.trim()
                    ),
                );
                self.problem(f, m);
                None
            }
            Ok(a) => a,
            Err(AmountError) => {
                let ex = self.ctx.dialect.amount_example();
                let m = self.ctx.tr(
                    format!(
                        "kan ikke læse \"{}\" som et beløb (skriv fx {ex})",
                        raw.trim()
                    ),
                    format!(
                        "cannot read \"{}\" as an amount (write it like {ex})",
                        raw.trim()
                    ),
                );
                self.problem(f, m);
                None
            }
        }
    }
    fn date(&mut self, f: Field) -> Option<NaiveDate> {
        let raw = self.raw(f).unwrap_or("");
        match parse_date(raw) {
            Ok(Some(d)) if !(1900..=2200).contains(&chrono::Datelike::year(&d)) => {
                let m = self.ctx.tr(
                    format!(
                        "\"{}\" har året {}, som ikke kan være rigtigt (skriv fx 31/12-2026)",
                        raw.trim(),
                        chrono::Datelike::year(&d)
                    ),
                    format!(
                        "\"{}\" has the year {}, which cannot be right (write it like 31/12-2026)",
                        raw.trim(),
                        chrono::Datelike::year(&d)
                    ),
                );
                self.problem(f, m);
                None
            }
            Ok(d) => d,
            Err(DateError::Impossible) => {
                let m = self.ctx.tr(
                    format!("\"{}\" er ikke en dato, der findes", raw.trim()),
                    format!("\"{}\" is not a date that exists", raw.trim()),
                );
                self.problem(f, m);
                None
            }
            Err(DateError::Unreadable) => {
                let m = self.ctx.tr(
                    format!(
                        "kan ikke læse \"{}\" som en dato (skriv fx 31/12-2026 eller 2026-12-31)",
                        raw.trim()
                    ),
                    format!(
                        "cannot read \"{}\" as a date (write it like 31/12-2026 or 2026-12-31)",
                        raw.trim()
                    ),
                );
                self.problem(f, m);
                None
            }
        }
    }
    fn rag(&mut self, f: Field) -> Rag {
        let raw = self.raw(f).unwrap_or("");
        match Rag::parse_loose(raw) {
            Some(r) => r,
            None => {
                let m = self.ctx.tr(
                    format!(
                        "kan ikke læse \"{}\" som en status (skriv Grøn, Gul eller Rød)",
                        raw.trim()
                    ),
                    format!(
                        "cannot read \"{}\" as a status (write Grøn, Gul or Rød)",
                        raw.trim()
                    ),
                );
                self.problem(f, m);
                Rag::NotReported
            }
        }
    }
    /// The Nr: required and a valid id.
    fn id(&mut self) -> Option<String> {
        let id = self.required(Field::Id)?;
        match validate_id(&id) {
            Ok(()) => Some(id),
            Err(e) => {
                self.problem(Field::Id, e.to_string());
                None
            }
        }
    }
    fn quarter(&mut self) -> Option<Quarter> {
        let q = self.required(Field::Quarter)?;
        let parsed = Quarter::parse_loose(&q);
        if parsed.is_none() {
            let m = self.ctx.tr(
                format!("kan ikke læse \"{q}\" som et kvartal"),
                format!("cannot read \"{q}\" as a quarter"),
            );
            self.problem(Field::Quarter, m);
        }
        parsed
    }
}

fn clean_text(s: &str) -> String {
    let t = s.trim();
    if t.contains('\r') {
        t.replace("\r\n", "\n")
    } else {
        t.to_string()
    }
}

/// Initiatives compared ignoring the bookkeeping fields (schema version, revision, created, updated).
fn same_data(a: &Initiative, b: &Initiative) -> bool {
    let mut b2 = b.clone();
    b2.schema_version = a.schema_version;
    b2.revision = a.revision;
    b2.created = a.created.clone();
    b2.updated = a.updated.clone();
    *a == b2
}

/// Reads a CSV file of the given kind and works out what importing it would do, against `ws`.
///
/// `file_label` names the file in problems and warnings (e.g. "reports.csv"). All or nothing: on any
/// problem the result is `Err` with every problem found, in file order, and nothing may be written.
pub fn plan_import(
    kind: ImportKind,
    file_label: &str,
    bytes: &[u8],
    ws: &Workspace,
) -> Result<ImportPlan, Vec<Problem>> {
    plan_import_in(kind, file_label, bytes, ws, Language::En)
}

/// [`plan_import`] with the problems and warnings worded in `lang` (the terminal UI's language).
pub fn plan_import_in(
    kind: ImportKind,
    file_label: &str,
    bytes: &[u8],
    ws: &Workspace,
    lang: Language,
) -> Result<ImportPlan, Vec<Problem>> {
    let (text, encoding) = parse::decode(bytes);
    let (delimiter, skip_hint) = parse::detect_delimiter(&text);
    let (body, line_offset) = match (skip_hint, text.find('\n')) {
        (true, Some(nl)) => (&text[nl + 1..], 1),
        (true, None) => ("", 1),
        (false, _) => (&text[..], 0),
    };
    let dialect = Dialect {
        encoding,
        delimiter,
    };
    let mut ctx = Ctx {
        file: file_label.to_string(),
        lang,
        dialect,
        problems: vec![],
        more: 0,
        last_line: 0,
        warnings: vec![],
    };

    if let Some((utf8, cp1252)) = parse::mixed_encoding(bytes) {
        let m = ctx.tr(
            format!(
                "filen blander to tegnsæt: linje {utf8} er UTF-8, men denne linje er Windows-1252 (æ, ø og å ville blive forkerte); gem hele filen igen i ét tegnsæt (i Excel: \"CSV UTF-8\")"
            ),
            format!(
                "the file mixes two encodings: line {utf8} is UTF-8 but this line is Windows-1252 (æ, ø and å would come out wrong); save the whole file again in one encoding (in Excel: \"CSV UTF-8\")"
            ),
        );
        ctx.problem(cp1252, None, m);
        return Err(ctx.into_problems());
    }

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    // Physical line numbers are counted here from byte offsets: the csv reader's own line count is off
    // for CRLF files (a record's position there points at the '\n' that ends the line before it).
    let (mut counted_to, mut line) = (0usize, 1 + line_offset);
    let mut line_at = |byte: usize| {
        let mut byte = byte.min(body.len());
        while matches!(body.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte > counted_to {
            line += body.as_bytes()[counted_to..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = byte;
        }
        (line, byte)
    };
    // Rows are checked as they are read (a file of a million rows is never held as records); the
    // last one is held back until the end, to know whether the file ends inside a quoted field.
    let mut cols: Option<Columns> = None;
    let mut held: Option<(usize, usize, StringRecord)> = None;
    let mut n_records = 0usize;
    let mut b = Builder::new(ws);
    let mut rec = StringRecord::new();
    loop {
        let read = reader.read_record(&mut rec);
        let next = match read {
            Ok(true) => {
                let (line, byte) = line_at(rec.position().map(|p| p.byte() as usize).unwrap_or(0));
                n_records += 1;
                Some((line, byte, rec.clone()))
            }
            Ok(false) => None,
            Err(e) => {
                let (line, _) = line_at(e.position().map(|p| p.byte() as usize).unwrap_or(0));
                let m = ctx.tr(
                    format!("kan ikke læse linjen som CSV: {e}"),
                    format!("cannot read the line as CSV: {e}"),
                );
                ctx.problem(line, None, m);
                return Err(ctx.into_problems());
            }
        };
        let done = next.is_none();
        if let Some((line, start, r)) = std::mem::replace(&mut held, next) {
            match &cols {
                None => {
                    let c = read_header(kind, &r, line, &mut ctx);
                    if ctx.has_problems() {
                        return Err(ctx.into_problems());
                    }
                    cols = Some(c);
                }
                Some(c) => {
                    // An odd number of quotes from the start of the last record to the end of the
                    // file means the file ends inside a quoted field (the csv reader silently closes it).
                    let unterminated = done
                        && n_records > 1
                        && body
                            .get(start..)
                            .is_some_and(|t| t.matches('"').count() % 2 == 1);
                    check_row(kind, &mut b, c, &r, line, unterminated, &mut ctx);
                }
            }
        }
        if done {
            break;
        }
    }
    if cols.is_none() {
        let m = ctx.tr(
            "filen er tom: den har ingen overskriftslinje".into(),
            "the file is empty: it has no header line".into(),
        );
        ctx.problem(1 + line_offset, None, m);
        return Err(ctx.into_problems());
    }
    if ctx.has_problems() {
        return Err(ctx.into_problems());
    }
    Ok(b.finish(kind, ctx))
}

/// Checks one data row and adds it to the plan (or its problems to `ctx`).
fn check_row(
    kind: ImportKind,
    b: &mut Builder<'_>,
    cols: &Columns,
    rec: &StringRecord,
    line: usize,
    unterminated: bool,
    ctx: &mut Ctx,
) {
    if rec.iter().all(|f| f.trim().is_empty()) {
        return;
    }
    if unterminated {
        let m = ctx.tr(
            "filen slutter inde i et felt i anførselstegn (et afsluttende \" mangler)".into(),
            "the file ends inside a quoted field (a closing \" is missing)".into(),
        );
        ctx.problem(line, None, m);
        return;
    }
    if rec.len() < cols.width {
        let m = ctx.tr(
            format!(
                "linjen har {} felter, men overskriften har {} (er linjen afskåret?)",
                rec.len(),
                cols.width
            ),
            format!(
                "the line has {} fields but the header has {} (is the line cut off?)",
                rec.len(),
                cols.width
            ),
        );
        ctx.problem(line, None, m);
        return;
    }
    if rec.iter().skip(cols.width).any(|f| !f.trim().is_empty()) {
        let m = ctx.tr(
            format!(
                "linjen har {} felter, men overskriften kun {}",
                rec.len(),
                cols.width
            ),
            format!(
                "the line has {} fields but the header has only {}",
                rec.len(),
                cols.width
            ),
        );
        ctx.problem(line, None, m);
        return;
    }
    let mut row = Row {
        rec,
        line,
        cols,
        ctx,
        bad: false,
    };
    match kind {
        ImportKind::Initiatives => b.initiative_row(&mut row),
        ImportKind::Reports => b.report_row(&mut row),
    }
}

/// 11399900 -> "11,399,900".
fn group_thousands(n: usize) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The plan being built, with indexes so each row costs O(1) lookups.
struct Builder<'w> {
    ws: &'w Workspace,
    /// Workspace initiatives by id.
    by_id: HashMap<&'w str, usize>,
    /// Keys seen in the file, with the line they were first seen on.
    seen: HashMap<(String, Option<Quarter>), usize>,
    /// Touched initiatives: (record, change, report index by quarter).
    out: Vec<(Initiative, RowChange, HashMap<Quarter, usize>)>,
    /// Position in `out` by id.
    out_pos: HashMap<String, usize>,
    rows: Vec<RowOutcome>,
}

impl<'w> Builder<'w> {
    fn new(ws: &'w Workspace) -> Builder<'w> {
        let by_id = ws
            .initiatives
            .iter()
            .enumerate()
            .map(|(n, i)| (i.id.as_str(), n))
            .collect();
        Builder {
            ws,
            by_id,
            seen: HashMap::new(),
            out: vec![],
            out_pos: HashMap::new(),
            rows: vec![],
        }
    }

    /// Records the key, or a problem if it was seen before. Returns false for a duplicate.
    fn first_time(&mut self, row: &mut Row<'_>, id: &str, q: Option<Quarter>) -> bool {
        match self.seen.entry((id.to_string(), q)) {
            Entry::Occupied(e) => {
                let line = *e.get();
                let what = match q {
                    Some(q) => row.ctx.tr(
                        format!("initiativ \"{id}\" har allerede en række for {q} (linje {line})"),
                        format!("initiative \"{id}\" has a row for {q} already (line {line})"),
                    ),
                    None => row.ctx.tr(
                        format!("initiativ \"{id}\" har allerede en række (linje {line})"),
                        format!("initiative \"{id}\" has a row already (line {line})"),
                    ),
                };
                row.problem(Field::Id, what);
                false
            }
            Entry::Vacant(v) => {
                v.insert(row.line);
                true
            }
        }
    }

    fn initiative_row(&mut self, row: &mut Row<'_>) {
        let id = row.id();
        let name = row.required(Field::Name);
        let ministry = row.required(Field::Ministry);
        let ws: &'w Workspace = self.ws;
        let existing = id
            .as_deref()
            .and_then(|i| self.by_id.get(i))
            .map(|&n| &ws.initiatives[n]);
        let mut ini = match (existing, &id, &name, &ministry) {
            (Some(e), ..) => e.clone(),
            (None, Some(i), Some(n), Some(m)) => Initiative::new(i, n, m),
            _ => Initiative::new("", "", ""),
        };
        if let Some(n) = name {
            ini.name = n;
        }
        if let Some(m) = ministry {
            ini.ministry = m;
        }
        let text_fields: [(Field, &mut String); 9] = [
            (Field::FocusArea, &mut ini.focus_area),
            (Field::Institution, &mut ini.institution),
            (Field::Funding, &mut ini.funding),
            (Field::StatusReporter, &mut ini.status_reporter),
            (Field::WorkingGroupChair, &mut ini.working_group_chair),
            (Field::ProjectManager, &mut ini.project_manager),
            (Field::ProjectOwner, &mut ini.project_owner),
            (Field::ProgrammeManager, &mut ini.programme_manager),
            (Field::Comments, &mut ini.comments),
        ];
        for (f, slot) in text_fields {
            if row.has(f) {
                *slot = row.text(f);
            }
        }
        if row.has(Field::Budget) {
            ini.budget = row.amount(Field::Budget);
        }
        if row.has(Field::StartDate) {
            ini.start_date = row.date(Field::StartDate);
        }
        if row.has(Field::EndDate) {
            ini.end_date = row.date(Field::EndDate);
        }
        let Some(id) = id else { return };
        if !self.first_time(row, &id, None) || row.bad {
            return;
        }
        let change = match existing {
            None => RowChange::New,
            Some(e) if same_data(e, &ini) => RowChange::Unchanged,
            Some(_) => RowChange::Changed,
        };
        self.rows.push(RowOutcome {
            line: row.line,
            id: id.clone(),
            quarter: None,
            change,
        });
        self.out_pos.insert(id, self.out.len());
        self.out.push((ini, change, HashMap::new()));
    }

    fn report_row(&mut self, row: &mut Row<'_>) {
        let id = row.id();
        let quarter = row.quarter();
        let overall_raw = row.required(Field::Overall);
        let overall = if overall_raw.is_some() {
            row.rag(Field::Overall)
        } else {
            Rag::NotReported
        };
        let ws_index = match &id {
            Some(i) => match self.by_id.get(i.as_str()) {
                Some(&n) => Some(n),
                None => {
                    let m = row.ctx.tr(
                        format!("der er intet initiativ \"{i}\" i arbejdsmappen (importér initiativerne først)"),
                        format!("there is no initiative \"{i}\" in the workspace (import the initiatives first)"),
                    );
                    row.problem(Field::Id, m);
                    None
                }
            },
            None => None,
        };
        let mut rep = StatusReport::new(quarter.unwrap_or(Quarter { year: 1900, q: 1 }), overall);
        // Start from the existing report of that quarter, so columns the file lacks keep their values.
        let slot = match (ws_index, quarter) {
            (Some(n), Some(q)) => {
                let pos = self.touch(n);
                let (ini, _, by_q) = &self.out[pos];
                let existing = by_q.get(&q).copied();
                if let Some(k) = existing {
                    rep = ini.reports[k].clone();
                    rep.overall = overall;
                }
                Some((pos, existing))
            }
            _ => None,
        };
        let rags: [(Field, &mut Rag); 4] = [
            (Field::Time, &mut rep.time),
            (Field::Cost, &mut rep.cost),
            (Field::Scope, &mut rep.scope),
            (Field::Risk, &mut rep.risk),
        ];
        for (f, slot) in rags {
            if row.has(f) {
                *slot = row.rag(f);
            }
        }
        let amounts: [(Field, &mut Option<Amount>); 3] = [
            (Field::Budget, &mut rep.budget),
            (Field::Forecast, &mut rep.forecast),
            (Field::Spent, &mut rep.spent),
        ];
        for (f, slot) in amounts {
            if row.has(f) {
                *slot = row.amount(f);
            }
        }
        let dates: [(Field, &mut Option<NaiveDate>); 3] = [
            (Field::PlannedEnd, &mut rep.planned_end),
            (Field::ForecastEnd, &mut rep.forecast_end),
            (Field::ReportDate, &mut rep.report_date),
        ];
        for (f, slot) in dates {
            if row.has(f) {
                *slot = row.date(f);
            }
        }
        for (f, slot) in [
            (Field::Comment, &mut rep.comment),
            (Field::ReportedBy, &mut rep.reported_by),
        ] {
            if row.has(f) {
                *slot = row.text(f);
            }
        }
        let (Some(id), Some(q)) = (id, quarter) else {
            return;
        };
        if !self.first_time(row, &id, Some(q)) || row.bad {
            return;
        }
        let Some((pos, existing)) = slot else { return };
        let (ini, ini_change, by_q) = &mut self.out[pos];
        let change = match existing {
            None => {
                by_q.insert(q, ini.reports.len());
                ini.reports.push(rep);
                RowChange::New
            }
            Some(k) if ini.reports[k] == rep => RowChange::Unchanged,
            Some(k) => {
                ini.reports[k] = rep;
                RowChange::Changed
            }
        };
        if change != RowChange::Unchanged {
            *ini_change = RowChange::Changed;
        }
        self.rows.push(RowOutcome {
            line: row.line,
            id,
            quarter: Some(q),
            change,
        });
    }

    /// The working copy of workspace initiative `n` in `out`, made on first use.
    fn touch(&mut self, n: usize) -> usize {
        let ini = &self.ws.initiatives[n];
        if let Some(&pos) = self.out_pos.get(&ini.id) {
            return pos;
        }
        let by_q = ini
            .reports
            .iter()
            .enumerate()
            .map(|(k, r)| (r.quarter, k))
            .collect();
        self.out_pos.insert(ini.id.clone(), self.out.len());
        self.out.push((ini.clone(), RowChange::Unchanged, by_q));
        self.out.len() - 1
    }

    fn finish(self, kind: ImportKind, ctx: Ctx) -> ImportPlan {
        let count = |c: RowChange| self.rows.iter().filter(|r| r.change == c).count();
        let (new, changed, unchanged) = (
            count(RowChange::New),
            count(RowChange::Changed),
            count(RowChange::Unchanged),
        );
        let initiatives = self
            .out
            .into_iter()
            .map(|(mut ini, change, _)| {
                // Reports of a record to be written are kept sorted by quarter (the sort is stable).
                if kind == ImportKind::Reports && change == RowChange::Changed {
                    ini.reports.sort_by_key(|r| r.quarter);
                }
                (ini, change)
            })
            .collect();
        ImportPlan {
            kind,
            file: ctx.file,
            dialect: ctx.dialect,
            initiatives,
            rows: self.rows,
            new,
            changed,
            unchanged,
            warnings: ctx.warnings,
        }
    }
}

#[cfg(test)]
mod tests;
