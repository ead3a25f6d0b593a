//! Reading a document (draft or source) into prose blocks.
//!
//! Markdown goes through a real CommonMark parser (pulldown-cmark, offsets
//! on, smart punctuation off so the text is never altered); plain text is
//! split into paragraphs at blank lines. Code blocks, inline code, HTML,
//! link and image URLs and front matter never become prose.

use super::prose::{ProseBuilder, ProseText};
use crate::span::Span;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

/// How a file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
}

impl Format {
    /// The format a path's extension implies: Markdown for `.md`,
    /// `.markdown`, `.mdx`, `.mkd`; plain text otherwise.
    pub fn from_path(path: &std::path::Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd" | "mkdn" | "mdx") => Format::Markdown,
            _ => Format::Text,
        }
    }
}

/// What kind of block a stretch of prose came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    TableCell,
    FootnoteDefinition,
}

/// A leaf block of prose.
#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's range in the prose text.
    pub prose: Span,
    /// How many blockquotes enclose it.
    pub blockquote_depth: usize,
    /// The label of the footnote definition it belongs to, if any.
    pub footnote: Option<String>,
    /// Part of the reference apparatus (a footnote definition, or a block
    /// of a reference section: see `rules/apparatus.toml`): what is quoted
    /// or numbered there is a title, a page or an id, never a claim.
    pub apparatus: bool,
}

/// An HTML comment, kept for inline suppressions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Span of the whole `<!-- ... -->` in the original.
    pub span: Span,
    /// The text between `<!--` and `-->`.
    pub body: String,
}

/// A footnote reference (`[^1]`) in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FootnoteRef {
    pub label: String,
    /// Span of `[^label]` in the original.
    pub span: Span,
    /// Where it stands in the prose (it takes up no prose itself).
    pub prose_at: usize,
}

/// An inline link or autolink (`[text](url)`, `<url>`) in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The destination, as written.
    pub dest: String,
    /// Span of the whole link in the original.
    pub span: Span,
    /// The link text in the prose (empty for an autolink, whose text is its
    /// URL and not prose).
    pub prose: Span,
    /// The label of the footnote definition it is in, if any.
    pub footnote: Option<String>,
}

/// Front matter at the top of a Markdown file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    pub kind: FrontMatterKind,
    /// Span of the front matter's content (without the fences).
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontMatterKind {
    Yaml,
    Toml,
}

/// A document read into prose.
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub prose: ProseText,
    pub blocks: Vec<Block>,
    pub comments: Vec<Comment>,
    pub footnote_refs: Vec<FootnoteRef>,
    /// Links, in document order (Markdown only: URLs are not prose).
    pub links: Vec<Link>,
    pub front_matter: Option<FrontMatter>,
    /// Prose spans of `<sup>…</sup>` (a superscript is where a citation
    /// marker such as `<sup>[3]</sup>` stands).
    pub superscripts: Vec<Span>,
}

impl Document {
    /// The prose text of a block.
    pub fn block_text(&self, block: &Block) -> &str {
        &self.prose.text()[block.prose.range()]
    }

    /// Every sentence of prose, block by block (a sentence never crosses
    /// blocks), as `(block index, prose span)`. The reference apparatus has
    /// no sentences: nothing there is a claim.
    pub fn sentences(&self) -> Vec<(usize, Span)> {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| !b.apparatus)
            .flat_map(|(i, b)| {
                super::sentences::split(self.prose.text(), b.prose)
                    .into_iter()
                    .map(move |s| (i, s))
            })
            .collect()
    }
}

/// Reads `text` as `format`. `skip_line` decides which lines of a plain-text
/// file are not prose at all (page headers and footers of a PDF copy).
pub fn read(text: &str, format: Format, skip_line: &dyn Fn(&str) -> bool) -> Document {
    match format {
        Format::Markdown => read_markdown(text),
        Format::Text => read_plain(text, skip_line),
    }
}

/// Never skips a line.
pub fn keep_all_lines(_: &str) -> bool {
    false
}

