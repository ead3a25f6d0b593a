"""Drives `provlint lsp` through pytest-lsp's client over stdio.

The client impersonates real editors with their recorded capabilities. The
three below between them offer every position encoding: Neovim 0.11 prefers
UTF-8, VS Code offers nothing (so UTF-16, the protocol's default), and
Emacs prefers UTF-32.
"""

import asyncio
import os
import pathlib
import shutil

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("PROVLINT_BIN") or str(ROOT / "target" / "debug" / "provlint")

# Client, and the encoding it should end up with.
CLIENTS = {
    "neovim@v0.11.0": "utf-8",
    "visual-studio-code": "utf-16",
    "emacs": "utf-32",
}

# A draft with accented and astral-plane text before its quotations, so
# their columns differ in each encoding.
DRAFT = """\
# Víctor Jara y «Enríquez» 𝄞

Víctor dijo «Enríquez» 𝄞 that "the Chilean Army began bombing La Moneda, the presidential palace in the center of Santiago."

Nixon's orders were "to make the economy scream".

The “Chicago boys” were «Friedman-trained disciples from the University of Chicago who were sent to Chile».
"""

FLAKIN = ROOT / "corpus" / "004_ef56cccfc41fb295.txt"
WSWS = ROOT / "corpus" / "002_e8df7b74b7771cac.txt"


def units(text: str, encoding: str) -> int:
    """The length of `text` in the code units of `encoding`."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def position(text: str, index: int, encoding: str) -> types.Position:
    """The position of character `index` of `text`."""
    line = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    return types.Position(line=line, character=units(text[start:index], encoding))


def index(text: str, pos: types.Position, encoding: str) -> int:
    """The character index of `pos` in `text`."""
    start = 0
    for _ in range(pos.line):
        start = text.index("\n", start) + 1
    i, counted = start, 0
    while counted < pos.character:
        counted += units(text[i], encoding)
        i += 1
    return i


def range_of(text: str, needle: str, encoding: str) -> types.Range:
    i = text.index(needle)
    return types.Range(
        start=position(text, i, encoding),
        end=position(text, i + len(needle), encoding),
    )


def apply(text: str, edits, encoding: str) -> str:
    """`text` with `edits` (TextEdits) applied, last first."""
    spans = [
        (index(text, e.range.start, encoding), index(text, e.range.end, encoding), e.new_text)
        for e in edits
    ]
    for a, b, new in sorted(spans, reverse=True):
        text = text[:a] + new + text[b:]
    return text


def make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every published version of every
    document's diagnostics and the capabilities the server registers."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = {}
    client.registrations = []
    features = dict(DEFAULT_CLIENT_FEATURES)

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.setdefault(params.uri, []).append(params)

    def register(client: LanguageClient, params: types.RegistrationParams):
        client.registrations.extend(params.registrations)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[types.CLIENT_REGISTER_CAPABILITY] = register
    register_lsp_features(client, features)
    return client


CONFIG = ClientServerConfig(server_command=[BIN, "lsp"], client_factory=make_client)


def require_server():
    if not pathlib.Path(BIN).is_file():
        pytest.exit(f"no provlint binary at {BIN}: run `cargo build` or set PROVLINT_BIN", returncode=2)


async def start(client: LanguageClient, name: str, root: pathlib.Path = ROOT):
    require_server()
    params = types.InitializeParams(
        capabilities=client_capabilities(name),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
    )
    client.init_result = await client.initialize_session(params)


@pytest_lsp.fixture(config=CONFIG, params=list(CLIENTS))
async def client(lsp_client: LanguageClient, request):
    """A client of each kind, in the repository's workspace."""
    await start(lsp_client, request.param)
    lsp_client.encoding = CLIENTS[request.param]
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def workspace(tmp_path: pathlib.Path) -> pathlib.Path:
    """A copy of the repository's config and corpus, free to change."""
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    shutil.copy(ROOT / "provlint.toml", tmp_path / "provlint.toml")
    return tmp_path


def open_draft(client: LanguageClient, path: pathlib.Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=version, text=text
            )
        )
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, changes):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=changes,
        )
    )


async def diagnostics(client: LanguageClient, uri: str, version: int, timeout: float = 60):
    """The diagnostics published for `version` of `uri`, once they are."""

    async def published():
        while True:
            for p in client.published.get(uri, []):
                if p.version == version:
                    return p.diagnostics
            await asyncio.sleep(0.02)

    return await asyncio.wait_for(published(), timeout)


@pytest_lsp.fixture(config=CONFIG, params=["visual-studio-code", "neovim@v0.7.0"])
async def ws_client(lsp_client: LanguageClient, request, workspace):
    """A client in a workspace of its own: VS Code watches files for the
    server; Neovim 0.7 cannot, so the server polls."""
    await start(lsp_client, request.param, root=workspace)
    lsp_client.encoding = "utf-16"
    lsp_client.watches = request.param == "visual-studio-code"
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def vscode(lsp_client: LanguageClient):
    await start(lsp_client, "visual-studio-code")
    lsp_client.encoding = "utf-16"
    yield
    await lsp_client.shutdown_session()


async def eventually(check, timeout: float = 60):
    """Waits until `check()` returns something true, and returns it."""

    async def poll():
        while not (found := check()):
            await asyncio.sleep(0.02)
        return found

    return await asyncio.wait_for(poll(), timeout)


@pytest_lsp.fixture(config=CONFIG)
async def vscode_in(lsp_client: LanguageClient, workspace):
    """VS Code in a workspace whose config names its corpus `sources`."""
    (workspace / "corpus").rename(workspace / "sources")
    (workspace / "provlint.toml").write_text('corpus = "sources"\n')
    await start(lsp_client, "visual-studio-code", root=workspace)
    lsp_client.encoding = "utf-16"
    yield
    await lsp_client.shutdown_session()
