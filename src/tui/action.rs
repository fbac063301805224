//! Everything a key can ask the program to do. Keys map to actions in `keymap`; `App::update`
//! carries them out. Screen-specific actions are handled by the screen's own module.

/// One thing the user asks for. The keymap gives each a key and a description in both languages;
/// the command palette lists them by those descriptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the program (asks first when a form holds unsaved input).
    Quit,
    /// The next screen (Tab).
    NextScreen,
    /// The previous screen (Shift-Tab).
    PrevScreen,
    /// Go to screen 1..6.
    GoTo(u8),
    /// Show the keys of the current screen.
    Help,
    /// The command palette: every action by name.
    Palette,
    /// Undo the session's last edit.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Read the workspace from disk again.
    Reload,
    /// Share through git: commit, fetch, merge, push (`secretariat sync`).
    Sync,
    /// Cursor one row up.
    Up,
    /// Cursor one row down.
    Down,
    /// First row.
    Top,
    /// Last row.
    Bottom,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// Half a page up.
    HalfPageUp,
    /// Half a page down.
    HalfPageDown,
    /// Open what the cursor is on.
    Open,
    /// Back out of a detail view or a filter.
    Back,
    /// Filter the current list by typed words.
    Filter,
    /// Create a new record of the screen's kind.
    New,
    /// Edit the record (or the selected part of it).
    Edit,
    /// Delete the record (asks first; can be undone).
    Delete,

    // --- Portfolio ---
    /// Create a case from the initiative's latest report.
    CaseFromInitiative,
    /// Close the initiative (takes it out of the deviation rules).
    CloseInitiative,
    /// Import status reports from a CSV file.
    ImportReports,
    /// Import initiatives from a CSV file.
    ImportInitiatives,
    /// Sort by the next column.
    SortNext,
    /// Reverse the sort order.
    SortReverse,
    /// Show only one category (deviating, attention, missing, all).
    CycleCategory,
    /// Show the quarter before the one shown (Portfolio).
    PrevQuarter,
    /// Show the quarter after the one shown (Portfolio).
    NextQuarter,
    /// Show or hide the categories over time (Portfolio).
    ToggleChart,
    /// Open or close the economy view: over-/underspend of a year and the proposed cases (Portfolio).
    EconomyView,
    /// Create the proposed over-/underspend cases (Portfolio's economy view).
    CreateSpendCases,

    // --- Cases ---
    /// Mark the case ready for an agenda or a consultation (or a ready one back to draft).
    MarkReady,
    /// Close the case (no more work), or reopen a closed one.
    CloseCase,
    /// Escalate the case to the forum's parent forum.
    Escalate,
    /// Open the initiative the record is about.
    OpenInitiative,

    // --- Meetings ---
    /// Add a ready case to the agenda.
    AddCase,
    /// Add an item without a case.
    AddItem,
    /// Move the selected item up.
    MoveUp,
    /// Move the selected item down.
    MoveDown,
    /// Remove the selected item.
    RemoveItem,
    /// Mark the agenda as sent.
    Dispatch,
    /// Mark the meeting as held.
    MarkHeld,
    /// Write the decision of the selected item.
    EditDecision,
    /// Insert a standard decision formula.
    InsertFormula,
    /// Add an action item to the selected item.
    AddActionItem,
    /// Record attendance.
    Attendance,
    /// Approve the minutes.
    Approve,
    /// Reopen approved minutes (asks for a reason).
    Reopen,
    /// Write the files for distribution.
    Export,
    /// A new meeting as a copy of this one's structure.
    CopyMeeting,

    // --- Consultations ---
    /// Record a member's reply.
    Reply,
    /// Conclude the consultation.
    Conclude,
    /// Write the reminder to those who have not replied.
    ExportReminder,
    /// Write the summary (høringsnotat).
    ExportSummary,

    // --- Decisions / follow-up ---
    /// Open where the decision was made.
    OpenSource,
    /// Mark the action item done (or not done).
    ToggleDone,

    // --- Consultations (added by the consultations screen) ---
    /// Conclude the consultation with another outcome than the computed one, giving a reason.
    ConcludeOverride,

    // --- Forums (row editor) ---
    /// Add a member row to the open forum.
    AddMember,
    /// Add a standard-item row to the open forum.
    AddStandardItem,
    /// Create Porteføljestyregruppen from the template (the first forum of a new workspace).
    ForumFromTemplate,

    // --- Follow-up list ---
    /// Show one owner's action items (a picker).
    PickOwner,

    // --- Everywhere ---
    /// Find any initiative, case, meeting, consultation or decision by id or words, and open it.
    SearchAll,
    /// The history page of the record the user is on.
    History,
    /// On a meeting's history page: the agenda as last dispatched.
    AsDispatched,

    // --- Meetings (agenda builder) ---
    /// Edit the open meeting's date, times and place (the item keys edit the selected item).
    EditMeeting,

    // --- E-mail ---
    /// Send the agenda (or, once held, the minutes) or the consultation letter by e-mail to the
    /// forum's members (asks first; again: only to those that failed).
    SendMail,
    /// Send a reminder by e-mail to the members who have not replied.
    SendReminderMail,
    /// Read replies to consultations from a mail folder or .eml file.
    ReceiveMail,

    // --- Bilag (cases and agenda items) ---
    /// The bilag of the case or agenda item: attach a file, rename, remove.
    Bilag,

    // --- Dialogs (tui/popups) ---
    /// Answer yes: a confirmation, a preview that asks, the recovery offer.
    Yes,
    /// Answer no.
    No,
    /// In the conflict dialog of a save: keep mine as a copy under a new id.
    KeepCopy,
    /// In the conflict dialog of a sync: the other version holds.
    TakeOther,
    /// In the conflict dialog of a sync: the record as it is now holds.
    KeepMine,
    /// In the conflict dialog of a sync: keep both, the other version as a copy.
    KeepBoth,
}
