//! The initiative form and what submitting a portfolio form does.

use super::*;

pub(super) fn initiative_form(app: &App, i: &Initiative, target: Option<&str>) -> Form {
    let t = |k: &'static str, da: &'static str, en: &'static str, v: &str| {
        Field::new(k, app.t(da, en), FieldKind::Text, v)
    };
    let mut fields = vec![];
    if target.is_none() {
        fields.push(t("id", "Nr", "No.", "").required());
    }
    fields.extend([
        t("name", "Initiativnavn", "Name", &i.name).required(),
        t("focus_area", "Indsatsområde", "Focus area", &i.focus_area),
        t("ministry", "Ministerium", "Ministry", &i.ministry).required(),
        t("institution", "Institution", "Institution", &i.institution),
        t("funding", "Budget og finansiering", "Funding", &i.funding),
        Field::new(
            "budget",
            app.t("Budget (mio. kr.)", "Budget (DKK m)"),
            FieldKind::Amount,
            &i.budget
                .map(|b| {
                    b.to_string().replace(
                        '.',
                        if app.lang == crate::model::Language::Da {
                            ","
                        } else {
                            "."
                        },
                    )
                })
                .unwrap_or_default(),
        ),
        t(
            "status_reporter",
            "Ansvarlig for statusrapportering",
            "Status reporter",
            &i.status_reporter,
        ),
        t(
            "working_group_chair",
            "Formand for følge-/arbejdsgruppe",
            "Working group chair",
            &i.working_group_chair,
        ),
        t(
            "project_manager",
            "Projektleder",
            "Project manager",
            &i.project_manager,
        ),
        t(
            "project_owner",
            "Projektejer",
            "Project owner",
            &i.project_owner,
        ),
        t(
            "programme_manager",
            "Programleder",
            "Programme manager",
            &i.programme_manager,
        ),
        Field::new(
            "start_date",
            app.t("Starttidspunkt", "Start date"),
            FieldKind::Date,
            &i.start_date.map(format_date).unwrap_or_default(),
        ),
        Field::new(
            "end_date",
            app.t("Sluttidspunkt", "End date"),
            FieldKind::Date,
            &i.end_date.map(format_date).unwrap_or_default(),
        ),
        Field::new(
            "comments",
            app.t("Øvrige kommentarer", "Comments"),
            FieldKind::Multiline,
            &i.comments,
        ),
    ]);
    let title = match target {
        Some(id) => format!("{} {id}", app.t("Rediger initiativ", "Edit initiative")),
        None => app.t("Nyt initiativ", "New initiative").to_string(),
    };
    Form::new(
        &title,
        Intent::Portfolio(PortfolioIntent::Edit {
            initiative: target.map(str::to_string),
        }),
        fields,
    )
}

pub fn submit(app: &mut App, i: PortfolioIntent, form: &mut Form) -> Result<(), String> {
    let target = match i {
        PortfolioIntent::ImportFile { kind } => return submit_import(app, kind, form),
        PortfolioIntent::Edit { initiative } => initiative,
        // Confirmations and a picker, not forms.
        PortfolioIntent::CreateCase { .. }
        | PortfolioIntent::CloseOrReopen { .. }
        | PortfolioIntent::Import { .. }
        | PortfolioIntent::SpendCases { .. } => return Ok(()),
    };
    let l = app.lang;
    let (mut i, new) = match &target {
        Some(id) => (
            app.ws
                .initiative(id)
                .cloned()
                .ok_or_else(|| super::super::common::gone(app))?,
            false,
        ),
        None => {
            let id = form.text("id");
            if let Err(e) = crate::model::validate_id(&id) {
                form.set_error("id", e.to_string());
                return Err(app.t("Ugyldigt nummer.", "Invalid number.").into());
            }
            if app.ws.initiative(&id).is_some() {
                form.set_error(
                    "id",
                    app.t("nummeret findes allerede", "that number is taken")
                        .into(),
                );
                return Err(app
                    .t("Nummeret findes allerede.", "The number is taken.")
                    .into());
            }
            (Initiative::new(&id, "", ""), true)
        }
    };
    i.name = form.text("name");
    i.focus_area = form.text("focus_area");
    i.ministry = form.text("ministry");
    i.institution = form.text("institution");
    i.funding = form.text("funding");
    i.budget = form.amount("budget", l);
    i.status_reporter = form.text("status_reporter");
    i.working_group_chair = form.text("working_group_chair");
    i.project_manager = form.text("project_manager");
    i.project_owner = form.text("project_owner");
    i.programme_manager = form.text("programme_manager");
    i.start_date = form.date("start_date", app.today, l);
    i.end_date = form.date("end_date", app.today, l);
    i.comments = form.text("comments");
    let id = i.id.clone();
    let ch = if new {
        Change::Create(AnyRecord::Initiative(i))
    } else {
        Change::Update(AnyRecord::Initiative(i))
    };
    app.commit(vec![ch], if new { "created" } else { "edited" })?;
    app.flash(
        format!("{id} {}", app.t("er gemt.", "saved.")),
        Tone::Success,
    );
    Ok(())
}
