//! The people and file names of the demo tenant.

/// OneDrive owners: display name and mail local part. The first is the one a walk starts
/// with, so its root holds small, ordinary documents.
pub const USERS: &[(&str, &str)] = &[
    ("Adele Vance", "adelev"),
    ("Alex Wilber", "alexw"),
    ("Megan Bowen", "meganb"),
    ("Diego Siciliani", "diegos"),
    ("Lee Gu", "leeg"),
    ("Nestor Wilke", "nestorw"),
    ("Miriam Graham", "miriamg"),
    ("Pradeep Gupta", "pradeepg"),
    ("Isaiah Langer", "isaiahl"),
    ("Johanna Lorenz", "johannal"),
    ("Åsa Lindqvist", "asal"),
    ("José Núñez-García", "josen"),
    ("Zoë Brontë", "zoeb"),
    ("François Lefèvre", "francoisl"),
    ("Søren Kierkegård", "sorenk"),
    ("Łukasz Żółkiewski", "lukaszz"),
    ("Björk Guðmundsdóttir", "bjorkg"),
    ("İlkay Yılmaz", "ilkayy"),
    ("Nguyễn Thị Minh Khai", "nguyenk"),
    ("王小明", "wangxm"),
    ("佐藤 花子", "satoh"),
    ("김민준", "kimmj"),
    ("محمد العلي", "mohammeda"),
    ("نور الهدى", "noorh"),
    ("דוד כהן", "davidc"),
    ("Ирина Петрова", "irinap"),
    ("Αλέξανδρος Παπαδόπουλος", "alexandrosp"),
    ("Ömer Çelik", "omerc"),
];

/// The OneDrive that holds the 100,000-document folder and the 2 GiB document.
pub const BIG_USER: &str = "nestorw";
/// The OneDrive that holds the names hostile to file systems and terminals.
pub const HOSTILE_USER: &str = "miriamg";

/// Ordinary document names, picked per folder.
pub const DOCUMENTS: &[&str] = &[
    "Budget.xlsx",
    "Meeting notes.docx",
    "Roadmap.pptx",
    "Invoice 0042.pdf",
    "Team photo.jpg",
    "README.md",
    "Contract (signed).pdf",
    "Travel expenses.xlsx",
    "Customer list.csv",
    "Design brief.docx",
    "Notes.txt",
    "Presentation final v2.pptx",
    "Scan 2026-11-03.pdf",
    "Whiteboard.png",
    "Recording.m4a",
    "Résumé.docx",
    "Übersicht.xlsx",
];

/// Names that a careless client would turn into a broken path or a hijacked terminal.
pub const HOSTILE: &[&str] = &[
    "report:*?\"<>|.docx",
    "trailing dots...",
    "trailing space ",
    "CON",
    "NUL.txt",
    "COM1",
    "../",
    "../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "bell\u{7}tab\tnewline\n.txt",
    "\u{1b}[31mred alert\u{1b}[0m.txt",
    "\u{1b}]0;owned title\u{7}.txt",
    "\u{1b}]8;;https://example.invalid\u{1b}\\click me\u{1b}]8;;\u{1b}\\.txt",
    "\u{202e}gnp.exe",
    "zero\u{200b}width.txt",
    "-rf",
    ".hidden",
];

/// Stands in a tenant name for a lone UTF-16 surrogate, which a Rust string cannot hold.
/// U+FDD0 is a noncharacter, set aside for such internal use; the emulator's JSON writer
/// sends it as [`LONE_SURROGATE_ESCAPE`].
pub const LONE_SURROGATE_MARKER: char = '\u{FDD0}';
/// The first half of an emoji's UTF-16 pair, escaped, as a .NET server sends it alone.
pub const LONE_SURROGATE_ESCAPE: &str = "\\uD83D";
/// A name cut between the two UTF-16 halves of an emoji (see [`LONE_SURROGATE_MARKER`]).
pub const CUT_EMOJI: &str = "Party \u{FDD0}.docx";

/// More names hostile to file systems: absolute paths of both kinds and a NUL character.
/// Added after the others so that the sizes and dates drawn for those stay as they were.
pub const HOSTILE_LATE: &[&str] = &[
    "/etc/cron.d/evil",
    "C:\\Windows\\System32\\evil.dll",
    "nul\u{0}byte.txt",
];

/// A name of 1,000 characters, far past what any file system takes in one component.
pub fn thousand_character_name() -> String {
    let end = ".docx";
    let mut name = "x".repeat(1000 - end.len());
    name.push_str(end);
    name
}

/// The hostile name that the well-known hostile document carries (an ANSI escape).
pub const HOSTILE_DOCUMENT: &str = "\u{1b}[31mred alert\u{1b}[0m.txt";

/// Names with spaces and emoji.
pub const FRIENDLY_ODD: &[&str] = &[
    "Quarterly report 🚀 final.docx",
    "👨‍👩‍👧‍👦 family.jpg",
    "   spaces   around   .txt",
    "日本語の資料.pdf",
    "تقرير سنوي.docx",
];

/// A name of more than 200 characters.
pub fn long_name() -> String {
    let mut name = String::from("A very long file name that keeps going ");
    while name.chars().count() < 230 {
        name.push_str("and going ");
    }
    name.push_str("— the end.docx");
    name
}

/// A 200+ character name made of multi-byte characters (over 255 bytes in UTF-8).
pub fn long_wide_name() -> String {
    let mut name: String = "長い名前".repeat(52);
    name.push_str(".txt");
    name
}
