//! `provlint lsp`: a language server over standard input and output.
//!
//! It is an edge like the CLI: it builds a `Draft` from the editor's buffer
//! (saved or not), calls `checks::check` against the workspace's corpus,
//! and converts what comes back (`convert`). Hover and go to definition
//! show the evidence behind what is under the cursor (`evidence`).
//!
//! Concurrency. The message loop never does the work: loading the corpus
//! and checking a draft run on blocking threads, at most one check per
//! core at a time. Each check is for one version of a document; a result
//! for a version that is no longer current is dropped, and changes are
//! debounced ([`DEBOUNCE`]). The corpus is loaded once and reloaded when
//! the config, the manifest or a source file changes (watched through the
//! client, or polled when the client cannot watch); a reload that fails is
//! shown to the writer, and checks go on with the last corpus that loaded.

pub mod convert;
pub mod encoding;
pub mod evidence;
pub mod project;

use crate::diagnostic::FileReport;
use crate::draft::Draft;
use crate::span::Span;
use crate::text::Format;
use convert::Caps;
use encoding::Text;
use project::{Loaded, Origin, Project, RuleDocs, Watched};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime};
use tokio::sync::{Semaphore, watch};
use tower_lsp_server::jsonrpc::Result as RpcResult;
use tower_lsp_server::ls_types::{self as lsp, Uri};
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

/// How long the buffer must be still before it is checked.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// How often the config and corpus files are polled when the client does
/// not watch files for the server.
const POLL: Duration = Duration::from_secs(2);

/// The server's overrides, from the command line (`provlint --config FILE
/// --corpus DIR lsp`).
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub config: Option<PathBuf>,
    pub corpus: Option<PathBuf>,
}

/// Runs the server on standard input and output until the client says
/// `exit`.
pub fn run(options: Options) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (service, socket) = LspService::new(|client| Backend::new(client, options));
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    // Blocking work still running (a check of a closed buffer) is not waited for.
    runtime.shutdown_timeout(Duration::from_millis(100));
    Ok(())
}

/// The `initializationOptions` a client may send: the same overrides as
/// the command line, relative to the workspace root.
#[derive(Debug, Default, Deserialize)]
struct InitOptions {
    config: Option<PathBuf>,
    corpus: Option<PathBuf>,
}

/// An open document.
struct Doc {
    text: Arc<str>,
    version: i32,
    /// The path the draft is reported under (relative to the workspace
    /// root when it is inside it).
    path: String,
    format: Format,
    /// Whether it is a draft to check (not the config, not a source).
    draft: bool,
    /// The last check of it.
    checked: Option<Arc<Checked>>,
}

/// One check of one version of a document.
#[derive(Debug)]
struct Checked {
    version: i32,
    /// The project load it was checked against.
    generation: u64,
    draft: Draft,
    report: FileReport,
    project: Arc<Project>,
    text: Arc<str>,
}

