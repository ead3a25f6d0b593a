//! The README's sample output is what `provlint check examples/draft.md`
//! prints (human format, no colour, 100 columns).

use provlint::config::Settings;
use provlint::corpus::Corpus;
use provlint::render::{self, human::HumanOptions};
use std::path::Path;

#[test]
fn the_readme_sample_is_what_the_tool_prints() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("<!-- sample-output:start -->\n```text\n")
        .expect("sample start marker");
    let body = &readme[start..];
    let body = &body[body.find("```text\n").unwrap() + 8..];
    let sample = &body[..body
        .find("```\n<!-- sample-output:end -->")
        .expect("sample end marker")];

    let corpus = Corpus::load(Path::new("corpus")).unwrap();
    let settings = Settings::load(Path::new("."), None).unwrap();
    let draft = provlint::files::read_draft(Path::new("examples/draft.md"), u64::MAX).unwrap();
    let report = provlint::checks::check(&draft, &corpus, &settings);
    let out = render::human::render(
        &[report],
        HumanOptions {
            color: false,
            width: 100,
        },
    );
    assert_eq!(sample, out, "update the README's sample output");
}

/// The README's sample provlint.toml is a valid config.
#[test]
fn the_readme_config_sample_loads() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let section = &readme[readme
        .find("## Configuration")
        .expect("a Configuration section")..];
    let start = section.find("```toml\n").unwrap() + 8;
    let sample = &section[start..start + section[start..].find("```").unwrap()];
    let mut settings = Settings::defaults(Path::new("/book"));
    settings
        .apply(sample, Path::new("README.md"), Path::new("/book"))
        .unwrap();
    assert_eq!(settings.exclude, ["drafts/archive/**"]);
    assert_eq!(settings.overrides.len(), 1);
}
