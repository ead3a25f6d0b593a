//! JUnit XML, for CI systems that show test reports: a `testsuite` per
//! draft, a `testcase` per finding. A finding at or above the failure level
//! is a `failure`; one below it passes, with its text in `system-out`. A
//! draft with no findings is one passing test case, so every checked draft
//! is counted.

use super::{Positions, full_message, xml_escape};
use crate::diagnostic::{FileReport, Severity};

pub fn render(reports: &[FileReport], fail_on: Severity) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures) = (0, 0);
    for r in reports {
        let positions = Positions::new(&r.text);
        let mut cases = String::new();
        let (mut t, mut f) = (0, 0);
        for d in &r.diagnostics {
            let pos = positions.position(d.span.start);
            let location = format!("{}:{}:{}", r.path, pos.line, pos.chars);
            let text = format!("{location}: {}[{}] {}", d.severity, d.code, full_message(d));
            t += 1;
            cases.push_str(&format!(
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\">\n",
                xml_escape(&format!("{} at {}:{}", d.code, pos.line, pos.chars)),
                xml_escape(&r.path),
                xml_escape(&r.path),
                pos.line
            ));
            if d.severity >= fail_on {
                f += 1;
                cases.push_str(&format!(
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                    xml_escape(&d.message),
                    xml_escape(d.code),
                    xml_escape(&text)
                ));
            } else {
                cases.push_str(&format!(
                    "      <system-out>{}</system-out>\n",
                    xml_escape(&text)
                ));
            }
            cases.push_str("    </testcase>\n");
        }
        if r.diagnostics.is_empty() {
            t += 1;
            cases.push_str(&format!(
                "    <testcase name=\"no findings\" classname=\"{}\" file=\"{}\"/>\n",
                xml_escape(&r.path),
                xml_escape(&r.path)
            ));
        }
        suites.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{t}\" failures=\"{f}\" errors=\"0\" skipped=\"0\">\n{cases}  </testsuite>\n",
            xml_escape(&r.path)
        ));
        tests += t;
        failures += f;
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"provlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n{suites}</testsuites>\n"
    )
}