fn read_plain(text: &str, skip_line: &dyn Fn(&str) -> bool) -> Document {
    let mut prose = ProseBuilder::new();
    let mut blocks = Vec::new();
    let mut block_start: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let span = Span::new(offset, offset + line.len());
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if skip_line(content) {
            continue;
        }
        if content.trim().is_empty() {
            if let Some(start) = block_start.take() {
                blocks.push(plain_block(start, prose.text()));
            }
            prose.push_verbatim(text, span);
            continue;
        }
        if block_start.is_none() {
            block_start = Some(prose.len());
        }
        prose.push_verbatim(text, span);
    }
    if let Some(start) = block_start {
        blocks.push(plain_block(start, prose.text()));
    }
    // HTML comments mean nothing in plain text, but provlint's own
    // suppression comments should work there too.
    let mut comments = Vec::new();
    collect_comments(text, Span::new(0, text.len()), text, &mut comments);
    comments.retain(|c| c.body.trim_start().starts_with("provlint-"));
    Document {
        prose: prose.finish(),
        blocks,
        comments,
        footnote_refs: Vec::new(),
        links: Vec::new(),
        front_matter: None,
        superscripts: Vec::new(),
    }
}

fn plain_block(start: usize, prose: &str) -> Block {
    let end = start + prose[start..].trim_end().len();
    Block {
        kind: BlockKind::Paragraph,
        prose: Span::new(start, end),
        blockquote_depth: 0,
        footnote: None,
        apparatus: false,
    }
}

/// Stand-in for inline code in prose: never a word, never matches.
pub const PLACEHOLDER: &str = "\u{FFFC}";

struct OpenBlock {
    start: usize,
    kind: BlockKind,
}