struct Backend {
    shared: Arc<Shared>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Status {
    attempts: u64,
    generation: u64,
}

struct Shared {
    client: Client,
    options: Options,
    caps: OnceLock<Caps>,
    origin: OnceLock<Origin>,
    rule_docs: OnceLock<RuleDocs>,
    docs: Mutex<HashMap<Uri, Doc>>,
    loaded: Mutex<Loaded>,
    /// How many loads finished, and the generation of the last project
    /// that loaded (0: none yet).
    ready: watch::Sender<Status>,
    watched: Mutex<Watched>,
    /// Bumped by every request for a reload; a reload runs when no newer
    /// request came during its debounce.
    reload_requests: Mutex<u64>,
    /// The config or manifest the last failed load pointed into, whose
    /// diagnostics must be cleared when a load succeeds.
    error_file: Mutex<Option<Uri>>,
    checks: Semaphore,
    /// Whether the client watches files for the server.
    watching: AtomicBool,
}

impl Backend {
    fn new(client: Client, options: Options) -> Backend {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Backend {
            shared: Arc::new(Shared {
                client,
                options,
                caps: OnceLock::new(),
                origin: OnceLock::new(),
                rule_docs: OnceLock::new(),
                docs: Mutex::new(HashMap::new()),
                loaded: Mutex::new(Loaded::default()),
                ready: watch::channel(Status::default()).0,
                watched: Mutex::new(Watched::default()),
                reload_requests: Mutex::new(0),
                error_file: Mutex::new(None),
                checks: Semaphore::new(cores),
                watching: AtomicBool::new(false),
            }),
        }
    }
}

/// The path of a `file:` URI; `None` for other schemes (`untitled:`).
fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The workspace root: the first workspace folder, else the root URI, else
/// the current directory.
#[allow(deprecated)]
fn root_of(params: &lsp::InitializeParams) -> PathBuf {
    let from_uri = file_path;
    params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|f| from_uri(&f.uri))
        .or_else(|| params.root_uri.as_ref().and_then(from_uri))
        .or_else(|| params.root_path.as_ref().map(PathBuf::from))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> RpcResult<lsp::InitializeResult> {
        let caps = Caps::from_params(&params);
        let init: InitOptions = params
            .initialization_options
            .clone()
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default();
        let root = project::absolute(&root_of(&params));
        let origin = Origin {
            root,
            config: init.config.or_else(|| self.shared.options.config.clone()),
            corpus: init.corpus.or_else(|| self.shared.options.corpus.clone()),
        };
        *self.shared.watched.lock().unwrap() = Watched::new(&origin, None);
        let _ = self.shared.origin.set(origin);
        let offered_offset_encoding = params.capabilities.offset_encoding.is_some();
        let encoding = caps.encoding;
        let _ = self.shared.caps.set(caps);
        Ok(lsp::InitializeResult {
            capabilities: lsp::ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                    lsp::TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                        save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(
                            lsp::SaveOptions {
                                include_text: Some(false),
                            },
                        )),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
                definition_provider: Some(lsp::OneOf::Left(true)),
                code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                    lsp::CodeActionOptions {
                        code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                        ..Default::default()
                    },
                )),
                ..Default::default()
            },
            server_info: Some(lsp::ServerInfo {
                name: "provlint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: offered_offset_encoding.then(|| encoding.name().to_string()),
        })
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        let shared = self.shared.clone();
        let _ = shared.rule_docs.set(
            tokio::task::spawn_blocking(RuleDocs::write)
                .await
                .unwrap_or_default(),
        );
        // Load the corpus, then watch what it was loaded from (the paths
        // are only known once the config is read).
        tokio::spawn(async move {
            shared.load().await;
            if shared.caps().watch_files {
                shared.register_watchers().await;
            } else {
                shared.poll_files().await;
            }
        });
    }

    async fn shutdown(&self) -> RpcResult<()> {
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        let d = params.text_document;
        let (path, format, draft) = self.shared.describe(&d.uri, &d.language_id);
        self.shared.docs.lock().unwrap().insert(
            d.uri.clone(),
            Doc {
                text: Arc::from(d.text),
                version: d.version,
                path,
                format,
                draft,
                checked: None,
            },
        );
        if draft {
            self.shared
                .clone()
                .schedule(d.uri, d.version, Duration::ZERO);
        }
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let enc = self.shared.caps().encoding;
        let draft = {
            let mut docs = self.shared.docs.lock().unwrap();
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            let mut text = doc.text.to_string();
            for change in params.content_changes {
                match change.range {
                    Some(range) => {
                        let lines = crate::span::LineIndex::new(&text);
                        let span = Text::new(&text, &lines).span(range, enc);
                        text.replace_range(span.range(), &change.text);
                    }
                    None => text = change.text,
                }
            }
            doc.text = Arc::from(text);
            doc.version = version;
            doc.draft
        };
        if draft {
            self.shared.clone().schedule(uri, version, DEBOUNCE);
        }
    }

    async fn did_save(&self, params: lsp::DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if let Some(path) = file_path(&uri) {
            if self.shared.watched.lock().unwrap().affected_by(&path) {
                self.shared.clone().reload(Duration::ZERO);
            }
        }
        let current = {
            let docs = self.shared.docs.lock().unwrap();
            docs.get(&uri).filter(|d| d.draft).map(|d| d.version)
        };
        if let Some(version) = current {
            self.shared.clone().schedule(uri, version, Duration::ZERO);
        }
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let was_draft = self
            .shared
            .docs
            .lock()
            .unwrap()
            .remove(&uri)
            .is_some_and(|d| d.draft);
        if was_draft {
            self.shared
                .client
                .publish_diagnostics(uri, Vec::new(), None)
                .await;
        }
    }

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        let watched = self.shared.watched.lock().unwrap().clone();
        let relevant = params
            .changes
            .iter()
            .any(|c| file_path(&c.uri).is_some_and(|p| watched.affected_by(&p)));
        if relevant {
            self.shared.clone().reload(Duration::from_millis(100));
        }
    }

    async fn hover(&self, params: lsp::HoverParams) -> RpcResult<Option<lsp::Hover>> {
        let p = params.text_document_position_params;
        let enc = self.shared.caps().encoding;
        let markdown = self.shared.caps().markdown;
        let Some(checked) = self.shared.checked(&p.text_document.uri).await else {
            return Ok(None);
        };
        let answer = tokio::task::spawn_blocking(move || {
            let lines = &checked.draft.lines;
            let offset = Text::new(&checked.text, lines).offset(p.position, enc);
            let c = evidence::Checked {
                draft: &checked.draft,
                report: &checked.report,
                project: &checked.project,
            };
            let items = evidence::items_at(&c, offset);
            if items.is_empty() {
                return None;
            }
            let span = items
                .iter()
                .map(|i| i.span)
                .reduce(|a, b| if b.len() < a.len() { b } else { a })
                .unwrap_or_default();
            let value = evidence::hover_text(&items, &checked.project, enc);
            Some(lsp::Hover {
                contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                    kind: if markdown {
                        lsp::MarkupKind::Markdown
                    } else {
                        lsp::MarkupKind::PlainText
                    },
                    value,
                }),
                range: Some(Text::new(&checked.text, lines).range(span, enc)),
            })
        })
        .await;
        Ok(answer.ok().flatten())
    }

    async fn goto_definition(
        &self,
        params: lsp::GotoDefinitionParams,
    ) -> RpcResult<Option<lsp::GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let enc = self.shared.caps().encoding;
        let Some(checked) = self.shared.checked(&p.text_document.uri).await else {
            return Ok(None);
        };
        let answer = tokio::task::spawn_blocking(move || {
            let offset = Text::new(&checked.text, &checked.draft.lines).offset(p.position, enc);
            let c = evidence::Checked {
                draft: &checked.draft,
                report: &checked.report,
                project: &checked.project,
            };
            let items = evidence::items_at(&c, offset);
            let locations = evidence::definitions(&items, &checked.project, enc);
            match locations.len() {
                0 => None,
                1 => Some(lsp::GotoDefinitionResponse::Scalar(
                    locations.into_iter().next()?,
                )),
                _ => Some(lsp::GotoDefinitionResponse::Array(locations)),
            }
        })
        .await;
        Ok(answer.ok().flatten())
    }

    async fn code_action(
        &self,
        params: lsp::CodeActionParams,
    ) -> RpcResult<Option<lsp::CodeActionResponse>> {
        let uri = params.text_document.uri;
        let caps = self.shared.caps().clone();
        let Some(checked) = self.shared.checked(&uri).await else {
            return Ok(None);
        };
        let docs = self.shared.rule_docs();
        let actions = tokio::task::spawn_blocking(move || {
            let text = Text::new(&checked.text, &checked.draft.lines);
            let range = text.span(params.range, caps.encoding);
            let buffer = convert::Buffer {
                uri: &uri,
                text,
                markdown: checked.draft.format == Format::Markdown,
            };
            convert::code_actions(
                &checked.report.diagnostics,
                buffer,
                range,
                &checked.project,
                &caps,
                &docs,
            )
        })
        .await
        .unwrap_or_default();
        Ok((!actions.is_empty()).then_some(actions))
    }
}

