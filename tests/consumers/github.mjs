// What @actions/core prints for provlint's findings: reads `--format
// json-lines` output (a file named by the first argument) and issues each
// finding as an annotation with core.error / core.warning / core.notice.
// tests/consumers.rs compares these lines with `--format github`.
//
// The annotation is put together here from the JSON, independently of
// provlint's renderer: the title is the rule code; the message is the
// message, then `help: …`, the fix, and a line per related source passage;
// the columns (code points) are given only when the finding is on one line,
// `endColumn` being its last character's.
import * as core from "@actions/core";
import { readFileSync } from "node:fs";

const lines = readFileSync(process.argv[2], "utf8").split("\n").filter((l) => l !== "");
for (const line of lines) {
  const d = JSON.parse(line);
  let message = d.message;
  if (d.help) message += `\nhelp: ${d.help}`;
  if (d.fix) {
    const kind = d.fix.applicability === "safe" ? "fix" : "fix (unsafe)";
    message += d.fix.replacement === ""
      ? `\n${kind}: ${d.fix.message}`
      : `\n${kind}: ${d.fix.message}: “${d.fix.replacement}”`;
  }
  for (const r of d.related) {
    message += `\n${r.source}: ${r.path}:${r.span.line}:${r.span.column}: ${r.message}`;
  }
  const props = {
    title: d.code,
    file: d.path,
    startLine: d.span.line,
    endLine: d.span.end_line,
  };
  if (d.span.line === d.span.end_line) {
    props.startColumn = d.span.column;
    props.endColumn = Math.max(d.span.end_column, d.span.column + 1) - 1;
  }
  const issue = { error: core.error, warning: core.warning, info: core.notice }[d.severity];
  issue(message, props);
}
