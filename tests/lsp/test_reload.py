"""The corpus and config are reloaded when they change; a broken manifest is
reported, and checks go on with the last corpus that loaded."""

from conftest import DRAFT, change, diagnostics, eventually, open_draft
from lsprotocol import types
from pytest_lsp import LanguageClient


def changed(client: LanguageClient, path):
    """Tells the server a file changed, when the client is one that watches
    files for it (otherwise the server notices by itself)."""
    if client.watches:
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed)]
            )
        )


def without_source(manifest: str, source_id: str) -> str:
    tables = manifest.split("[[source]]")
    return "[[source]]".join(t for t in tables if f'id = "{source_id}"' not in t)


async def test_a_broken_manifest_keeps_the_last_corpus(ws_client: LanguageClient, workspace):
    client = ws_client
    if client.watches:
        [registration] = await eventually(lambda: client.registrations)
        assert registration.method == "workspace/didChangeWatchedFiles"
    uri = open_draft(client, workspace / "draft.md", DRAFT)
    assert len(await diagnostics(client, uri, 1)) == 2

    manifest = workspace / "corpus" / "sources.toml"
    good = manifest.read_text()
    manifest.write_text(good + '\n[[source]]\nid = "half-written"\n')
    changed(client, manifest)
    message = await eventually(lambda: client.messages)
    assert message[0].type == types.MessageType.Error
    assert "sources.toml" in message[0].message and "still checking" in message[0].message
    # The manifest shows the error where it is.
    assert await eventually(lambda: client.diagnostics.get(manifest.as_uri()))

    # Checks go on, with the corpus that loaded before.
    change(client, uri, 2, [types.TextDocumentContentChangeWholeDocument(
        text=DRAFT.replace("Army", "Air Force"))])
    [left] = await diagnostics(client, uri, 2)
    assert left.code == "quote::mismatch" and "wsws-2023" in left.message

    # A manifest without wsws-2023 loads: that quotation is now unverified.
    published = len(client.published[uri])
    manifest.write_text(without_source(good, "wsws-2023"))
    changed(client, manifest)
    await eventually(lambda: len(client.published[uri]) > published)
    [left] = client.published[uri][-1].diagnostics
    assert left.code == "quote::unverified"
    assert list(client.diagnostics[manifest.as_uri()]) == []


async def test_a_config_change_applies_at_once(ws_client: LanguageClient, workspace):
    client = ws_client
    uri = open_draft(client, workspace / "draft.md", DRAFT)
    assert {d.severity for d in await diagnostics(client, uri, 1)} == {types.DiagnosticSeverity.Error}
    config = workspace / "provlint.toml"
    config.write_text(config.read_text() + '\n[rules]\n"quote::mismatch" = "warning"\n')
    changed(client, config)
    await eventually(lambda: len(client.published[uri]) > 1)
    assert {d.severity for d in client.published[uri][-1].diagnostics} == {types.DiagnosticSeverity.Warning}


async def test_the_watchers_follow_the_configs_corpus(vscode_in, workspace):
    """A config naming another corpus directory is watched there."""
    client = vscode_in
    [registration] = await eventually(lambda: client.registrations)
    globs = [str(w["globPattern"]) for w in registration.register_options["watchers"]]
    assert any(str(workspace / "sources") in g for g in globs), globs
    uri = open_draft(client, workspace / "draft.md", DRAFT)
    assert len(await diagnostics(client, uri, 1)) == 2


async def test_a_buffer_over_the_size_limit_is_refused_with_a_message(ws_client: LanguageClient, workspace):
    client = ws_client
    config = workspace / "provlint.toml"
    limit = len(DRAFT.encode()) + 100
    config.write_text(config.read_text() + f"\nmax_draft_bytes = {limit}\n")
    uri = open_draft(client, workspace / "draft.md", DRAFT + "\n" + "Filler words for a long draft. " * 20)
    message = await eventually(lambda: [m for m in client.messages if "max_draft_bytes" in m.message])
    assert message[0].type == types.MessageType.Warning
    assert "draft.md" in message[0].message and "not checked" in message[0].message
    # Back under the limit, it is checked again.
    change(client, uri, 2, [types.TextDocumentContentChangeWholeDocument(text=DRAFT)])
    assert len(await diagnostics(client, uri, 2)) == 2