fn read_markdown(text: &str) -> Document {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut prose = ProseBuilder::new();
    let mut doc = Document::default();
    let mut open: Option<OpenBlock> = None;
    // Innermost container kinds, to name a block.
    let mut containers: Vec<BlockKind> = Vec::new();
    let mut footnotes: Vec<String> = Vec::new();
    // For each open link, whether its text is only its URL, and the link as
    // recorded so far (its prose end is filled in when it closes).
    let mut links: Vec<(bool, Option<usize>)> = Vec::new();
    let mut blockquote_depth = 0;
    // Depths of constructs whose text is not prose.
    let mut skip_depth = 0usize;
    let mut metadata: Option<FrontMatterKind> = None;
    let mut last_end = 0;
    // Each heading's block and level, for the reference sections.
    let mut headings: Vec<(usize, u8)> = Vec::new();
    let mut superscript: Option<usize> = None;

    let close = |open: &mut Option<OpenBlock>,
                 prose: &mut ProseBuilder,
                 doc: &mut Document,
                 blockquote_depth: usize,
                 footnotes: &[String],
                 at: usize| {
        if let Some(b) = open.take() {
            let end = b.start + prose.text()[b.start..].trim_end().len();
            if end > b.start {
                doc.blocks.push(Block {
                    kind: b.kind,
                    prose: Span::new(b.start, end),
                    blockquote_depth,
                    footnote: footnotes.last().cloned(),
                    apparatus: !footnotes.is_empty(),
                });
            }
            // Blocks are kept apart in the prose by a blank line that stands
            // for whatever separated them in the original.
            prose.push_mapped("\n\n", Span::new(at, at));
        }
    };

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let span = Span::from(range.clone());
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::BlockQuote(_)
                    | Tag::CodeBlock(_)
                    | Tag::HtmlBlock
                    | Tag::List(_)
                    | Tag::Item
                    | Tag::FootnoteDefinition(_)
                    | Tag::Table(_)
                    | Tag::TableHead
                    | Tag::TableRow
                    | Tag::TableCell
                    | Tag::MetadataBlock(_)
                    | Tag::DefinitionList
                    | Tag::DefinitionListTitle
                    | Tag::DefinitionListDefinition => {
                        close(
                            &mut open,
                            &mut prose,
                            &mut doc,
                            blockquote_depth,
                            &footnotes,
                            span.start,
                        );
                    }
                    _ => {}
                }
                match tag {
                    Tag::Paragraph => containers.push(BlockKind::Paragraph),
                    Tag::Heading { .. } => containers.push(BlockKind::Heading),
                    Tag::Item => containers.push(BlockKind::ListItem),
                    Tag::TableCell => containers.push(BlockKind::TableCell),
                    Tag::FootnoteDefinition(label) => {
                        containers.push(BlockKind::FootnoteDefinition);
                        footnotes.push(label.to_string());
                    }
                    Tag::BlockQuote(_) => blockquote_depth += 1,
                    Tag::CodeBlock(_) | Tag::Image { .. } => skip_depth += 1,
                    Tag::Link {
                        link_type,
                        dest_url,
                        ..
                    } => {
                        // An autolink's text is its URL, which is not prose.
                        let url_only = matches!(link_type, LinkType::Autolink | LinkType::Email);
                        // Links inside code or images are not the writer's.
                        let recorded = (skip_depth == 0).then(|| {
                            doc.links.push(Link {
                                dest: dest_url.to_string(),
                                span,
                                prose: Span::new(prose.len(), prose.len()),
                                footnote: footnotes.last().cloned(),
                            });
                            doc.links.len() - 1
                        });
                        links.push((url_only, recorded));
                        skip_depth += usize::from(url_only);
                    }
                    Tag::MetadataBlock(kind) => {
                        skip_depth += 1;
                        metadata = Some(match kind {
                            pulldown_cmark::MetadataBlockKind::YamlStyle => FrontMatterKind::Yaml,
                            pulldown_cmark::MetadataBlockKind::PlusesStyle => FrontMatterKind::Toml,
                        });
                    }
                    _ => {}
                }
            }
            Event::End(tag) => {
                let blocks_before = doc.blocks.len();
                match tag {
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::BlockQuote(_)
                    | TagEnd::CodeBlock
                    | TagEnd::HtmlBlock
                    | TagEnd::List(_)
                    | TagEnd::Item
                    | TagEnd::FootnoteDefinition
                    | TagEnd::Table
                    | TagEnd::TableHead
                    | TagEnd::TableRow
                    | TagEnd::TableCell
                    | TagEnd::MetadataBlock(_)
                    | TagEnd::DefinitionList
                    | TagEnd::DefinitionListTitle
                    | TagEnd::DefinitionListDefinition => {
                        close(
                            &mut open,
                            &mut prose,
                            &mut doc,
                            blockquote_depth,
                            &footnotes,
                            last_end.max(span.start),
                        );
                    }
                    _ => {}
                }
                if let TagEnd::Heading(level) = tag {
                    if doc.blocks.len() > blocks_before {
                        headings.push((doc.blocks.len() - 1, level as u8));
                    }
                }
                match tag {
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => {
                        containers.pop();
                    }
                    TagEnd::FootnoteDefinition => {
                        containers.pop();
                        footnotes.pop();
                    }
                    TagEnd::BlockQuote(_) => blockquote_depth -= 1,
                    TagEnd::CodeBlock | TagEnd::Image => skip_depth -= 1,
                    TagEnd::Link => {
                        if let Some((url_only, recorded)) = links.pop() {
                            if url_only {
                                skip_depth -= 1;
                            }
                            if let Some(i) = recorded {
                                let link = &mut doc.links[i];
                                let end = prose.len().max(link.prose.start);
                                // The text as the reader sees it, without the
                                // white space that ends a block.
                                let text = &prose.text()[link.prose.start..end];
                                link.prose.end = link.prose.start + text.trim_end().len();
                            }
                        }
                    }
                    TagEnd::MetadataBlock(_) => {
                        skip_depth -= 1;
                        metadata = None;
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(kind) = metadata {
                    doc.front_matter = Some(FrontMatter {
                        kind,
                        span,
                        text: t.to_string(),
                    });
                    continue;
                }
                if skip_depth > 0 {
                    continue;
                }
                ensure_open(&mut open, &prose, &containers);
                if text.get(span.range()) == Some(&*t) {
                    prose.push_verbatim(text, span);
                } else {
                    prose.push_mapped(&t, span);
                }
                last_end = span.end;
            }
            Event::Code(_) => {
                if skip_depth == 0 {
                    ensure_open(&mut open, &prose, &containers);
                    prose.push_mapped(PLACEHOLDER, span);
                    last_end = span.end;
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if skip_depth == 0 && open.is_some() {
                    prose.push_mapped("\n", span);
                    last_end = span.end;
                }
            }
            Event::InlineHtml(html) => {
                let tag = html.trim().to_ascii_lowercase();
                if tag == "<sup>" {
                    superscript = Some(prose.len());
                } else if tag == "</sup>" {
                    if let Some(start) = superscript.take() {
                        doc.superscripts.push(Span::new(start, prose.len()));
                    }
                }
                collect_comments(&html, span, text, &mut doc.comments);
            }
            Event::Html(html) => {
                collect_comments(&html, span, text, &mut doc.comments);
            }
            Event::Rule => {
                close(
                    &mut open,
                    &mut prose,
                    &mut doc,
                    blockquote_depth,
                    &footnotes,
                    span.start,
                );
            }
            Event::FootnoteReference(label) => {
                if skip_depth == 0 {
                    ensure_open(&mut open, &prose, &containers);
                    doc.footnote_refs.push(FootnoteRef {
                        label: label.to_string(),
                        span,
                        prose_at: prose.len(),
                    });
                }
            }
            Event::TaskListMarker(_) => {}
            Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
    }
    close(
        &mut open,
        &mut prose,
        &mut doc,
        blockquote_depth,
        &footnotes,
        text.len(),
    );
    doc.prose = prose.finish();
    mark_reference_sections(&mut doc, &headings);
    doc
}

/// Marks every block under a reference section's heading (up to the next
/// heading of the same or a higher level) as apparatus.
fn mark_reference_sections(doc: &mut Document, headings: &[(usize, u8)]) {
    let mut section: Option<u8> = None;
    let mut next = headings.iter().peekable();
    for i in 0..doc.blocks.len() {
        if let Some(&(_, level)) = next.next_if(|(b, _)| *b == i) {
            if section.is_some_and(|open| level <= open) {
                section = None;
            }
            if section.is_none()
                && super::apparatus::is_reference_heading(doc.block_text(&doc.blocks[i]))
            {
                section = Some(level);
            }
        }
        if section.is_some() {
            doc.blocks[i].apparatus = true;
        }
    }
}

fn ensure_open(open: &mut Option<OpenBlock>, prose: &ProseBuilder, containers: &[BlockKind]) {
    if open.is_none() {
        *open = Some(OpenBlock {
            start: prose.len(),
            kind: containers.last().copied().unwrap_or(BlockKind::Paragraph),
        });
    }
}

/// Finds `<!-- ... -->` comments in an HTML event. The event's text may be a
/// line of a larger HTML block, so offsets come from finding the event's text
/// in the original at its reported span.
fn collect_comments(html: &str, span: Span, original: &str, out: &mut Vec<Comment>) {
    // The event text is normally the original bytes of `span`.
    let base = if original.get(span.range()) == Some(html) {
        span.start
    } else {
        match original[span.range()].find(html) {
            Some(i) => span.start + i,
            None => return,
        }
    };
    let mut from = 0;
    while let Some(open) = html[from..].find("<!--") {
        let start = from + open;
        let Some(close) = html[start + 4..].find("-->") else {
            break;
        };
        let end = start + 4 + close + 3;
        out.push(Comment {
            span: Span::new(base + start, base + end),
            body: html[start + 4..end - 3].to_string(),
        });
        from = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Document {
        read(text, Format::Markdown, &keep_all_lines)
    }

    fn block_texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| doc.block_text(b)).collect()
    }

    #[test]
    fn markdown_prose_skips_code_html_urls_and_front_matter() {
        let text = "---\ndate: 2023-09-11\n---\n# Title\n\nSee [the *article*](https://x.org/a) and `code` <b>x</b>.\n\n```\n\"not a quote at all here\"\n```\n\n![alt text](i.png) <https://x.org>\n";
        let doc = md(text);
        assert_eq!(
            block_texts(&doc),
            vec!["Title", "See the article and \u{FFFC} x."]
        );
        let fm = doc.front_matter.as_ref().unwrap();
        assert_eq!(fm.kind, FrontMatterKind::Yaml);
        assert!(fm.text.contains("2023-09-11"));
        // "article" maps back into the link text, inside the emphasis.
        let p = doc.prose.text().find("article").unwrap();
        let orig = doc.prose.to_original(Span::new(p, p + 7));
        assert_eq!(&text[orig.range()], "article");
    }

    #[test]
    fn toml_front_matter_is_not_prose() {
        let text = "+++\ntitle = \"A \\\"quoted\\\" title of five words\"\ndate = 2023-09-11\n+++\n\nBody.\n";
        let doc = md(text);
        assert_eq!(block_texts(&doc), vec!["Body."]);
        assert_eq!(
            doc.front_matter.as_ref().unwrap().kind,
            FrontMatterKind::Toml
        );
    }

    #[test]
    fn blockquotes_lists_and_footnotes_are_blocks() {
        let text =
            "> quoted words\n> more\n\n- one\n- two\n\nText[^1].\n\n[^1]: Flakin, Left Voice.\n";
        let doc = md(text);
        let kinds: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (doc.block_text(b), b.kind, b.blockquote_depth))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("quoted words\nmore", BlockKind::Paragraph, 1),
                ("one", BlockKind::ListItem, 0),
                ("two", BlockKind::ListItem, 0),
                ("Text.", BlockKind::Paragraph, 0),
                ("Flakin, Left Voice.", BlockKind::Paragraph, 0),
            ]
        );
        assert_eq!(doc.blocks[4].footnote.as_deref(), Some("1"));
        assert_eq!(doc.footnote_refs.len(), 1);
        let r = &doc.footnote_refs[0];
        assert_eq!((r.label.as_str(), &text[r.span.range()]), ("1", "[^1]"));
        assert_eq!(
            &doc.prose.text()[..r.prose_at]
                .trim_start()
                .rsplit("\n")
                .next()
                .unwrap(),
            &"Text"
        );
    }

    #[test]
    fn links_keep_their_destinations_and_text() {
        let text = "As [Left Voice *reported*](https://www.leftvoice.org/x/) and <https://a.org/b>.\n\n`[code](https://no.org)`\n";
        let doc = md(text);
        let links: Vec<_> = doc
            .links
            .iter()
            .map(|l| {
                (
                    l.dest.as_str(),
                    &text[l.span.range()],
                    &doc.prose.text()[l.prose.range()],
                )
            })
            .collect();
        assert_eq!(
            links,
            vec![
                (
                    "https://www.leftvoice.org/x/",
                    "[Left Voice *reported*](https://www.leftvoice.org/x/)",
                    "Left Voice reported"
                ),
                ("https://a.org/b", "<https://a.org/b>", ""),
            ]
        );
    }

    #[test]
    fn comments_are_collected_with_spans() {
        let text = "Para <!-- provlint-disable-line quote::mismatch -- ok --> end.\n\n<!-- provlint-disable-file -->\n";
        let doc = md(text);
        assert_eq!(doc.comments.len(), 2);
        for c in &doc.comments {
            assert!(text[c.span.range()].starts_with("<!--"));
            assert!(text[c.span.range()].ends_with("-->"));
        }
        assert_eq!(doc.comments[1].body.trim(), "provlint-disable-file");
    }

    #[test]
    fn escapes_and_entities_map_back() {
        let text = "Anti\\*Capitalist &amp; more";
        let doc = md(text);
        assert_eq!(doc.prose.text().trim_end(), "Anti*Capitalist & more");
        let p = doc.prose.text().find("more").unwrap();
        assert_eq!(
            &text[doc.prose.to_original(Span::new(p, p + 4)).range()],
            "more"
        );
        let amp = doc.prose.text().find('&').unwrap();
        assert_eq!(
            &text[doc.prose.to_original(Span::new(amp, amp + 1)).range()],
            "&amp;"
        );
    }

    #[test]
    fn reference_sections_and_footnote_definitions_are_apparatus() {
        let text = "# Life\n\nBorn in 1942.[^1]\n\n## References\n\n- Smith, \"A Title Here\", 1990.\n\n### Online\n\n- \"Another\"\n\n## Legacy\n\nStill read.\n\n[^1]: \"Isabel Allende.\" Britannica.\n";
        let doc = md(text);
        let apparatus: Vec<(&str, bool)> = doc
            .blocks
            .iter()
            .map(|b| (doc.block_text(b), b.apparatus))
            .collect();
        assert_eq!(
            apparatus,
            vec![
                ("Life", false),
                ("Born in 1942.", false),
                ("References", true),
                ("Smith, \"A Title Here\", 1990.", true),
                ("Online", true),
                ("\"Another\"", true),
                ("Legacy", false),
                ("Still read.", false),
                ("\"Isabel Allende.\" Britannica.", true),
            ]
        );
        let sentences: Vec<&str> = doc
            .sentences()
            .iter()
            .map(|(_, s)| &doc.prose.text()[s.range()])
            .collect();
        assert_eq!(
            sentences,
            vec!["Life", "Born in 1942.", "Legacy", "Still read."]
        );
    }

    #[test]
    fn superscripts_are_recorded() {
        let doc = md("Many died.<sup>[3]</sup> And more.<sup>4</sup>\n");
        let sups: Vec<&str> = doc
            .superscripts
            .iter()
            .map(|s| &doc.prose.text()[s.range()])
            .collect();
        assert_eq!(sups, vec!["[3]", "4"]);
    }

    #[test]
    fn plain_text_paragraphs_and_skipped_lines() {
        let text = "One line\nand two.\n\n  \nwww.example.com  page 8\nThird.\n";
        let doc = read(text, Format::Text, &|l: &str| l.starts_with("www."));
        assert_eq!(block_texts(&doc), vec!["One line\nand two.", "Third."]);
        let p = doc.prose.text().find("Third").unwrap();
        assert_eq!(
            &text[doc.prose.to_original(Span::new(p, p + 5)).range()],
            "Third"
        );
    }
}