impl Shared {
    fn caps(&self) -> &Caps {
        self.caps.get_or_init(Caps::default)
    }

    fn origin(&self) -> Origin {
        self.origin.get().cloned().unwrap_or_default()
    }

    fn rule_docs(&self) -> RuleDocs {
        self.rule_docs.get().cloned().unwrap_or_default()
    }

    /// How a document is reported and read, and whether it is a draft to
    /// check: Markdown and text files outside the corpus directory.
    fn describe(&self, uri: &Uri, language: &str) -> (String, Format, bool) {
        let markdown_language = matches!(language, "markdown" | "mdx");
        let text_language = matches!(language, "plaintext" | "text");
        let Some(path) = file_path(uri) else {
            // An unsaved, untitled buffer.
            let format = if markdown_language {
                Format::Markdown
            } else {
                Format::Text
            };
            return (
                uri.as_str().to_string(),
                format,
                markdown_language || text_language,
            );
        };
        let root = self.origin().root;
        let shown = path
            .strip_prefix(&root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.clone());
        let by_extension = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            crate::files::DRAFT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
        });
        let format = if markdown_language {
            Format::Markdown
        } else {
            Format::from_path(&path)
        };
        let in_corpus =
            project::absolute(&path).starts_with(&self.watched.lock().unwrap().corpus_dir);
        let draft = (markdown_language || text_language || by_extension) && !in_corpus;
        (shown.display().to_string(), format, draft)
    }

    /// Checks version `version` of `uri` after `delay`, unless the
    /// document changed in the meantime (a newer schedule will check it).
    fn schedule(self: Arc<Self>, uri: Uri, version: i32, delay: Duration) {
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let current = self
                .docs
                .lock()
                .unwrap()
                .get(&uri)
                .is_some_and(|d| d.version == version);
            if current {
                self.check(&uri, false).await;
            }
        });
    }

    /// The current version of `uri`, checked against the current project:
    /// the stored result when there is one, else a check now (waiting for
    /// the corpus to load if it has not yet).
    async fn checked(self: &Arc<Self>, uri: &Uri) -> Option<Arc<Checked>> {
        if let Some(c) = self.current(uri) {
            return Some(c);
        }
        self.check(uri, true).await;
        self.current(uri).or_else(|| {
            // A newer version came in while checking: any check will do
            // for a request about the text as it was a moment ago.
            self.docs.lock().unwrap().get(uri)?.checked.clone()
        })
    }

    /// The stored check of `uri` if it is of its current version and of
    /// the current project.
    fn current(&self, uri: &Uri) -> Option<Arc<Checked>> {
        let generation = self.ready.borrow().generation;
        let docs = self.docs.lock().unwrap();
        let doc = docs.get(uri)?;
        doc.checked
            .clone()
            .filter(|c| c.version == doc.version && c.generation == generation)
    }

    /// Checks the current version of `uri` and publishes its diagnostics,
    /// unless the document changed meanwhile. Background checks take turns
    /// (one per core); a check a request waits for (`foreground`) does not
    /// queue behind them, so a hover in a small draft is not held up by a
    /// large one being checked.
    async fn check(self: &Arc<Self>, uri: &Uri, foreground: bool) {
        if !self.docs.lock().unwrap().get(uri).is_some_and(|d| d.draft) {
            return;
        }
        if self.current(uri).is_some() {
            return;
        }
        // Wait for the first load; without a corpus nothing can be checked
        // (a load that succeeds later checks every open draft).
        let mut ready = self.ready.subscribe();
        match ready.wait_for(|s| s.attempts > 0).await {
            Ok(s) if s.generation > 0 => {}
            _ => return,
        }
        let _permit = if foreground {
            None
        } else {
            match self.checks.acquire().await {
                Ok(p) => Some(p),
                Err(_) => return,
            }
        };
        let snapshot = {
            let loaded = self.loaded.lock().unwrap();
            let docs = self.docs.lock().unwrap();
            let Some(doc) = docs.get(uri) else {
                return;
            };
            let Some(project) = loaded.project.clone() else {
                return;
            };
            (
                doc.text.clone(),
                doc.version,
                doc.path.clone(),
                doc.format,
                project,
                loaded.generation,
            )
        };
        if self.current(uri).is_some() {
            return;
        }
        let (text, version, path, format, project, generation) = snapshot;
        // As on the command line: a buffer over the size limit is refused
        // with a message, not checked.
        let limit = project.settings.max_draft_bytes;
        if text.len() as u64 > limit {
            self.client
                .show_message(
                    lsp::MessageType::WARNING,
                    format!(
                        "provlint: {} is over the limit of {limit} bytes ({} bytes); not checked (max_draft_bytes)",
                        uri.as_str(),
                        text.len()
                    ),
                )
                .await;
            return;
        }
        let result = tokio::task::spawn_blocking(move || {
            let draft = Draft::new(path, text.clone(), format);
            let report = crate::checks::check(&draft, &project.corpus, &project.settings);
            Checked {
                version,
                generation,
                draft,
                report,
                project,
                text,
            }
        })
        .await;
        let Ok(checked) = result else {
            self.client
                .log_message(
                    lsp::MessageType::ERROR,
                    format!("provlint: checking {} failed", uri.as_str()),
                )
                .await;
            return;
        };
        let checked = Arc::new(checked);
        {
            let mut docs = self.docs.lock().unwrap();
            let Some(doc) = docs.get_mut(uri) else {
                return;
            };
            // Stale: the buffer changed while it was checked, or a check
            // against a newer corpus finished first.
            if doc.version != version
                || doc
                    .checked
                    .as_ref()
                    .is_some_and(|c| c.version == version && c.generation >= generation)
            {
                return;
            }
            doc.checked = Some(checked.clone());
        }
        let caps = self.caps().clone();
        let docs = self.rule_docs();
        let diagnostics: Vec<lsp::Diagnostic> = checked
            .report
            .diagnostics
            .iter()
            .map(|d| {
                convert::diagnostic(
                    d,
                    Text::new(&checked.text, &checked.draft.lines),
                    &checked.project,
                    &caps,
                    &docs,
                )
            })
            .collect();
        self.client
            .publish_diagnostics(uri.clone(), diagnostics, Some(version))
            .await;
    }

    /// Reloads the config and corpus after `delay` (changes to several
    /// files at once make one reload), then checks every open draft again.
    fn reload(self: Arc<Self>, delay: Duration) {
        let ticket = {
            let mut n = self.reload_requests.lock().unwrap();
            *n += 1;
            *n
        };
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            if *self.reload_requests.lock().unwrap() != ticket {
                return;
            }
            self.load().await;
        });
    }

    /// Loads the config and corpus now, off the message loop.
    async fn load(self: &Arc<Self>) {
        let origin = self.origin();
        let loaded = {
            let origin = origin.clone();
            tokio::task::spawn_blocking(move || Project::load(&origin)).await
        };
        let Ok(loaded) = loaded else {
            return;
        };
        match loaded {
            Ok(project) => self.loaded_ok(project, &origin).await,
            Err(e) => self.loaded_err(e).await,
        }
    }

    async fn loaded_ok(self: &Arc<Self>, project: Project, origin: &Origin) {
        let watched = project.watched(origin);
        let (generation, recovered) = {
            let mut loaded = self.loaded.lock().unwrap();
            loaded.generation += 1;
            loaded.project = Some(Arc::new(project));
            let recovered = loaded.error.take().is_some();
            (loaded.generation, recovered)
        };
        let moved = {
            let mut w = self.watched.lock().unwrap();
            let moved = *w != watched;
            *w = watched;
            moved
        };
        if moved && self.watching.load(Ordering::SeqCst) {
            self.register_watchers().await;
        }
        let error_file = self.error_file.lock().unwrap().take();
        if let Some(uri) = error_file {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
        let sources = self
            .loaded
            .lock()
            .unwrap()
            .project
            .as_ref()
            .map_or(0, |p| p.corpus.sources.len());
        self.client
            .log_message(
                lsp::MessageType::INFO,
                format!("provlint: corpus loaded ({sources} sources, load {generation})"),
            )
            .await;
        if recovered {
            self.client
                .show_message(
                    lsp::MessageType::INFO,
                    format!("provlint: the corpus loads again ({sources} sources)"),
                )
                .await;
        }
        self.ready.send_modify(|s| {
            s.attempts += 1;
            s.generation = generation;
        });
        // Check every open draft against the new corpus.
        let open: Vec<(Uri, i32)> = self
            .docs
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, d)| d.draft)
            .map(|(u, d)| (u.clone(), d.version))
            .collect();
        for (uri, version) in open {
            self.clone().schedule(uri, version, Duration::ZERO);
        }
    }

    async fn loaded_err(self: &Arc<Self>, e: crate::error::Error) {
        let line = project::one_line(&e);
        let had = {
            let mut loaded = self.loaded.lock().unwrap();
            loaded.error = Some(line.clone());
            loaded.project.is_some()
        };
        self.ready.send_modify(|s| s.attempts += 1);
        let message = if had {
            format!(
                "provlint: the corpus or config has an error; still checking with the corpus loaded before: {line}"
            )
        } else {
            format!(
                "provlint: cannot load the corpus or config, so nothing is checked until it is fixed: {line}"
            )
        };
        self.client
            .log_message(lsp::MessageType::ERROR, &message)
            .await;
        self.client
            .show_message(lsp::MessageType::ERROR, message)
            .await;
        // Point at the error in the manifest or config too.
        if let (Some(path), Some((span, label))) = (&e.path, &e.span) {
            let path = project::absolute(path);
            if let (Ok(text), Some(uri)) =
                (std::fs::read_to_string(&path), Uri::from_file_path(&path))
            {
                let lines = crate::span::LineIndex::new(&text);
                let enc = self.caps().encoding;
                let span = Span::new(span.start.min(text.len()), span.end.min(text.len()));
                let mut message = e.message.clone();
                if let Some(help) = &e.help {
                    message.push('\n');
                    message.push_str(help);
                }
                let diagnostic = lsp::Diagnostic {
                    range: Text::new(&text, &lines).range(span, enc),
                    severity: Some(lsp::DiagnosticSeverity::ERROR),
                    code: Some(lsp::NumberOrString::String(e.code.to_string())),
                    source: Some("provlint".to_string()),
                    message: if label.is_empty() {
                        message
                    } else {
                        format!("{message}\n({label})")
                    },
                    ..Default::default()
                };
                *self.error_file.lock().unwrap() = Some(uri.clone());
                self.client
                    .publish_diagnostics(uri, vec![diagnostic], None)
                    .await;
            }
        }
    }

    /// Asks the client to tell the server when the config, the manifest or
    /// a source file changes on disk.
    async fn register_watchers(&self) {
        let w = self.watched.lock().unwrap().clone();
        let pattern = |base: &Path, glob: &str| -> Option<lsp::FileSystemWatcher> {
            let glob_pattern = if self.caps().relative_patterns {
                lsp::GlobPattern::Relative(lsp::RelativePattern {
                    base_uri: lsp::OneOf::Right(Uri::from_file_path(base)?),
                    pattern: glob.to_string(),
                })
            } else {
                lsp::GlobPattern::String(format!("{}/{glob}", base.display()))
            };
            Some(lsp::FileSystemWatcher {
                glob_pattern,
                kind: None,
            })
        };
        let config_dir = w.config.parent().unwrap_or(Path::new("/"));
        let config_name = w
            .config
            .file_name()
            .map_or("provlint.toml".into(), |n| n.to_string_lossy());
        let watchers: Vec<lsp::FileSystemWatcher> = [
            pattern(config_dir, &config_name),
            pattern(&w.corpus_dir, "**/*"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
        let id = "provlint-watch".to_string();
        if self.watching.load(Ordering::SeqCst) {
            let _ = self
                .client
                .unregister_capability(vec![lsp::Unregistration {
                    id: id.clone(),
                    method: "workspace/didChangeWatchedFiles".to_string(),
                }])
                .await;
        }
        let registered = self
            .client
            .register_capability(vec![lsp::Registration {
                id,
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            }])
            .await;
        self.watching.store(registered.is_ok(), Ordering::SeqCst);
        if let Err(e) = registered {
            self.client
                .log_message(
                    lsp::MessageType::WARNING,
                    format!("provlint: the client would not watch the corpus ({e}); reload by saving the config or manifest"),
                )
                .await;
        }
    }

    /// Polls the config and corpus files for changes, for clients that
    /// cannot watch files for the server.
    async fn poll_files(self: Arc<Self>) {
        let stamp = |files: Vec<PathBuf>| -> Vec<(PathBuf, Option<SystemTime>, u64)> {
            files
                .into_iter()
                .map(|f| {
                    let m = std::fs::metadata(&f).ok();
                    let modified = m.as_ref().and_then(|m| m.modified().ok());
                    let len = m.map_or(0, |m| m.len());
                    (f, modified, len)
                })
                .collect()
        };
        let mut last = None;
        loop {
            let watched = self.watched.lock().unwrap().clone();
            let now = tokio::task::spawn_blocking(move || stamp(watched.files()))
                .await
                .unwrap_or_default();
            if last.as_ref().is_some_and(|l| *l != now) {
                self.clone().reload(Duration::ZERO);
            }
            last = Some(now);
            tokio::time::sleep(POLL).await;
        }
    }
}
